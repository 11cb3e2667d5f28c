/// The usual shape of the snapshot's own members, read in one step each as
/// `SnapshotScanner+UsualPeople.swift` reads the referrer and the referee: `id`, `type` and
/// `as_of` as usual text and a usual instant, the referrer, the referee and the events by their
/// readers (the usual one first, then the general one); the exporters' order straight on first.
/// Each member is read whole, or nothing is changed that the general way would not set again:
/// the general way then reads the member from its key, with its errors and their paths.
extension SnapshotScanner {
    // MARK: - The snapshot's members

    /// Where ``usualRootMembers(_:)`` stopped: at a member it leaves to the general way (`i` at
    /// its key), after a member's value with no `,` or `}` right after it, or past the `}`.
    enum RootStop {
        case member, separator, end
    }

    /// The snapshot's members from `i` (a key) while each is in its usual shape
    /// (``usualRootMember(_:)``) and a `,` follows it; the general way goes on from the stop.
    mutating func usualRootMembers(_ seen: inout UInt32) throws(EvaluationError) -> RootStop {
        if seen == 0, let stop = try usualRootMembersInOrder(&seen) { return stop }
        while try usualRootMember(&seen) {
            guard i < n else { return .separator }
            let c = b[i]
            if c == UInt8(ascii: ",") {
                i += 1
                continue
            }
            guard c == UInt8(ascii: "}") else { return .separator }
            i += 1
            return .end
        }
        return .member
    }

    /// The snapshot's members as exporters write them, in ``RootFields``' order, from `i` (the
    /// first key): `"id":` text, `,"type":` text, `,"as_of":` instant, `,"referrer":`,
    /// `,"referee":` and `,"events":` read by their readers as ``usualRootMember(_:)`` reads
    /// them, then `}`; each key with the comma before it compared as one or two words (straight
    /// on, no loop over members). Each member is read whole or not at all: the first that is not
    /// next in this order or not in its usual shape stops it, with `i` at that member's key and
    /// nil returned (``usualRootMembers(_:)`` goes on from there), or at the byte after a value
    /// that is neither `,` nor `}` (``RootStop/separator``). ``RootStop/end`` past the `}`.
    @inline(__always)
    private mutating func usualRootMembersInOrder(_ seen: inout UInt32) throws(EvaluationError) -> RootStop? {
        guard let base = b.baseAddress else { return nil }
        // `word(k)`, `half(k)`: the eight or four bytes at `k`, which each caller checks are within the input.
        @inline(__always) func word(_ k: Int) -> UInt64 { UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self) }
        @inline(__always) func half(_ k: Int) -> UInt32 { UnsafeRawPointer(base + k).loadUnaligned(as: UInt32.self) }
        var j = i
        guard j + 8 <= n, word(j) & 0xFF_FFFF_FFFF == 0x3A_2264_6922 else { return nil }  // `"id":`
        j += 5
        guard let id = usualText(&j) else { return nil }
        facts.head.id = id
        seen = 0b1
        i = j
        guard j + 8 <= n, word(j) == 0x3A22_6570_7974_222C else { return afterInOrder() }  // `,"type":`
        j += 8
        guard let type = usualText(&j) else { return afterInOrder() }
        facts.head.type = type
        seen = 0b11
        i = j
        guard j + 9 <= n, word(j) == 0x2266_6F5F_7361_222C, base[j + 8] == UInt8(ascii: ":") else { return afterInOrder() }  // `,"as_of"`, `:`
        j += 9
        guard let asOf = usualInstant(&j) else { return afterInOrder() }
        facts.head.asOf = asOf
        seen = 0b111
        i = j
        guard j + 12 <= n, word(j) == 0x7272_6566_6572_222C, half(j + 8) == 0x3A22_7265 else { return afterInOrder() }  // `,"referr`, `er":`
        seen = 0b1111
        i = j + 12
        if try !usualReferrer() { try referrer() }
        j = i
        guard j + 11 <= n, word(j) == 0x6572_6566_6572_222C, half(j + 7) == 0x3A22_6565 else { return afterInOrder() }  // `,"refere`, `ee":`
        seen = 0b11111
        i = j + 11
        if try !usualReferee() { try referee() }
        j = i
        guard j + 10 <= n, word(j) == 0x7374_6E65_7665_222C, base[j + 8] == UInt8(ascii: "\""), base[j + 9] == UInt8(ascii: ":")
        else { return afterInOrder() }  // `,"events`, `":`
        seen = 0b111111
        i = j + 10
        try events()
        return afterInOrder()
    }

    /// Where the in-order reader stopped, at `i` after a member's value: past a `,` (nil: the
    /// next key is read by ``usualRootMember(_:)`` or the general way), past a `}`
    /// (``RootStop/end``), or at anything else (``RootStop/separator``).
    @inline(__always)
    private mutating func afterInOrder() -> RootStop? {
        guard i < n else { return .separator }
        let c = b[i]
        if c == UInt8(ascii: ",") {
            i += 1
            return nil
        }
        guard c == UInt8(ascii: "}") else { return .separator }
        i += 1
        return .end
    }

    /// One member of the snapshot object at `i` in its usual shape (its usual key, a field not
    /// in `seen`): `id` and `type` as usual text and `as_of` as a usual instant; the referrer,
    /// the referee and the events read by their readers (the usual one first, then the general
    /// one). Sets its bit in `seen`, moves `i` past the value and returns true; false with
    /// nothing changed for anything else (``field(_:_:_:)`` then reads the key).
    @inline(__always)
    mutating func usualRootMember(_ seen: inout UInt32) throws(EvaluationError) -> Bool {
        var j = i
        guard let found = usualField(RootFields.self, &j) else { return false }
        let bit: UInt32 = 1 << UInt32(found)
        guard seen & bit == 0 else { return false }  // the general way reports it twice
        switch found {
        case 0:
            guard let text = usualText(&j) else { return false }
            facts.head.id = text
        case 1:
            guard let text = usualText(&j) else { return false }
            facts.head.type = text
        case 2:
            guard let at = usualInstant(&j) else { return false }
            facts.head.asOf = at
        default:
            // The key is the general way's too (`field` would return `found`); the value's own
            // reader follows it, as in the general way's `switch`.
            seen |= bit
            i = j
            switch found {
            case 3: if try !usualReferrer() { try referrer() }
            case 4: if try !usualReferee() { try referee() }
            default: try events()
            }
            return true
        }
        seen |= bit
        i = j
        return true
    }
}
