/// The usual shapes of the wire form, read in one step each: keys matched as words, text
/// without escapes, instants `YYYY-MM-DDTHH:MM:SSZ` and plain integers. Each reader either
/// reads its value (or object) whole, or changes nothing and says so: the general way then
/// reads the same bytes from where they start, with its errors and their paths. A usual shape
/// therefore never makes an error of its own, and what it reads is what the general way reads.
extension SnapshotScanner {
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
        guard let base = b.baseAddress else { return nil }
        return Self.usualText(base, n, &j)
    }

    /// ``usualText(_:)`` in the `n` bytes at `base`: static, so that a reader the optimizer
    /// does not inline passes two words, not a copy of the scanner.
    @inline(__always)
    static func usualText(_ base: UnsafePointer<UInt8>, _ n: Int, _ j: inout Int) -> TextRef? {
        guard j < n, base[j] == UInt8(ascii: "\"") else { return nil }
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
    /// (fractions, exponents, `null`, long numbers go the general way). Up to seven digits
    /// (every amount of the usual snapshots) are found and combined within one word.
    @inline(__always)
    func usualInteger(_ j: inout Int) -> Int64? {
        guard let base = b.baseAddress else { return nil }
        return Self.usualInteger(base, n, &j)
    }

    /// ``usualInteger(_:)`` in the `n` bytes at `base`. Static, so that a caller the optimizer
    /// does not inline it into passes two words, not a copy of the scanner; small, so that it is
    /// inlined: up to seven digits (every amount of the usual snapshots) are found and combined
    /// within one word, anything longer, or too near the end of the input for a word, is read a
    /// byte at a time by ``usualIntegerByBytes(_:_:_:)``.
    @inline(__always)
    static func usualInteger(_ base: UnsafePointer<UInt8>, _ n: Int, _ j: inout Int) -> Int64? {
        let negative = j < n && base[j] == UInt8(ascii: "-")
        let k = negative ? j &+ 1 : j
        if k < n &- 7 {  // k + 8 <= n
            let w = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)  // within the input: k + 8 <= n
            let count = leadingDigits(w)
            if count < 8 {
                // The byte after the digits is within the word.
                let next = UInt8(truncatingIfNeeded: w >> (count << 3))
                guard count > 0, next == UInt8(ascii: ",") || next == UInt8(ascii: "}"),
                      count == 1 || UInt8(truncatingIfNeeded: w) != UInt8(ascii: "0") else { return nil }
                let value = Int64(digitsValue(w, count))
                j = k &+ count
                return negative ? -value : value
            }
        }
        return usualIntegerByBytes(base, n, &j)
    }

    /// ``usualInteger(_:_:_:)`` a byte at a time: eight digits or more, or an integer near the
    /// end of the input.
    @inline(never)
    static func usualIntegerByBytes(_ base: UnsafePointer<UInt8>, _ n: Int, _ j: inout Int) -> Int64? {
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

    /// How many of the eight bytes of `w` (first byte lowest) are ASCII digits before the first
    /// that is not: a byte is a digit when its high half is 3 and stays 3 with 6 added. A carry
    /// out of a byte of 0xFA or more reaches only later bytes, and that byte is flagged itself,
    /// so the first flagged byte is exact.
    @inline(__always)
    static func leadingDigits(_ w: UInt64) -> Int {
        let highs: UInt64 = 0xF0F0_F0F0_F0F0_F0F0, threes: UInt64 = 0x3030_3030_3030_3030
        let flagged = ((w & highs) ^ threes) | (((w &+ 0x0606_0606_0606_0606) & highs) ^ threes)
        return flagged.trailingZeroBitCount >> 3
    }

    /// The value of the first `count` (1 to 7) bytes of `w`, ASCII digits, the first the most
    /// significant: moved to the word's top (the bytes below become leading zeros) and combined
    /// in pairs, fours and eights, three multiplications.
    @inline(__always)
    static func digitsValue(_ w: UInt64, _ count: Int) -> UInt64 {
        var v = (w & 0x0F0F_0F0F_0F0F_0F0F) &<< UInt64((8 &- count) << 3)  // count < 8: a shift of 8 to 56
        v = (v &* 10 &+ (v >> 8)) & 0x00FF_00FF_00FF_00FF
        v = (v &* 100 &+ (v >> 16)) & 0x0000_FFFF_0000_FFFF
        return (v &* 10000 &+ (v >> 32)) & 0xFFFF_FFFF
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
