/// The usual shapes of the referrer's object and the referee's, read in one step each as
/// `SnapshotScanner+UsualShapes.swift` reads an event: keys matched as words (the exporters'
/// orders straight on first), text without escapes, instants `YYYY-MM-DDTHH:MM:SSZ`, plain
/// integers, `null` where the general way allows it (the snapshot's own members:
/// `SnapshotScanner+UsualRoot.swift`). Each reader either reads its object whole, or changes
/// nothing the general way would not set again and says so: the general way then reads the same
/// bytes from where they start, with its errors and their paths. Values owned elsewhere
/// (`attributes` objects, `referrer.rewards`, `referrer.referrals`) are read by the general
/// functions, with their errors, which are the general way's at that point.
extension SnapshotScanner {
    // MARK: - The referrer and the referee

    /// The referrer in its usual shape, at `i` (its `{`, no space anywhere): `id` (usual text),
    /// `status` and `country` (usual text or `null`), declared flat attributes (usual key, a
    /// usual text, plain integer, `true` or `false`, each name once), `attributes`, `rewards`
    /// and `referrals` (read by ``attributesObject(_:run:)``, ``pastRewards()`` and
    /// ``referrals()``), in any order, each field at most once, `id` present. Sets the
    /// referrer's facts and moves `i` past its `}`; false for anything else, with the facts as
    /// they were (the rewards and referrals, empty before, emptied: the general way empties
    /// them too) and `i` back at the `{` (``referrer()`` reads it).
    @inline(__always)  // into the snapshot's two readers of its members
    mutating func usualReferrer() throws(EvaluationError) -> Bool {
        let start = i, attributeCount = facts.attributes.count, arenaCount = facts.arena.count
        let referralsGiven = facts.head.referralsGiven
        if try usualReferrerMembers() { return true }
        i = start
        restore(attributes: attributeCount, arena: arenaCount)
        facts.head.referralsGiven = referralsGiven
        if !facts.rewards.isEmpty { facts.rewards.removeAll(keepingCapacity: true) }
        if !facts.referrals.isEmpty { facts.referrals.removeAll(keepingCapacity: true) }
        return false
    }

    private mutating func usualReferrerMembers() throws(EvaluationError) -> Bool {
        guard let base = b.baseAddress, i < n, base[i] == UInt8(ascii: "{") else { return false }
        var j = i + 1
        let run = facts.attributes.count
        var id = TextRef.missing, status = TextRef.missing, country = TextRef.missing
        var seen: UInt32 = 0
        var more = true
        // The exporters' order first, straight on: `id`, then `status`, `country`, `attributes`
        // and `rewards` where they come next in that order, each as the loop below reads it;
        // the loop reads whatever follows.
        if usualFirstKey(j, 0x3A_2264_6922, 5) {  // `"id":`
            j += 5
            guard let text = usualText(&j) else { return false }
            id = text
            seen = 0b1
            if usualNextKey(j, 10, 0x7375_7461_7473_222C, 0x3A22_7375_7461_7473) {  // `,"status":`
                j += 10
                guard let text = usualOptionalText(&j) else { return false }
                status = text
                seen |= 0b10
            }
            if usualNextKey(j, 11, 0x7274_6E75_6F63_222C, 0x3A22_7972_746E_756F) {  // `,"country":`
                j += 11
                guard let text = usualOptionalText(&j) else { return false }
                country = text
                seen |= 0b100
            }
            if usualNextKey(j, 14, 0x6269_7274_7461_222C, 0x3A22_7365_7475_6269) {  // `,"attributes":`
                j += 14
                // The run is empty here (no flat attribute before it): one or two members
                // straight on, else the object's own reader.
                if !usualAttributeMembers(&j) {
                    i = j
                    try attributesObject(.referrer, run: run)
                    j = i
                }
                seen |= 0b1000
            }
            if usualNextKey(j, 11, 0x6472_6177_6572_222C, 0x3A22_7364_7261_7765) {  // `,"rewards":`
                i = j + 11
                try pastRewards()
                j = i
                seen |= 0b10000
            }
            guard let next = usualNextMember(&j) else { return false }
            more = next
        }
        while more {
            if let found = usualField(ReferrerFields.self, &j) {
                let bit: UInt32 = 1 << UInt32(found)
                guard seen & bit == 0 else { return false }
                seen |= bit
                switch found {
                case 0:
                    guard let text = usualText(&j) else { return false }
                    id = text
                case 1:
                    guard let text = usualOptionalText(&j) else { return false }
                    status = text
                case 2:
                    guard let text = usualOptionalText(&j) else { return false }
                    country = text
                case 3:
                    i = j
                    try attributesObject(.referrer, run: run)
                    j = i
                case 4:
                    i = j
                    try pastRewards()
                    j = i
                default:
                    i = j
                    try referrals()
                    j = i
                }
            } else {
                guard let table = flat?.referrer, usualFlatAttribute(&j, table, run: run) else { return false }
            }
            guard let next = usualNextMember(&j) else { return false }
            more = next
        }
        guard seen & 1 != 0 else { return false }  // no `id`: the general way says so
        facts.head.referrerID = id
        facts.head.referrerStatus = status
        facts.head.referrerCountry = country
        facts.head.referrerAttributes = Span32(run..<facts.attributes.count)
        i = j
        return true
    }

    /// The referee in its usual shape, at `i` (its `{`, no space anywhere): `id` (usual text),
    /// `signup_at` (a usual instant), `attribution` and `country` (usual text or `null`),
    /// `flags` (`null`, or an array of usual texts), declared flat attributes as on the
    /// referrer, and `attributes` (read by ``attributesObject(_:run:)``), in any order, each
    /// field at most once, `id` and `signup_at` present. Sets the referee's facts and moves `i`
    /// past its `}`; false for anything else, with the facts as they were (the flags, empty
    /// before, emptied: the general way empties them too) and `i` back at the `{`
    /// (``referee()`` reads it).
    @inline(__always)  // into the snapshot's two readers of its members
    mutating func usualReferee() throws(EvaluationError) -> Bool {
        let start = i, attributeCount = facts.attributes.count, arenaCount = facts.arena.count
        if try usualRefereeMembers() { return true }
        i = start
        restore(attributes: attributeCount, arena: arenaCount)
        if !facts.flags.isEmpty { facts.flags.removeAll(keepingCapacity: true) }
        return false
    }

    private mutating func usualRefereeMembers() throws(EvaluationError) -> Bool {
        guard let base = b.baseAddress, i < n, base[i] == UInt8(ascii: "{") else { return false }
        var j = i + 1
        let run = facts.attributes.count
        var id = TextRef.missing, signupAt = Instant(secondsSinceEpoch: 0)
        var attribution = TextRef.missing, country = TextRef.missing
        var seen: UInt32 = 0
        var more = true
        // The exporters' orders first, straight on: `id`, then `country`, `signup_at`,
        // `attribution`, `country` (where it did not come before) and `flags` where they come
        // next in that order, each as the loop below reads it; the loop reads whatever follows.
        if usualFirstKey(j, 0x3A_2264_6922, 5) {  // `"id":`
            j += 5
            guard let text = usualText(&j) else { return false }
            id = text
            seen = 0b1
            if usualNextKey(j, 11, 0x7274_6E75_6F63_222C, 0x3A22_7972_746E_756F) {  // `,"country":`
                j += 11
                guard let text = usualOptionalText(&j) else { return false }
                country = text
                seen |= 0b1000
            }
            if usualNextKey(j, 13, 0x7075_6E67_6973_222C, 0x3A22_7461_5F70_756E) {  // `,"signup_at":`
                j += 13
                guard let at = usualInstant(&j) else { return false }
                signupAt = at
                seen |= 0b10
            }
            if usualNextKey(j, 15, 0x6269_7274_7461_222C, 0x3A22_6E6F_6974_7562) {  // `,"attribution":`
                j += 15
                guard let text = usualOptionalText(&j) else { return false }
                attribution = text
                seen |= 0b100
            }
            if seen & 0b1000 == 0, usualNextKey(j, 11, 0x7274_6E75_6F63_222C, 0x3A22_7972_746E_756F) {  // `,"country":`
                j += 11
                guard let text = usualOptionalText(&j) else { return false }
                country = text
                seen |= 0b1000
            }
            if usualNextKey(j, 9, 0x2273_6761_6C66_222C, 0x3A22_7367_616C_6622) {  // `,"flags":`
                j += 9
                guard usualFlags(&j) else { return false }
                seen |= 0b10000
            }
            guard let next = usualNextMember(&j) else { return false }
            more = next
        }
        while more {
            if let found = usualField(RefereeFields.self, &j) {
                let bit: UInt32 = 1 << UInt32(found)
                guard seen & bit == 0 else { return false }
                seen |= bit
                switch found {
                case 0:
                    guard let text = usualText(&j) else { return false }
                    id = text
                case 1:
                    guard let at = usualInstant(&j) else { return false }
                    signupAt = at
                case 2:
                    guard let text = usualOptionalText(&j) else { return false }
                    attribution = text
                case 3:
                    guard let text = usualOptionalText(&j) else { return false }
                    country = text
                case 4:
                    guard usualFlags(&j) else { return false }
                default:
                    i = j
                    try attributesObject(.referee, run: run)
                    j = i
                }
            } else {
                guard let table = flat?.referee, usualFlatAttribute(&j, table, run: run) else { return false }
            }
            guard let next = usualNextMember(&j) else { return false }
            more = next
        }
        guard seen & 0b11 == 0b11 else { return false }  // `id` or `signup_at` missing: the general way says which
        facts.head.refereeID = id
        facts.head.signupAt = signupAt
        facts.head.attribution = attribution
        facts.head.refereeCountry = country
        facts.head.refereeAttributes = Span32(run..<facts.attributes.count)
        i = j
        return true
    }

    // MARK: - Their values

    /// Whether an object's first key, `"name":` of `count` (at most 8) bytes, `word` as it loads
    /// (little-endian), is at `j`, with 8 bytes of input there.
    @inline(__always)
    func usualFirstKey(_ j: Int, _ word: UInt64, _ count: Int) -> Bool {
        guard let base = b.baseAddress, j &+ 8 <= n else { return false }  // offsets are below n < 2^31
        let mask: UInt64 = count == 8 ? ~0 : (1 << UInt64(count << 3)) - 1
        return UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self) & mask == word
    }

    /// Whether the `count` (9 to 16) bytes at `j` are a member's comma, its key in quotes and the
    /// colon, as ``usualField(_:_:)`` would match the key after the comma: `first` and `last`
    /// are its first and last 8 bytes as they load (little-endian; they overlap below 16).
    @inline(__always)
    func usualNextKey(_ j: Int, _ count: Int, _ first: UInt64, _ last: UInt64) -> Bool {
        guard let base = b.baseAddress, j &+ count <= n else { return false }  // offsets are below n < 2^31
        let p = UnsafeRawPointer(base + j)  // the `count` bytes from j are within the input
        return p.loadUnaligned(as: UInt64.self) == first && p.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self) == last
    }

    /// The attributes and the arena back to the counts they had (what a reader that gave up
    /// appended, from an `attributes` object or a past reward's escapes, is dropped).
    private mutating func restore(attributes: Int, arena: Int) {
        if facts.attributes.count != attributes { facts.attributes.removeSubrange(attributes...) }
        if facts.arena.count != arena { facts.arena.removeSubrange(arena...) }
    }

    /// Usual text at `j`, or `null` (a missing text), as ``optionalString(at:)`` reads them.
    @inline(__always)
    func usualOptionalText(_ j: inout Int) -> TextRef? {
        if let text = usualText(&j) { return text }
        guard usualLiteral(j, 0x6C6C_756E, 4) else { return nil }  // `null`
        j += 4
        return .missing
    }

    /// Whether the input holds the `count` (4 or 5) bytes of `word` (little-endian) at `j`.
    @inline(__always)
    func usualLiteral(_ j: Int, _ word: UInt64, _ count: Int) -> Bool {
        guard let base = b.baseAddress, j + count <= n else { return false }
        let p = UnsafeRawPointer(base + j)
        let first = UInt64(p.loadUnaligned(as: UInt32.self))
        guard count == 5 else { return first == word }
        return first | UInt64(p.load(fromByteOffset: 4, as: UInt8.self)) << 32 == word
    }

    /// A declared flat attribute at `j` in its usual shape, as ``usualFlatKey(_:)`` and
    /// ``flatAttribute(_:run:)`` read it: a usual key that `table` names, then usual text, a
    /// plain integer, `true` or `false`, its name not yet in the run from `run`. Appends it and
    /// moves `j` past the value; false, with nothing changed, for anything else.
    @inline(__always)
    mutating func usualFlatAttribute(_ j: inout Int, _ table: NameTable, run: Int) -> Bool {
        guard let base = b.baseAddress else { return false }
        var k = j
        guard let name = usualText(&k), k < n, base[k] == UInt8(ascii: ":"),
              table.index(of: UnsafeBufferPointer(start: base + Int(name.start), count: Int(name.count)), ascii: true) != nil
        else { return false }  // the name's bytes are within the input: usualText found them there
        k += 1
        let value: AttributeFact.Value
        if let text = usualText(&k) {
            value = .text(text)
        } else if let integer = usualInteger(&k) {
            value = .integer(integer)
        } else if usualLiteral(k, 0x6575_7274, 4) {  // `true`
            k += 4
            value = .bool(true)
        } else if usualLiteral(k, 0x65_736C_6166, 5) {  // `false`
            k += 5
            value = .bool(false)
        } else {
            return false
        }
        if facts.attributes.count > run, AttributeNames.contains(name, in: self, among: facts.attributes[run...]) {
            return false  // given twice: the general way says so
        }
        facts.attributes.append(AttributeFact(name: name, value: value))
        j = k
        return true
    }

    /// `referee.flags` at `j` in its usual shape: `null`, or `[` usual texts separated by `,`
    /// `]` (no space). Appends the flags (onto the flags, empty before) and moves `j` past it;
    /// false for anything else, the flags then partly appended (the caller empties them).
    @inline(__always)
    mutating func usualFlags(_ j: inout Int) -> Bool {
        guard let base = b.baseAddress, j + 1 < n else { return false }
        if usualLiteral(j, 0x6C6C_756E, 4) {  // `null`
            j += 4
            return true
        }
        guard base[j] == UInt8(ascii: "[") else { return false }
        var k = j + 1
        if base[k] == UInt8(ascii: "]") {  // k = j + 1 < n
            j = k + 1
            return true
        }
        while true {
            guard let text = usualText(&k), k < n else { return false }
            facts.flags.append(text)
            let c = base[k]
            k += 1
            if c == UInt8(ascii: ",") { continue }
            guard c == UInt8(ascii: "]") else { return false }
            break
        }
        j = k
        return true
    }
}
