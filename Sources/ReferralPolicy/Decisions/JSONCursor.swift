/// Writes JSON bytes into space reserved beforehand: the one place where the bytes of a
/// decision's values are formed (instants, integers, amounts, escaped text), for ``JSONWriter``
/// and ``DecisionWriter`` alike.
///
/// The caller reserves an upper bound of what it is about to write, with
/// ``Swift/Array/appendJSON(upTo:_:)``, and writes through the cursor. Each value's bound is a
/// constant here (``instantBytes``, ``integerBytes``, ``decimalBytes``, ``escapedBytes(_:)``);
/// copied bytes count as many as they are. Every store goes to `at..<at + n` with `at + n`
/// within the reservation by construction: the bound covers each write before it is made.
/// Debug builds check every write against the reservation, and `appendJSON` checks the total.
struct JSONCursor {
    /// Where the next byte goes.
    private(set) var at: UnsafeMutablePointer<UInt8>
    /// The end of the reservation.
    private let end: UnsafeMutablePointer<UInt8>
    /// The seconds of the last instant of the years 0000...9999 written, and where its 22
    /// bytes are: a decision often writes one instant twice or more (`qualified_at` and a
    /// reward's `earned_at`, its `payable_at` without a hold), and then copies them. `.min`
    /// (no such instant) before the first.
    private var lastInstant = Int64.min
    private var lastInstantAt: UnsafeMutablePointer<UInt8>

    /// At most this many bytes for ``instant(_:)``: 22 for years 0000...9999; a year no parsed
    /// instant has (out to the ends of `Int64` seconds) needs up to 13 characters, so 31 in all.
    static let instantBytes = 32
    /// At most this many bytes for ``integer(_:)``: `-9223372036854775808`.
    static let integerBytes = 20
    /// At most this many bytes for ``decimal(_:digits:)``: two quotes, a sign, the point and at
    /// most 20 digits (those of an `Int64`'s magnitude, or one more than the places, at most 19).
    static let decimalBytes = 24

    /// At most this many bytes for ``string(bytes:)`` of `count` bytes: each may become six
    /// (`\u00XX`), and two quotes.
    @inline(__always) static func escapedBytes(_ count: Int) -> Int { 6 * count + 2 }

    @inline(__always) init(_ start: UnsafeMutablePointer<UInt8>, count: Int) {
        at = start
        end = start + count
        lastInstantAt = start
    }

    @inline(__always) private func check(_ count: Int) {
        assert(count <= end - at, "JSONCursor: write past the reservation")
    }

    // MARK: - Bytes as they are

    @inline(__always) mutating func byte(_ b: UInt8) {
        check(1)
        at.pointee = b
        at += 1
    }

    /// Punctuation and keys the caller knows to be valid JSON.
    @inline(__always) mutating func raw(_ text: StaticString) {
        copy(text.utf8Start, text.utf8CodeUnitCount)
    }

    /// Bytes the caller knows to be valid JSON (a precomputed fragment).
    @inline(__always) mutating func raw(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        copy(base, bytes.count)
    }

    /// Copies `count` bytes with direct stores (16 or 8 bytes at a time, the last store
    /// overlapping the one before, so exactly `src..<src + count` is read and `at..<at + count`
    /// written); runs longer than any fragment go to `memcpy`.
    @inline(__always) private mutating func copy(_ src: UnsafePointer<UInt8>, _ count: Int) {
        check(count)
        let d = UnsafeMutableRawPointer(at), s = UnsafeRawPointer(src)
        if count >= 16 {
            if count > 512 {
                d.copyMemory(from: s, byteCount: count)
            } else {
                // 32 bytes a turn while more than 32 are left, then 16 if more than 16 are.
                var k = 0
                while k &+ 32 < count {
                    let a = s.loadUnaligned(fromByteOffset: k, as: SIMD16<UInt8>.self)
                    let b = s.loadUnaligned(fromByteOffset: k &+ 16, as: SIMD16<UInt8>.self)
                    d.storeBytes(of: a, toByteOffset: k, as: SIMD16<UInt8>.self)
                    d.storeBytes(of: b, toByteOffset: k &+ 16, as: SIMD16<UInt8>.self)
                    k &+= 32
                }
                if k &+ 16 < count {
                    d.storeBytes(of: s.loadUnaligned(fromByteOffset: k, as: SIMD16<UInt8>.self), toByteOffset: k, as: SIMD16<UInt8>.self)
                }
                d.storeBytes(of: s.loadUnaligned(fromByteOffset: count &- 16, as: SIMD16<UInt8>.self), toByteOffset: count &- 16,
                             as: SIMD16<UInt8>.self)
            }
        } else if count >= 8 {
            let head = s.loadUnaligned(as: UInt64.self), tail = s.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
            d.storeBytes(of: head, as: UInt64.self)
            d.storeBytes(of: tail, toByteOffset: count &- 8, as: UInt64.self)
        } else if count >= 4 {
            let head = s.loadUnaligned(as: UInt32.self), tail = s.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self)
            d.storeBytes(of: head, as: UInt32.self)
            d.storeBytes(of: tail, toByteOffset: count &- 4, as: UInt32.self)
        } else if count > 0 {
            // 1, 2 or 3 bytes: the first, the middle and the last cover them all.
            let first = src[0], middle = src[count >> 1], last = src[count &- 1]
            at[0] = first
            at[count >> 1] = middle
            at[count &- 1] = last
        }
        at += count
    }

    // MARK: - Values

    mutating func integer(_ value: Int64) {
        if value < 0 { byte(UInt8(ascii: "-")) }
        digits(value.magnitude, width: 1)
    }

    /// `12345` with 2 digits is `"123.45"`: ``Money/decimalString(_:digits:grouped:)`` as a JSON string.
    /// The digits are written once, at least one more than `places` (so `5` is `0.05`), and the
    /// last `places` of them moved one on for the point.
    mutating func decimal(_ minor: Int64, digits places: Int) {
        precondition(places >= 0 && places <= 19, "a currency with \(places) minor digits")
        byte(UInt8(ascii: "\""))
        if minor < 0 { byte(UInt8(ascii: "-")) }
        digits(minor.magnitude, width: places &+ 1)
        if places > 0 {
            check(1)
            var k = 0
            while k < places {
                at[-k] = at[-k &- 1]
                k &+= 1
            }
            at[-places] = UInt8(ascii: ".")
            at += 1
        }
        byte(UInt8(ascii: "\""))
    }

    /// The decimal digits of `value`, zero-padded to at least `width` (at most 20), written
    /// from the last two digits back.
    @inline(__always) private mutating func digits(_ value: UInt64, width: Int) {
        var count = Self.digitCount(value)
        if count < width { count = width }
        check(count)
        let p = UnsafeMutableRawPointer(at)
        var k = count
        var v = value
        while v >= 100 {
            let q = v / 100
            k &-= 2
            p.storeBytes(of: Self.pair(UInt32(truncatingIfNeeded: v &- q &* 100)), toByteOffset: k, as: UInt16.self)
            v = q
        }
        if v >= 10 {
            k &-= 2
            p.storeBytes(of: Self.pair(UInt32(truncatingIfNeeded: v)), toByteOffset: k, as: UInt16.self)
        } else {
            k &-= 1
            at[k] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v)
        }
        while k > 0 {
            k &-= 1
            at[k] = UInt8(ascii: "0")
        }
        at += count
    }

    /// How many decimal digits `value` has (1 for 0): `floor(bits * log10 2)` from its bit
    /// length (1233 / 4096 is log10 2 to within the error that matters for 64 bits), and one
    /// more when `value` reaches that power of ten.
    @inline(__always) static func digitCount(_ value: UInt64) -> Int {
        let bits = 64 &- value.leadingZeroBitCount  // 0...64
        let guess = (bits &* 1233) &>> 12  // 0...19: `powersOfTen` has 20 entries
        let count = guess &+ (value >= powersOfTen[guess] ? 1 : 0)
        return count == 0 ? 1 : count
    }

    /// 10^0 ... 10^19.
    private static let powersOfTen: [UInt64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
        10_000_000_000, 100_000_000_000, 1_000_000_000_000, 10_000_000_000_000, 100_000_000_000_000,
        1_000_000_000_000_000, 10_000_000_000_000_000, 100_000_000_000_000_000, 1_000_000_000_000_000_000,
        10_000_000_000_000_000_000,
    ]

    /// The two digits of `value`, which is below 100 (every caller's value is a remainder by
    /// 100 or a part of a date below 100), as the two bytes they are in memory.
    @inline(__always) private static func pair(_ value: UInt32) -> UInt16 {
        assert(value < 100)
        let pairs: StaticString = "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
        return UnsafeRawPointer(pairs.utf8Start).loadUnaligned(fromByteOffset: Int(value &* 2), as: UInt16.self)
    }

    /// The first and last second of the years 0000...9999, which are written 22 bytes at once.
    private static let yearZero: Int64 = -62_167_219_200  // 0000-01-01T00:00:00Z
    private static let yearTenThousand: Int64 = 253_402_300_800  // 10000-01-01T00:00:00Z

    /// `"2025-03-01T12:00:00Z"`: ``Instant/description`` as a JSON string.
    mutating func instant(_ instant: Instant) {
        let seconds = instant.secondsSinceEpoch
        guard seconds >= Self.yearZero, seconds < Self.yearTenThousand else { return farInstant(instant) }
        if seconds == lastInstant {
            // The same instant as the last one: its bytes, already written before `at`.
            copy(UnsafePointer(lastInstantAt), 22)
            return
        }
        lastInstant = seconds
        lastInstantAt = at
        // Seconds since 0000-01-01, so that every division below is unsigned and by a constant.
        let u = UInt64(seconds &- Self.yearZero)
        let days = UInt32(truncatingIfNeeded: u / 86_400)
        let clock = UInt32(truncatingIfNeeded: u &- UInt64(days) &* 86_400)
        // The date of ``Instant/civil(fromDays:)`` by Neri and Schneider's algorithm ("Euclidean
        // affine functions and their application to calendar algorithms", 2022), over days
        // counted from 0000-03-01 one era (400 years) on, so that nothing is negative.
        let n1 = 4 &* (days &+ 146_037) &+ 3
        let century = n1 / 146_097
        let n2 = (n1 % 146_097) | 3
        let p2 = 2_939_745 &* UInt64(n2)
        let yearOfCentury = UInt32(truncatingIfNeeded: p2 >> 32)
        let dayOfYear = UInt32(truncatingIfNeeded: p2) / 11_758_980  // 2,939,745 * 4
        let n3 = 2141 &* dayOfYear &+ 197_913
        let march = n3 >> 16, day = (n3 & 0xFFFF) / 2141 &+ 1
        let january = dayOfYear >= 306
        let year = 100 &* century &+ yearOfCentury &+ (january ? 1 : 0) &- 400
        let month = january ? march &- 12 : march
        check(22)
        // The template's separators stay; each pair of digits is one store over its zeros.
        raw("\"0000-00-00T00:00:00Z\"")
        let p = UnsafeMutableRawPointer(at - 22)
        let hours = clock / 3600, rest = clock &- hours &* 3600, minutes = rest / 60
        p.storeBytes(of: Self.pair(year / 100), toByteOffset: 1, as: UInt16.self)
        p.storeBytes(of: Self.pair(year % 100), toByteOffset: 3, as: UInt16.self)
        p.storeBytes(of: Self.pair(month), toByteOffset: 6, as: UInt16.self)
        p.storeBytes(of: Self.pair(day), toByteOffset: 9, as: UInt16.self)
        p.storeBytes(of: Self.pair(hours), toByteOffset: 12, as: UInt16.self)
        p.storeBytes(of: Self.pair(minutes), toByteOffset: 15, as: UInt16.self)
        p.storeBytes(of: Self.pair(rest &- minutes &* 60), toByteOffset: 18, as: UInt16.self)
    }

    /// An instant of a year no parsed instant has: its description, at most 29 bytes (see
    /// ``instantBytes``). Apart, so that ``instant(_:)`` saves no registers for it.
    @inline(never)
    private mutating func farInstant(_ instant: Instant) {
        var text = "\"" + instant.description + "\""
        text.withUTF8 { bytes in
            precondition(bytes.count <= Self.instantBytes, "an instant longer than its bound")
            raw(bytes)
        }
    }

    /// A JSON string of UTF-8 bytes: `"` and `\` escaped, control characters as `\u00XX`,
    /// other UTF-8 as is.
    mutating func string(bytes: UnsafeBufferPointer<UInt8>) {
        byte(UInt8(ascii: "\""))
        escaped(bytes)
        byte(UInt8(ascii: "\""))
    }

    private mutating func escaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        // Most text needs no escape: find that out eight bytes at a time and copy it whole.
        var j = 0
        while j &+ 8 <= bytes.count {
            if Self.mayNeedEscape(UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)) { break }
            j &+= 8
        }
        while j < bytes.count, !Self.needsEscape(base[j]) { j &+= 1 }
        if j == bytes.count {
            copy(base, bytes.count)
            return
        }
        copy(base, j)
        for c in UnsafeBufferPointer(rebasing: bytes[j...]) {
            guard Self.needsEscape(c) else {
                byte(c)
                continue
            }
            byte(UInt8(ascii: "\\"))
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                byte(c)
            default:
                raw("u00")
                byte(Self.hexDigit(c >> 4))
                byte(Self.hexDigit(c & 0xF))
            }
        }
    }

    @inline(__always) private static func needsEscape(_ c: UInt8) -> Bool {
        c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\")
    }

    /// Whether any of eight bytes may be a quote, a backslash or a control character (a
    /// false alarm only sends the text to the byte loop; bytes of 0x80 and up are never flagged).
    @inline(__always) private static func mayNeedEscape(_ w: UInt64) -> Bool {
        TextBytes.escapeFlags(w) != 0
    }

    private static func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10
    }
}

extension Array<UInt8> {
    /// Appends what `body` writes through a ``JSONCursor`` into `bound` bytes reserved for it:
    /// `bound` must be at least what `body` writes (see ``JSONCursor``).
    @inline(__always)
    mutating func appendJSON(upTo bound: Int, _ body: (inout JSONCursor) -> Void) {
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            // Straight into the array's spare capacity (always taken off Apple's platforms).
            append(addingCapacity: bound) { span in
                span.withUnsafeMutableBufferPointer { buffer, initialized in
                    guard let base = buffer.baseAddress else { return }
                    let start = base + initialized
                    precondition(buffer.count - initialized >= bound, "JSONCursor: less room than reserved")
                    initialized += Self.write(into: start, upTo: bound, body)
                }
            }
        } else {
            // Older Apple runtimes have no `append(addingCapacity:)`: the bytes go through a
            // temporary buffer of the same bound.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bound) { buffer in
                guard let base = buffer.baseAddress else { return }
                append(contentsOf: UnsafeBufferPointer(start: base, count: Self.write(into: base, upTo: bound, body)))
            }
        }
    }

    /// Runs `body` on a cursor over `bound` bytes at `start`; what it wrote.
    @inline(__always)
    private static func write(into start: UnsafeMutablePointer<UInt8>, upTo bound: Int, _ body: (inout JSONCursor) -> Void) -> Int {
        var cursor = JSONCursor(start, count: bound)
        body(&cursor)
        let written = cursor.at - start
        precondition(written >= 0 && written <= bound, "JSONCursor: wrote past the reservation")
        return written
    }
}
