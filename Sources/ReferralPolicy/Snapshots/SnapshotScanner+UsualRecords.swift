/// The usual shapes of the records inside the people and the events: a past reward, a
/// referral and an `attributes` object, each read in one step as ``usualEvent()`` reads an
/// event (keys matched as words, text without escapes or non-ASCII bytes, plain integers,
/// instants `YYYY-MM-DDTHH:MM:SSZ`, no space anywhere). Each reader either reads its record
/// whole, or changes nothing and says so: the general way then reads the same bytes from where
/// they start, with its errors and their paths. None of them makes an error of its own: a
/// missing field, a duplicate, an unknown name or any other shape is left to the general way.
extension SnapshotScanner {
    /// `referrer.rewards` in its usual shape, at `i`: `[]`, or `[`, past rewards in their usual
    /// shape (``usualPastReward()``) separated by `,`, then `]`, no space. Appends the rewards
    /// (onto the rewards, empty before) and moves `i` past the `]`; false for anything else,
    /// with the rewards empty again and `i` back at the start (``pastRewards()`` reads it).
    @inline(__always)  // into its one caller
    mutating func usualPastRewards() -> Bool {
        guard let base = b.baseAddress, i + 1 < n, base[i] == UInt8(ascii: "[") else { return false }
        let start = i
        i += 1
        if base[i] == UInt8(ascii: "]") {  // i = start + 1 < n
            i += 1
            return true
        }
        while usualPastReward() {
            guard i < n else { break }
            let c = base[i]
            i += 1
            if c == UInt8(ascii: ",") { continue }
            if c == UInt8(ascii: "]") { return true }
            break
        }
        i = start
        if !facts.rewards.isEmpty { facts.rewards.removeAll(keepingCapacity: true) }
        return false
    }

    /// A past reward in its usual shape, at `i`: an object of `referral_id`, `amount_minor` (or
    /// `amount_cents`), `currency`, `kind` and `granted_at` in any order, each at most once, all
    /// but `referral_id` present, the kind one of ``RewardKind``'s names. Appends the reward and
    /// moves `i` past its `}`; false with nothing changed for anything else (``pastReward(_:)``).
    mutating func usualPastReward() -> Bool {
        if usualPastRewardInOrder() { return true }
        guard let base = b.baseAddress, i < n, base[i] == UInt8(ascii: "{") else { return false }
        var j = i + 1
        var referralID = TextRef.missing, amount: Int64 = 0, currency = TextRef.missing, kind = RewardKind.cash
        var grantedAt = Instant(secondsSinceEpoch: 0)
        var seen: UInt32 = 0
        while true {
            guard let found = usualField(RewardFields.self, &j) else { return false }
            let field = found == 5 ? 1 : found  // `amount_cents` is `amount_minor`
            let bit: UInt32 = 1 << UInt32(field)
            guard seen & bit == 0 else { return false }
            seen |= bit
            switch field {
            case 0:
                guard let text = usualText(&j) else { return false }
                referralID = text
            case 1:
                guard let value = usualInteger(&j) else { return false }
                amount = value
            case 2:
                guard let text = usualText(&j) else { return false }
                currency = text
            case 3:
                guard let word = usualRewardKind(&j) else { return false }
                kind = word
            default:
                guard let at = usualInstant(&j) else { return false }
                grantedAt = at
            }
            guard let more = usualNextMember(&j) else { return false }
            if !more { break }
        }
        guard seen & 0b11110 == 0b11110 else { return false }  // a field missing: the general way says which
        facts.rewards.append(PastRewardFact(referralID: referralID, amount: amount, currency: currency, kind: kind, grantedAt: grantedAt))
        i = j
        return true
    }

    /// A past reward as exporters write it, its five fields in ``RewardFields``' order:
    /// `{"referral_id":…,"amount_minor":…,"currency":…,"kind":…,"granted_at":…}`, each key with
    /// the comma before it and the colon after it compared as one or two words (straight on,
    /// no loop), the values as ``usualPastReward()`` reads them. Appends the reward and moves `i`
    /// past its `}`; false with nothing changed for anything else (another order, a field left
    /// out, `amount_cents`: the reader of any order tries them).
    @inline(__always)
    mutating func usualPastRewardInOrder() -> Bool {
        guard let base = b.baseAddress else { return false }
        // `word(k)`: the eight bytes at `k`, which each caller checks are within the input.
        @inline(__always) func word(_ k: Int) -> UInt64 { UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self) }
        var j = i
        guard j + 15 <= n, word(j) == 0x7272_6566_6572_227B, word(j + 7) == 0x3A22_6469_5F6C_6172 else { return false }  // `{"referr`, `ral_id":`
        j += 15
        guard let referralID = usualText(&j),
              j + 16 <= n, word(j) == 0x746E_756F_6D61_222C, word(j + 8) == 0x3A22_726F_6E69_6D5F else { return false }  // `,"amount`, `_minor":`
        j += 16
        guard let amount = usualInteger(&j),
              j + 12 <= n, word(j) == 0x6E65_7272_7563_222C,  // `,"curren`
              UnsafeRawPointer(base + j + 8).loadUnaligned(as: UInt32.self) == 0x3A22_7963 else { return false }  // `cy":`
        j += 12
        guard let currency = usualText(&j), j + 8 <= n, word(j) == 0x3A22_646E_696B_222C else { return false }  // `,"kind":`
        j += 8
        guard let kind = usualRewardKind(&j),
              j + 14 <= n, word(j) == 0x6574_6E61_7267_222C, word(j + 6) == 0x3A22_7461_5F64_6574 else { return false }  // `,"grante`, `ted_at":`
        j += 14
        guard let grantedAt = usualInstant(&j), j < n, base[j] == UInt8(ascii: "}") else { return false }
        facts.rewards.append(PastRewardFact(referralID: referralID, amount: amount, currency: currency, kind: kind, grantedAt: grantedAt))
        i = j + 1
        return true
    }

    /// A referral in its usual shape, at `i`: an object of `referral_id`, `referral_type` and
    /// `qualified_at` in any order, each once. Appends the referral and moves `i` past its `}`;
    /// false with nothing changed for anything else (``referral(_:)`` reads it).
    mutating func usualReferral() -> Bool {
        guard let base = b.baseAddress, i < n, base[i] == UInt8(ascii: "{") else { return false }
        var j = i + 1
        var referralID = TextRef.missing, type = TextRef.missing, qualifiedAt = Instant(secondsSinceEpoch: 0)
        var seen: UInt32 = 0
        while true {
            guard let field = usualField(ReferralFields.self, &j) else { return false }
            let bit: UInt32 = 1 << UInt32(field)
            guard seen & bit == 0 else { return false }
            seen |= bit
            switch field {
            case 0:
                guard let text = usualText(&j) else { return false }
                referralID = text
            case 1:
                guard let text = usualText(&j) else { return false }
                type = text
            default:
                guard let at = usualInstant(&j) else { return false }
                qualifiedAt = at
            }
            guard let more = usualNextMember(&j) else { return false }
            if !more { break }
        }
        guard seen == 0b111 else { return false }  // a field missing: the general way says which
        facts.referrals.append(QualifiedReferralFact(referralID: referralID, type: type, qualifiedAt: qualifiedAt))
        i = j
        return true
    }

    /// An `attributes` object in its usual shape, at `i`: `{}`, or usual keys (``usualKeySpan()``)
    /// with usual text, plain integers, `true` or `false`, at most 16 names in the run that began
    /// at `run` (the flat fields before the object and the object's own), none of them twice
    /// (compared as ``same(_:_:)`` compares them). Appends the attributes and moves `i` past its
    /// `}`; false with nothing changed for anything else, a duplicate included
    /// (``attributesObject(_:run:)`` reads it, and says which name is given twice and where).
    @inline(__always)  // into its one caller
    mutating func usualAttributes(run: Int) -> Bool {
        guard let base = b.baseAddress, i < n, base[i] == UInt8(ascii: "{") else { return false }
        let objectStart = facts.attributes.count
        var j = i + 1
        if j < n, base[j] == UInt8(ascii: "}") {
            i = j + 1
            return true
        }
        members: while true {
            guard let name = usualText(&j), j + 1 < n, base[j] == UInt8(ascii: ":") else { break members }
            j += 1
            guard let value = Self.usualAttributeValue(base, n, &j) else { break members }
            let count = facts.attributes.count
            guard count - run < 16, count == run || !runHolds(name, from: run) else { break members }
            facts.attributes.append(AttributeFact(name: name, value: value))
            guard let more = usualNextMember(&j) else { break members }
            if !more {
                i = j
                return true
            }
        }
        // Not the usual shape: what was appended goes, and the general way reads the object.
        if facts.attributes.count != objectStart { facts.attributes.removeSubrange(objectStart...) }
        return false
    }

    /// An `attributes` object of one or two members as exporters write it, at `j` (its `{`):
    /// `{"name":value}` or `{"name":value,"other":value}`, the names usual texts (two different
    /// ones), the values as ``usualAttributeValue(_:)`` reads them, no space. Read straight on
    /// (no loop over members, no call), for a run that begins with the object (an event's
    /// attributes; the referrer's before any flat attribute): appends the attributes and moves
    /// `j` past the `}`. False with nothing changed for anything else, `{}` and three members
    /// or more included (``attributesObject(_:run:)`` reads it, in its usual shape or the
    /// general way). Outlined (the optimizer outlined it from the event reader already): one
    /// call with the scanner by reference, as ``attributesObject(_:run:)`` was called before.
    @inline(never)
    mutating func usualAttributeMembers(_ j: inout Int) -> Bool {
        guard let base = b.baseAddress, j < n, base[j] == UInt8(ascii: "{") else { return false }
        var k = j &+ 1  // offsets are below n < 2^31: `&+` cannot overflow
        guard let name = usualText(&k), k < n, base[k] == UInt8(ascii: ":") else { return false }
        k &+= 1
        guard let value = Self.usualAttributeValue(base, n, &k), k < n else { return false }
        if base[k] == UInt8(ascii: "}") {
            facts.attributes.append(AttributeFact(name: name, value: value))
            j = k &+ 1
            return true
        }
        guard base[k] == UInt8(ascii: ",") else { return false }
        k &+= 1
        guard let other = usualText(&k), k < n, base[k] == UInt8(ascii: ":") else { return false }
        k &+= 1
        // Two usual names (ASCII, in the input) are the same name exactly when their bytes are.
        guard let otherValue = Self.usualAttributeValue(base, n, &k), k < n, base[k] == UInt8(ascii: "}"),
              !TextBytes.bytesEqual(UnsafeBufferPointer(start: base + Int(name.start), count: Int(name.count)),
                                    UnsafeBufferPointer(start: base + Int(other.start), count: Int(other.count))) else { return false }
        facts.attributes.append(AttributeFact(name: name, value: value))
        facts.attributes.append(AttributeFact(name: other, value: otherValue))
        j = k &+ 1
        return true
    }

    /// An attribute's value in its usual shape at `j` in the `n` bytes at `base`: usual text
    /// (``usualText(_:_:_:)``), `true`, `false` or a plain integer (``usualInteger(_:_:_:)``,
    /// which also wants a `,` or `}` after it); `j` moves past it. Nil, `j` unchanged, for
    /// anything else. (After `true` or `false` the caller checks the byte that follows.)
    /// Static, of the input's base and length: as a method of the scanner the optimizer did not
    /// inline it, and its call copied the 312-byte scanner (a `memcpy` a value).
    @inline(__always)
    static func usualAttributeValue(_ base: UnsafePointer<UInt8>, _ n: Int, _ j: inout Int) -> AttributeFact.Value? {
        guard j < n else { return nil }
        switch base[j] {
        case UInt8(ascii: "\""):
            guard let text = usualText(base, n, &j) else { return nil }
            return .text(text)
        case UInt8(ascii: "t"):
            guard j &+ 4 <= n, UnsafeRawPointer(base + j).loadUnaligned(as: UInt32.self) == Self.trueWord else { return nil }
            j &+= 4
            return .bool(true)
        case UInt8(ascii: "f"):
            guard j &+ 5 <= n, UnsafeRawPointer(base + j).loadUnaligned(as: UInt32.self) == Self.falseWord,
                  base[j &+ 4] == UInt8(ascii: "e") else { return nil }
            j &+= 5
            return .bool(false)
        default:
            guard let integer = usualInteger(base, n, &j) else { return nil }
            return .integer(integer)
        }
    }

    /// `true` and the first four bytes of `false` as the words they load as.
    static let trueWord = UInt32(0x6575_7274), falseWord = UInt32(0x736C_6166)

    /// Whether the attributes from `run` on hold `name` (a usual text: ASCII, in the input), as
    /// ``same(_:_:)`` finds it: bytes against an ASCII name, the general comparison otherwise.
    /// (Not inlined: the usual object is the first of its run, and never needs it.)
    @inline(never)
    func runHolds(_ name: TextRef, from run: Int) -> Bool {
        let count = facts.attributes.count
        guard count > run, let base = b.baseAddress else { return false }
        let mine = UnsafeBufferPointer(start: base + Int(name.start), count: Int(name.count))  // within the input: usualText read it
        for k in run..<count {
            let other = facts.attributes[k].name
            if other.ascii, !other.inArena {
                if TextBytes.bytesEqual(mine, UnsafeBufferPointer(rebasing: b[Int(other.start)..<Int(other.start + other.count)])) { return true }
            } else if same(other, name) {
                return true
            }
        }
        return false
    }

    /// A reward kind's name in quotes at `j`, matched as a word: the kind, and `j` is past the
    /// closing quote. Nil, `j` unchanged, for anything else (``rewardKind(at:)`` reads it).
    @inline(__always)
    func usualRewardKind(_ j: inout Int) -> RewardKind? {
        guard let base = b.baseAddress, j + 8 <= n else { return nil }
        let w = UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)
        if w & 0xFFFF_FFFF_FFFF == Self.cashWord {
            j += 6
            return .cash
        }
        if w == Self.creditWord {
            j += 8
            return .credit
        }
        return nil
    }

    /// `"cash"` (six bytes) and `"credit"` (eight) as the words they load as
    /// (`SnapshotUsualRecordTests` checks them against ``RewardKind``'s names).
    static let cashWord: UInt64 = 0x2268_7361_6322, creditWord: UInt64 = 0x2274_6964_6572_6322
}
