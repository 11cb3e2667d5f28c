/// Names looked up by their bytes: referral types, event types, declared attributes, the
/// constants of a long `in:` list. A short table is scanned (comparing a few short names costs
/// less than hashing one); a long one is hashed, so the cost does not grow with the names.
/// Lookups follow ``TextBytes``: a name outside ASCII matches its canonical equivalents.
///
/// Each name also has two words, ``key(_:)``: with the length they are the bytes themselves
/// for a name of at most 16 bytes, so a scan compares a word, a length and a word a name
/// and reads no byte of the text twice; a longer name's bytes are compared on a match.
struct NameTable: Sendable, BitwiseCopyable {
    /// Up to this many names, a scan beats hashing.
    static let scanLimit = 12

    let count: Int
    private let pool: PlanTable<UInt8>
    private let spans: PlanTable<Span32>
    /// ``key(_:)`` of each name: its first word, and its last.
    private let heads: PlanTable<UInt64>
    private let tails: PlanTable<UInt64>
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
        let keys = names.map { name in Array(name.utf8).withUnsafeBufferPointer(Self.key) }
        heads = PlanTable(keys.map(\.head))
        tails = PlanTable(keys.map(\.tail))
        allASCII = names.allSatisfy(TextBytes.isASCII)
        if names.count > Self.scanLimit {
            var size = 16
            while size < names.count * 2 { size <<= 1 }
            var table = [Int32](repeating: 0, count: size)
            for (k, name) in names.enumerated() {
                var slot = Int(truncatingIfNeeded: Self.hash(keys[k], name.utf8.count)) & (size - 1)
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

    /// The index of the name `text` holds, or nil. Inlined: a short table of ASCII names, the
    /// usual case, is a few compares where it is asked.
    @inline(__always) func index(of text: UnsafeBufferPointer<UInt8>, ascii: Bool) -> Int? {
        guard ascii && allASCII && count <= Self.scanLimit else { return lookUp(text, ascii: ascii) }
        return Self.scan(text, count, heads.all, tails.all, spans.all, pool)
    }

    /// ``index(of:ascii:)`` of the table at `table`, read where it is: a table kept in a plan
    /// table (a rule's long list) is not copied, a dozen words, for each lookup.
    @inline(__always)
    static func index(in table: UnsafePointer<NameTable>, of text: UnsafeBufferPointer<UInt8>, ascii: Bool) -> Int? {
        let count = table.pointee.count
        guard ascii && table.pointee.allASCII && count <= scanLimit else { return table.pointee.lookUp(text, ascii: ascii) }
        return scan(text, count, table.pointee.heads.all, table.pointee.tails.all, table.pointee.spans.all, table.pointee.pool)
    }

    /// The scan of a short table of ASCII names for an ASCII text.
    @inline(__always)
    private static func scan(_ text: UnsafeBufferPointer<UInt8>, _ count: Int, _ heads: UnsafeBufferPointer<UInt64>,
                             _ tails: UnsafeBufferPointer<UInt64>, _ spans: UnsafeBufferPointer<Span32>, _ pool: PlanTable<UInt8>) -> Int? {
        let key = key(text)
        let n = text.count
        // `k` stays below `count`, the length of the three tables.
        for k in 0..<count where heads[k] == key.head && Int(spans[k].count) == n && tails[k] == key.tail {
            if n <= 16 || longNameEqual(pool.buffer(spans[k]), text) { return k }
        }
        return nil
    }

    /// Whether a name longer than 16 bytes whose key matched `text`'s is `text`: the key covers
    /// bytes 0..<8 and n-8..<n, so up to 24 bytes (`rewards_this_year`) the word at 8 is what
    /// is left to compare (its load is inside both, n > 16); a longer name is compared whole.
    @inline(__always)
    private static func longNameEqual(_ name: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard text.count <= 24, name.count == text.count, let a = name.baseAddress, let b = text.baseAddress else {
            return TextBytes.bytesEqual(name, text)
        }
        return UnsafeRawPointer(a).loadUnaligned(fromByteOffset: 8, as: UInt64.self)
            == UnsafeRawPointer(b).loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    }

    /// ``index(of:ascii:)`` for a text or a table outside ASCII (compared as canonical
    /// equivalents), or a long table (hashed).
    private func lookUp(_ text: UnsafeBufferPointer<UInt8>, ascii: Bool) -> Int? {
        if !(ascii && allASCII) {
            for k in 0..<count where TextBytes.equal(bytes(k), text, ascii: false) { return k }
            return nil
        }
        let key = Self.key(text)
        let n = text.count
        var slot = Int(truncatingIfNeeded: Self.hash(key, n)) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let k = Int(entry) - 1
            if heads[k] == key.head, Int(spans[k].count) == n, tails[k] == key.tail, n <= 16 || Self.longNameEqual(bytes(k), text) {
                return k
            }
            slot = (slot + 1) & mask
        }
    }

    /// Two words of `text`'s bytes: up to 16 bytes, with the length, determine them and they
    /// determine the bytes (the first 8, or fewer, and the last 8 of a longer text). Every load
    /// is inside the text (a 4- or 8-byte load only when the text is at least that long).
    @inline(__always) static func key(_ text: UnsafeBufferPointer<UInt8>) -> (head: UInt64, tail: UInt64) {
        let n = text.count
        guard n > 0, let p = text.baseAddress else { return (0, 0) }
        let raw = UnsafeRawPointer(p)
        if n >= 8 {
            let first = raw.loadUnaligned(as: UInt64.self)
            if n == 8 { return (first, 0) }
            return (first, raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self))
        }
        if n >= 4 {
            // Bytes 0..<4 and n-4..<n: together every byte, for 4 <= n < 8.
            let low = UInt64(raw.loadUnaligned(as: UInt32.self))
            let high = UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
            return (low | high << 32, 0)
        }
        // Bytes 0, n/2 and n-1: every byte, for n < 4.
        return (UInt64(p[0]) | UInt64(p[n >> 1]) << 8 | UInt64(p[n - 1]) << 16, 0)
    }

    /// A slot of the hashed table for a name's key and length.
    private static func hash(_ key: (head: UInt64, tail: UInt64), _ count: Int) -> UInt64 {
        let h = (key.head ^ (key.tail &* 0x9e37_79b9_7f4a_7c15) ^ UInt64(truncatingIfNeeded: count)) &* 0xff51_afd7_ed55_8ccd
        return h ^ (h >> 29)
    }

    /// Frees the tables; called by the plan that owns them.
    func deallocate() {
        pool.deallocate()
        spans.deallocate()
        heads.deallocate()
        tails.deallocate()
        slots.deallocate()
    }
}
