/// The usual shapes of the wire form, read in one step each: keys matched as words, text
/// without escapes, instants `YYYY-MM-DDTHH:MM:SSZ` and plain integers. Each reader either
/// reads its value (or object) whole, or changes nothing and says so: the general way then
/// reads the same bytes from where they start, with its errors and their paths. A usual shape
/// therefore never makes an error of its own, and what it reads is what the general way reads.
extension SnapshotScanner {
    /// An event in its usual shape, at `i` (no space anywhere): an object of `type`, `at`,
    /// `amount_minor` (or `amount_cents`), `currency` and `attributes` in any order, each at
    /// most once, `type` and `at` present, text without escapes or non-ASCII bytes, the amount
    /// a plain integer of at most 18 digits; the attributes object is read the general way
    /// (``attributesObject(_:run:)``, with its errors). Appends the event and moves `i` past
    /// its `}`; false with nothing changed for anything else (``event(_:)`` reads it).
    mutating func usualEvent() throws(EvaluationError) -> Bool {
        let start = i, attributeCount = facts.attributes.count, arenaCount = facts.arena.count
        if try usualEventMembers() { return true }
        // Back to where the event began: an attributes object read before is read again.
        i = start
        if facts.attributes.count != attributeCount { facts.attributes.removeSubrange(attributeCount...) }
        if facts.arena.count != arenaCount { facts.arena.removeSubrange(arenaCount...) }
        return false
    }

    private mutating func usualEventMembers() throws(EvaluationError) -> Bool {
        guard let base = b.baseAddress, i < n, base[i] == UInt8(ascii: "{") else { return false }
        var j = i + 1
        var type = TextRef.missing, at = Instant(secondsSinceEpoch: 0), amount: Int64?, currency = TextRef.missing
        var attributes = Span32.empty
        var seen: UInt32 = 0
        while true {
            // A key: up to 16 bytes from `j`, as two words (every check below is within them);
            // near the end of the input the second is 0, which no key longer than 8 bytes matches.
            guard j + 8 <= n else { return false }
            let p = UnsafeRawPointer(base + j)
            let w0 = p.loadUnaligned(as: UInt64.self), w1 = j + 16 <= n ? p.loadUnaligned(fromByteOffset: 8, as: UInt64.self) : 0
            let (found, length) = EventFields.usualKey(w0, w1)
            guard found >= 0 else { return false }
            let field = UInt32(found == 5 ? 2 : found)  // `amount_cents` is `amount_minor`
            j += length
            let bit: UInt32 = 1 << field
            guard seen & bit == 0 else { return false }
            seen |= bit
            switch field {
            case 0:
                guard let text = usualText(&j) else { return false }
                type = text
            case 1:
                guard let instant = usualInstant(&j) else { return false }
                at = instant
            case 2:
                guard let value = usualInteger(&j) else { return false }
                amount = value
            case 3:
                guard let text = usualText(&j) else { return false }
                currency = text
            default:
                let first = facts.attributes.count
                i = j
                try attributesObject(.event(facts.events.count), run: first)
                j = i
                attributes = Span32(first..<facts.attributes.count)
            }
            guard j < n else { return false }
            let c = base[j]
            j += 1
            if c == UInt8(ascii: ",") { continue }
            guard c == UInt8(ascii: "}") else { return false }
            break
        }
        guard seen & 0b11 == 0b11 else { return false }  // `type` or `at` missing: the general way says which
        facts.events.append(EventFact(type: type, at: at, amount: amount, currency: currency, attributes: attributes))
        i = j
        return true
    }

    /// Text at `j` (its opening quote) with no escape, control character or non-ASCII byte,
    /// found eight bytes at a time (the last few one at a time); `j` moves past its closing
    /// quote. Nil, `j` unchanged, for anything else.
    @inline(__always)
    func usualText(_ j: inout Int) -> TextRef? {
        guard let base = b.baseAddress, j < n, base[j] == UInt8(ascii: "\"") else { return nil }
        let start = j + 1
        var k = start
        while k + 8 <= n {
            let flagged = Self.flags(UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self))
            if flagged == 0 {
                k += 8
                continue
            }
            k += flagged.trailingZeroBitCount >> 3  // the lowest flagged byte is exact
            guard base[k] == UInt8(ascii: "\"") else { return nil }
            j = k + 1
            return TextRef(start: Int32(start), count: Int32(k - start), ascii: true, inArena: false)
        }
        while k < n {
            let c = base[k]
            if c == UInt8(ascii: "\"") {
                j = k + 1
                return TextRef(start: Int32(start), count: Int32(k - start), ascii: true, inArena: false)
            }
            guard c >= 0x20, c < 0x80, c != UInt8(ascii: "\\") else { return nil }
            k += 1
        }
        return nil
    }

    /// `"YYYY-MM-DDTHH:MM:SSZ"` at `j`, a possible instant (``zulu(_:)``); `j` moves past it.
    @inline(__always)
    mutating func usualInstant(_ j: inout Int) -> Instant? {
        guard let base = b.baseAddress, j + 22 <= n, base[j] == UInt8(ascii: "\""), base[j + 21] == UInt8(ascii: "\""),
              let at = zulu(j + 1) else { return nil }  // zulu reads the 20 bytes from j + 1: within j + 22 <= n
        j += 22
        return at
    }

    /// A plain integer at `j`: an optional `-`, 1 to 18 digits without a leading zero (so it
    /// fits), and the byte after it a `,` or `}`; `j` moves past the digits. Nil otherwise
    /// (fractions, exponents, `null`, long numbers go the general way).
    @inline(__always)
    func usualInteger(_ j: inout Int) -> Int64? {
        guard let base = b.baseAddress else { return nil }
        var k = j
        let negative = k < n && base[k] == UInt8(ascii: "-")
        if negative { k += 1 }
        let first = k
        var value: Int64 = 0
        while k < n, base[k] &- 48 < 10, k - first < 18 {
            value = value &* 10 &+ Int64(base[k] &- 48)  // at most 18 digits: no overflow
            k += 1
        }
        let count = k - first
        guard count > 0, k < n, base[k] == UInt8(ascii: ",") || base[k] == UInt8(ascii: "}"),
              count == 1 || base[first] != UInt8(ascii: "0") else { return nil }
        j = k
        return negative ? -value : value
    }
}

/// A key in its usual shape, `"name":` (no escape, no space), as the two words of the input at
/// the key (the second 0 when the input ends within 16 bytes): the pattern of one field name.
enum UsualKey {
    /// Whether the words begin with `"name":`; the optimizer folds the pattern to constants.
    @inline(__always)
    static func matches(_ name: StaticString, _ w0: UInt64, _ w1: UInt64) -> Bool {
        let count = name.utf8CodeUnitCount + 3  // every field name is at most 13 bytes: 16 with quotes and colon
        var pattern: (UInt64, UInt64) = (0, 0)
        withUnsafeMutableBytes(of: &pattern) { raw in
            raw[0] = UInt8(ascii: "\"")
            for j in 0..<name.utf8CodeUnitCount { raw[j + 1] = name.utf8Start[j] }
            raw[count - 2] = UInt8(ascii: "\"")
            raw[count - 1] = UInt8(ascii: ":")
        }
        let mask0: UInt64 = count >= 8 ? ~0 : (1 << (UInt64(count) << 3)) &- 1
        let mask1: UInt64 = count >= 16 ? ~0 : count <= 8 ? 0 : (1 << (UInt64(count - 8) << 3)) &- 1
        return w0 & mask0 == pattern.0 && w1 & mask1 == pattern.1
    }

    /// `(index, name.count + 3)` when the words begin with `"name":`, else `(-1, 0)`.
    @inline(__always)
    static func field(_ name: StaticString, _ index: Int, _ w0: UInt64, _ w1: UInt64) -> (index: Int, length: Int) {
        matches(name, w0, w1) ? (index, name.utf8CodeUnitCount + 3) : (-1, 0)
    }

    /// The first byte of the name (after the quote).
    @inline(__always)
    static func first(_ w0: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: w0 >> 8) }
}

extension RootFields {
    static func usualKey(_ w0: UInt64, _ w1: UInt64) -> (index: Int, length: Int) {
        switch UsualKey.first(w0) {
        case UInt8(ascii: "i"): UsualKey.field("id", 0, w0, w1)
        case UInt8(ascii: "t"): UsualKey.field("type", 1, w0, w1)
        case UInt8(ascii: "a"): UsualKey.field("as_of", 2, w0, w1)
        case UInt8(ascii: "r"): UsualKey.matches("referrer", w0, w1) ? (3, 11) : UsualKey.field("referee", 4, w0, w1)
        case UInt8(ascii: "e"): UsualKey.field("events", 5, w0, w1)
        default: (-1, 0)
        }
    }
}

extension ReferrerFields {
    static func usualKey(_ w0: UInt64, _ w1: UInt64) -> (index: Int, length: Int) {
        switch UsualKey.first(w0) {
        case UInt8(ascii: "i"): UsualKey.field("id", 0, w0, w1)
        case UInt8(ascii: "s"): UsualKey.field("status", 1, w0, w1)
        case UInt8(ascii: "c"): UsualKey.field("country", 2, w0, w1)
        case UInt8(ascii: "a"): UsualKey.field("attributes", 3, w0, w1)
        case UInt8(ascii: "r"): UsualKey.matches("rewards", w0, w1) ? (4, 10) : UsualKey.field("referrals", 5, w0, w1)
        default: (-1, 0)
        }
    }
}

extension ReferralFields {
    static func usualKey(_ w0: UInt64, _ w1: UInt64) -> (index: Int, length: Int) {
        switch UsualKey.first(w0) {
        case UInt8(ascii: "r"): UsualKey.matches("referral_id", w0, w1) ? (0, 14) : UsualKey.field("referral_type", 1, w0, w1)
        case UInt8(ascii: "q"): UsualKey.field("qualified_at", 2, w0, w1)
        default: (-1, 0)
        }
    }
}

extension RefereeFields {
    static func usualKey(_ w0: UInt64, _ w1: UInt64) -> (index: Int, length: Int) {
        switch UsualKey.first(w0) {
        case UInt8(ascii: "i"): UsualKey.field("id", 0, w0, w1)
        case UInt8(ascii: "s"): UsualKey.field("signup_at", 1, w0, w1)
        case UInt8(ascii: "a"): UsualKey.matches("attribution", w0, w1) ? (2, 14) : UsualKey.field("attributes", 5, w0, w1)
        case UInt8(ascii: "c"): UsualKey.field("country", 3, w0, w1)
        case UInt8(ascii: "f"): UsualKey.field("flags", 4, w0, w1)
        default: (-1, 0)
        }
    }
}

extension EventFields {
    static func usualKey(_ w0: UInt64, _ w1: UInt64) -> (index: Int, length: Int) {
        switch UsualKey.first(w0) {
        case UInt8(ascii: "t"): UsualKey.field("type", 0, w0, w1)
        case UInt8(ascii: "a"):
            UsualKey.matches("at", w0, w1) ? (1, 5) : UsualKey.matches("amount_minor", w0, w1) ? (2, 15)
                : UsualKey.matches("attributes", w0, w1) ? (4, 13) : UsualKey.field("amount_cents", 5, w0, w1)
        case UInt8(ascii: "c"): UsualKey.field("currency", 3, w0, w1)
        default: (-1, 0)
        }
    }
}

extension RewardFields {
    static func usualKey(_ w0: UInt64, _ w1: UInt64) -> (index: Int, length: Int) {
        switch UsualKey.first(w0) {
        case UInt8(ascii: "r"): UsualKey.field("referral_id", 0, w0, w1)
        case UInt8(ascii: "a"): UsualKey.matches("amount_minor", w0, w1) ? (1, 15) : UsualKey.field("amount_cents", 5, w0, w1)
        case UInt8(ascii: "c"): UsualKey.field("currency", 2, w0, w1)
        case UInt8(ascii: "k"): UsualKey.field("kind", 3, w0, w1)
        case UInt8(ascii: "g"): UsualKey.field("granted_at", 4, w0, w1)
        default: (-1, 0)
        }
    }
}
