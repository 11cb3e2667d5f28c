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
            guard let found = usualField(EventFields.self, &j) else { return false }
            let field = UInt32(found == 5 ? 2 : found)  // `amount_cents` is `amount_minor`
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
            guard let more = usualNextMember(&j) else { return false }
            if !more { break }
        }
        guard seen & 0b11 == 0b11 else { return false }  // `type` or `at` missing: the general way says which
        facts.events.append(EventFact(type: type, at: at, amount: amount, currency: currency, attributes: attributes))
        i = j
        return true
    }

    /// A usual key of `fields` at `j` (its quote), matched as words (``WireFields/usualKey(_:_:)``):
    /// its index, and `j` is past the colon. Nil, `j` unchanged, for any other key.
    @inline(__always)
    func usualField<Fields: WireFields>(_ fields: Fields.Type, _ j: inout Int) -> Int? {
        // Up to 16 bytes from `j`, as two words; near the end of the input the second is 0,
        // which no key longer than 8 bytes matches.
        // (Offsets are below n < 2^31, so adding a few bytes to one cannot overflow: `&+`.)
        guard let base = b.baseAddress, j &+ 8 <= n else { return nil }
        let p = UnsafeRawPointer(base + j)
        let w0 = p.loadUnaligned(as: UInt64.self), w1 = j &+ 16 <= n ? p.loadUnaligned(fromByteOffset: 8, as: UInt64.self) : 0
        let (found, length) = Fields.usualKey(w0, w1)
        guard found >= 0 else { return nil }
        j &+= length
        return found
    }

    /// After a member's value at `j`: true past a `,`, false past the closing `}`, nil (`j`
    /// unchanged) at anything else, a space included.
    @inline(__always)
    func usualNextMember(_ j: inout Int) -> Bool? {
        guard let base = b.baseAddress, j < n else { return nil }
        let c = base[j]
        if c == UInt8(ascii: ",") {
            j += 1
            return true
        }
        guard c == UInt8(ascii: "}") else { return nil }
        j += 1
        return false
    }

    /// Text at `j` (its opening quote) with no escape, control character or non-ASCII byte,
    /// found eight bytes at a time (the last few one at a time); `j` moves past its closing
    /// quote. Nil, `j` unchanged, for anything else. (Offsets fit in 32 bits: ``snapshot()``
    /// reads no input of 2 GiB or more.)
    @inline(__always)
    func usualText(_ j: inout Int) -> TextRef? {
        guard let base = b.baseAddress, j < n, base[j] == UInt8(ascii: "\"") else { return nil }
        let start = j &+ 1  // offsets are below n < 2^31: `&+` and `&-` cannot overflow
        var k = start
        while k &+ 8 <= n {
            let flagged = Self.flags(UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self))
            if flagged == 0 {
                k &+= 8
                continue
            }
            k &+= flagged.trailingZeroBitCount >> 3  // the lowest flagged byte is exact
            guard base[k] == UInt8(ascii: "\"") else { return nil }
            j = k &+ 1
            return TextRef(start: Int32(truncatingIfNeeded: start), count: Int32(truncatingIfNeeded: k &- start), ascii: true, inArena: false)
        }
        while k < n {
            let c = base[k]
            if c == UInt8(ascii: "\"") {
                j = k &+ 1
                return TextRef(start: Int32(truncatingIfNeeded: start), count: Int32(truncatingIfNeeded: k &- start), ascii: true, inArena: false)
            }
            guard c >= 0x20, c < 0x80, c != UInt8(ascii: "\\") else { return nil }
            k &+= 1
        }
        return nil
    }

    /// A key in its usual shape, `"name":` with text as ``usualText(_:)`` reads it and the colon
    /// right after it: its span, and `i` is past the colon. Nil, `i` unchanged, for anything
    /// else (``key()`` reads it).
    @inline(__always)
    mutating func usualKeySpan() -> Span? {
        var j = i
        guard let text = usualText(&j), j < n, b[j] == UInt8(ascii: ":") else { return nil }
        i = j + 1
        return Span(start: Int(text.start), end: Int(text.start) + Int(text.count), escaped: false, arenaStart: 0, ascii: true)
    }

    /// A usual key that names a declared flat attribute of the referrer or referee (and no field:
    /// ``quickKey(_:)`` found none): its name in `flatName`, `i` past the colon, and true, as
    /// ``notAField(_:_:_:)`` would have found it. False, `i` unchanged, for anything else.
    mutating func usualFlatKey(_ ctx: SnapshotContext) -> Bool {
        guard let flat, let table = ctx.isReferrer ? flat.referrer : ctx.isReferee ? flat.referee : nil else { return false }
        let start = i
        guard let span = usualKeySpan() else { return false }
        guard table.index(of: UnsafeBufferPointer(rebasing: b[span.start..<span.end]), ascii: true) != nil else {
            i = start
            return false
        }
        flatName = span
        return true
    }

    /// `"YYYY-MM-DDTHH:MM:SSZ"` at `j`, a possible instant (``zulu(_:)``); `j` moves past it.
    @inline(__always)
    func usualInstant(_ j: inout Int) -> Instant? {
        guard let base = b.baseAddress, j &+ 22 <= n, base[j] == UInt8(ascii: "\""), base[j &+ 21] == UInt8(ascii: "\""),
              let at = Self.zulu(UnsafeRawPointer(base + j + 1)) else { return nil }  // the 20 bytes from j + 1: within j + 22 <= n
        j &+= 22
        return at
    }

    /// A plain integer at `j`: an optional `-`, 1 to 18 digits without a leading zero (so it
    /// fits), and the byte after it a `,` or `}`; `j` moves past the digits. Nil otherwise
    /// (fractions, exponents, `null`, long numbers go the general way). With 8 bytes of input
    /// from the first digit, up to 7 digits are read as one word; 8 digits or more, or fewer
    /// bytes left, a digit at a time (``usualLongInteger(_:_:_:from:negative:)``).
    @inline(__always)
    func usualInteger(_ j: inout Int) -> Int64? {
        guard let base = b.baseAddress else { return nil }
        var k = j
        let negative = k < n && base[k] == UInt8(ascii: "-")
        if negative { k += 1 }
        guard k &+ 8 <= n else { return Self.usualLongInteger(base, n, &j, from: k, negative: negative) }
        let w = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)  // the 8 bytes from k: within the input
        // A byte is a digit when its low seven bits are at least `0` and below `:` and its high
        // bit is clear; each test sets a byte's high bit, with no carry from byte to byte.
        let low = w & 0x7F7F_7F7F_7F7F_7F7F
        let notDigit = (~(low &+ 0x5050_5050_5050_5050) | (low &+ 0x4646_4646_4646_4646) | w) & 0x8080_8080_8080_8080
        let count = notDigit.trailingZeroBitCount >> 3  // 8 when all 8 bytes are digits
        guard count < 8 else { return Self.usualLongInteger(base, n, &j, from: k, negative: negative) }
        // Fewer than 8 digits: the byte after them is within the word, and the word decides.
        let after = UInt8(truncatingIfNeeded: w >> UInt64(count << 3))
        guard count > 0, after == UInt8(ascii: ",") || after == UInt8(ascii: "}"),
              count == 1 || UInt8(truncatingIfNeeded: w) != UInt8(ascii: "0") else { return nil }
        // The digits moved to the top of the word (zeros, leading, below them), then combined
        // two, four and eight at a time.
        var v = (w & 0x0F0F_0F0F_0F0F_0F0F) << UInt64((8 - count) << 3)  // count is 1...7
        v = (v &* 2561) >> 8  // 10 * 256 + 1: each pair of digits in the lower byte's place
        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16  // 100 * 65_536 + 1
        v = ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32  // 10_000 * 2^32 + 1
        let value = Int64(truncatingIfNeeded: v)
        j = k &+ count
        return negative ? -value : value
    }

    /// ``usualInteger(_:)`` a digit at a time, from `k` (its first digit; `negative` when a `-`
    /// was before it) in the `n` bytes at `base`: for 8 digits or more, or near the end of the
    /// input. (Static, and not inlined: the usual integer's callers stay small, and `self` is
    /// not copied for the call.)
    @inline(never)
    static func usualLongInteger(_ base: UnsafePointer<UInt8>, _ n: Int, _ j: inout Int, from k: Int, negative: Bool) -> Int64? {
        var k = k
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

/// The usual key, `"name":` with no escape and no space, matched as words: `w0` and `w1` are
/// the 16 bytes of input at the key's quote (`w1` is 0 when the input ends sooner, which no
/// key longer than 8 bytes matches). The name's first byte picks the one or two names it may
/// be; each is compared with its pattern and mask, written out as constants (the names are
/// in the comments; `SnapshotUsualShapeTests` checks every one against ``WireFields/name(_:)``).
extension RootFields {
    @inline(__always)
    static func usualKey(_ w0: UInt64, _ w1: UInt64) -> (index: Int, length: Int) {
        switch UInt8(truncatingIfNeeded: w0 >> 8) {  // the name's first byte
        case UInt8(ascii: "i"):
            if w0 & 0xFF_FFFF_FFFF == 0x3A_2264_6922 { return (0, 5) }  // `"id":`
        case UInt8(ascii: "t"):
            if w0 & 0xFF_FFFF_FFFF_FFFF == 0x3A_2265_7079_7422 { return (1, 7) }  // `"type":`
        case UInt8(ascii: "a"):
            if w0 == 0x3A22_666F_5F73_6122 { return (2, 8) }  // `"as_of":`
        case UInt8(ascii: "r"):
            if w0 == 0x6572_7265_6665_7222, w1 & 0xFF_FFFF == 0x3A_2272 { return (3, 11) }  // `"referrer":`
            if w0 == 0x6565_7265_6665_7222, w1 & 0xFFFF == 0x3A22 { return (4, 10) }  // `"referee":`
        case UInt8(ascii: "e"):
            if w0 == 0x2273_746E_6576_6522, w1 & 0xFF == 0x3A { return (5, 9) }  // `"events":`
        default: break
        }
        return (-1, 0)
    }
}

extension ReferrerFields {
    @inline(__always)
    static func usualKey(_ w0: UInt64, _ w1: UInt64) -> (index: Int, length: Int) {
        switch UInt8(truncatingIfNeeded: w0 >> 8) {  // the name's first byte
        case UInt8(ascii: "i"):
            if w0 & 0xFF_FFFF_FFFF == 0x3A_2264_6922 { return (0, 5) }  // `"id":`
        case UInt8(ascii: "s"):
            if w0 == 0x2273_7574_6174_7322, w1 & 0xFF == 0x3A { return (1, 9) }  // `"status":`
        case UInt8(ascii: "c"):
            if w0 == 0x7972_746E_756F_6322, w1 & 0xFFFF == 0x3A22 { return (2, 10) }  // `"country":`
        case UInt8(ascii: "a"):
            if w0 == 0x7562_6972_7474_6122, w1 & 0xFF_FFFF_FFFF == 0x3A_2273_6574 { return (3, 13) }  // `"attributes":`
        case UInt8(ascii: "r"):
            if w0 == 0x7364_7261_7765_7222, w1 & 0xFFFF == 0x3A22 { return (4, 10) }  // `"rewards":`
            if w0 == 0x6172_7265_6665_7222, w1 & 0xFFFF_FFFF == 0x3A22_736C { return (5, 12) }  // `"referrals":`
        default: break
        }
        return (-1, 0)
    }
}

extension ReferralFields {
    @inline(__always)
    static func usualKey(_ w0: UInt64, _ w1: UInt64) -> (index: Int, length: Int) {
        switch UInt8(truncatingIfNeeded: w0 >> 8) {  // the name's first byte
        case UInt8(ascii: "r"):
            if w0 == 0x6172_7265_6665_7222, w1 & 0xFFFF_FFFF_FFFF == 0x3A22_6469_5F6C { return (0, 14) }  // `"referral_id":`
            if w0 == 0x6172_7265_6665_7222, w1 == 0x3A22_6570_7974_5F6C { return (1, 16) }  // `"referral_type":`
        case UInt8(ascii: "q"):
            if w0 == 0x6966_696C_6175_7122, w1 & 0xFF_FFFF_FFFF_FFFF == 0x3A_2274_615F_6465 { return (2, 15) }  // `"qualified_at":`
        default: break
        }
        return (-1, 0)
    }
}

extension RefereeFields {
    @inline(__always)
    static func usualKey(_ w0: UInt64, _ w1: UInt64) -> (index: Int, length: Int) {
        switch UInt8(truncatingIfNeeded: w0 >> 8) {  // the name's first byte
        case UInt8(ascii: "i"):
            if w0 & 0xFF_FFFF_FFFF == 0x3A_2264_6922 { return (0, 5) }  // `"id":`
        case UInt8(ascii: "s"):
            if w0 == 0x5F70_756E_6769_7322, w1 & 0xFFFF_FFFF == 0x3A22_7461 { return (1, 12) }  // `"signup_at":`
        case UInt8(ascii: "a"):
            if w0 == 0x7562_6972_7474_6122, w1 & 0xFFFF_FFFF_FFFF == 0x3A22_6E6F_6974 { return (2, 14) }  // `"attribution":`
            if w0 == 0x7562_6972_7474_6122, w1 & 0xFF_FFFF_FFFF == 0x3A_2273_6574 { return (5, 13) }  // `"attributes":`
        case UInt8(ascii: "c"):
            if w0 == 0x7972_746E_756F_6322, w1 & 0xFFFF == 0x3A22 { return (3, 10) }  // `"country":`
        case UInt8(ascii: "f"):
            if w0 == 0x3A22_7367_616C_6622 { return (4, 8) }  // `"flags":`
        default: break
        }
        return (-1, 0)
    }
}

extension EventFields {
    @inline(__always)
    static func usualKey(_ w0: UInt64, _ w1: UInt64) -> (index: Int, length: Int) {
        switch UInt8(truncatingIfNeeded: w0 >> 8) {  // the name's first byte
        case UInt8(ascii: "t"):
            if w0 & 0xFF_FFFF_FFFF_FFFF == 0x3A_2265_7079_7422 { return (0, 7) }  // `"type":`
        case UInt8(ascii: "a"):
            if w0 & 0xFF_FFFF_FFFF == 0x3A_2274_6122 { return (1, 5) }  // `"at":`
            if w0 == 0x5F74_6E75_6F6D_6122, w1 & 0xFF_FFFF_FFFF_FFFF == 0x3A_2272_6F6E_696D { return (2, 15) }  // `"amount_minor":`
            if w0 == 0x7562_6972_7474_6122, w1 & 0xFF_FFFF_FFFF == 0x3A_2273_6574 { return (4, 13) }  // `"attributes":`
            if w0 == 0x5F74_6E75_6F6D_6122, w1 & 0xFF_FFFF_FFFF_FFFF == 0x3A_2273_746E_6563 { return (5, 15) }  // `"amount_cents":`
        case UInt8(ascii: "c"):
            if w0 == 0x636E_6572_7275_6322, w1 & 0xFF_FFFF == 0x3A_2279 { return (3, 11) }  // `"currency":`
        default: break
        }
        return (-1, 0)
    }
}

extension RewardFields {
    @inline(__always)
    static func usualKey(_ w0: UInt64, _ w1: UInt64) -> (index: Int, length: Int) {
        switch UInt8(truncatingIfNeeded: w0 >> 8) {  // the name's first byte
        case UInt8(ascii: "r"):
            if w0 == 0x6172_7265_6665_7222, w1 & 0xFFFF_FFFF_FFFF == 0x3A22_6469_5F6C { return (0, 14) }  // `"referral_id":`
        case UInt8(ascii: "a"):
            if w0 == 0x5F74_6E75_6F6D_6122, w1 & 0xFF_FFFF_FFFF_FFFF == 0x3A_2272_6F6E_696D { return (1, 15) }  // `"amount_minor":`
            if w0 == 0x5F74_6E75_6F6D_6122, w1 & 0xFF_FFFF_FFFF_FFFF == 0x3A_2273_746E_6563 { return (5, 15) }  // `"amount_cents":`
        case UInt8(ascii: "c"):
            if w0 == 0x636E_6572_7275_6322, w1 & 0xFF_FFFF == 0x3A_2279 { return (2, 11) }  // `"currency":`
        case UInt8(ascii: "k"):
            if w0 & 0xFF_FFFF_FFFF_FFFF == 0x3A_2264_6E69_6B22 { return (3, 7) }  // `"kind":`
        case UInt8(ascii: "g"):
            if w0 == 0x6465_746E_6172_6722, w1 & 0xFF_FFFF_FFFF == 0x3A_2274_615F { return (4, 13) }  // `"granted_at":`
        default: break
        }
        return (-1, 0)
    }
}
