/// Names looked up by their bytes: referral types, event types, declared attributes, the
/// constants of a long `in:` list. A short table is scanned (comparing a few short names costs
/// less than hashing one); a long one is hashed, so the cost does not grow with the names.
/// Lookups follow ``TextBytes``: a name outside ASCII matches its canonical equivalents.
struct NameTable: Sendable, BitwiseCopyable {
    /// Up to this many names, a scan beats hashing.
    static let scanLimit = 12

    let count: Int
    private let pool: PlanTable<UInt8>
    private let spans: PlanTable<Span32>
    /// Open addressing: slot → name index + 1, 0 for empty. Empty for a short table.
    private let slots: PlanTable<Int32>
    private let mask: Int
    /// True when every name is ASCII, so an ASCII probe needs no canonical comparison.
    let allASCII: Bool

    init(_ names: [String]) {
        count = names.count
        var bytes: [UInt8] = []
        var spans: [Span32] = []
        for name in names {
            spans.append(Span32(start: Int32(bytes.count), count: Int32(name.utf8.count)))
            bytes += name.utf8
        }
        pool = PlanTable(bytes)
        self.spans = PlanTable(spans)
        allASCII = names.allSatisfy(TextBytes.isASCII)
        if names.count > Self.scanLimit {
            var size = 16
            while size < names.count * 2 { size <<= 1 }
            var table = [Int32](repeating: 0, count: size)
            for (k, name) in names.enumerated() {
                var slot = Int(truncatingIfNeeded: Self.hash(Array(name.utf8))) & (size - 1)
                while table[slot] != 0 { slot = (slot + 1) & (size - 1) }
                table[slot] = Int32(k + 1)
            }
            slots = PlanTable(table)
            mask = size - 1
        } else {
            slots = PlanTable([])
            mask = 0
        }
    }

    /// The bytes of name `k`.
    @inline(__always) func bytes(_ k: Int) -> UnsafeBufferPointer<UInt8> {
        pool.buffer(spans[k])
    }

    /// The index of the name `text` holds, or nil.
    func index(of text: UnsafeBufferPointer<UInt8>, ascii: Bool) -> Int? {
        let exact = ascii && allASCII
        if count <= Self.scanLimit || !exact {
            for k in 0..<count where TextBytes.equal(bytes(k), text, ascii: exact) { return k }
            return nil
        }
        var slot = Int(truncatingIfNeeded: Self.hash(text)) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if TextBytes.bytesEqual(bytes(Int(entry) - 1), text) { return Int(entry) - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// FNV-1a.
    private static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// Frees the tables; called by the plan that owns them.
    func deallocate() {
        pool.deallocate()
        spans.deallocate()
        slots.deallocate()
    }
}
