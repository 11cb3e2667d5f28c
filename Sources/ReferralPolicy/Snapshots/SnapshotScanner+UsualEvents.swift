/// An event in its usual shape, read in one step (as the other usual shapes are, see
/// `SnapshotScanner+UsualShapes.swift`): first as exporters write it, its fields in
/// ``EventFields``' order, straight on; then in any order. Either reads the event whole, or
/// changes nothing and says so: ``SnapshotScanner/event(_:)`` then reads the same bytes the
/// general way, with its errors and their paths.
extension SnapshotScanner {
    /// An event in its usual shape, at `i` (no space anywhere): an object of `type`, `at`,
    /// `amount_minor` (or `amount_cents`), `currency` and `attributes` in any order, each at
    /// most once, `type` and `at` present, text without escapes or non-ASCII bytes, the amount
    /// a plain integer of at most 18 digits; the attributes object is read the general way
    /// (``attributesObject(_:run:)``, with its errors). Appends the event and moves `i` past
    /// its `}`; false with nothing changed for anything else (``event(_:)`` reads it).
    mutating func usualEvent() throws(EvaluationError) -> Bool {
        let start = i, attributeCount = facts.attributes.count, arenaCount = facts.arena.count
        if try usualEventInOrder() { return true }
        // An attributes object the reader in order read before it gave up is read again.
        undoEvent(start, attributeCount, arenaCount)
        if try usualEventMembers() { return true }
        undoEvent(start, attributeCount, arenaCount)
        return false
    }

    /// Back to where the event began, with the attributes and arena as they were then.
    @inline(__always)
    private mutating func undoEvent(_ start: Int, _ attributeCount: Int, _ arenaCount: Int) {
        i = start
        if facts.attributes.count != attributeCount { facts.attributes.removeSubrange(attributeCount...) }
        if facts.arena.count != arenaCount { facts.arena.removeSubrange(arenaCount...) }
    }

    /// An event as exporters write it: `{"type":…,"at":…` then, each if present and in this
    /// order, `,"amount_minor":…` (or `,"amount_cents":…`), `,"currency":…`, `,"attributes":…`,
    /// and `}`. Each key with the comma before it and the colon after it is compared as one or
    /// two words (straight on, no loop over members), the values as ``usualEventMembers()``
    /// reads them. Appends the event and moves `i` past its `}`; false for anything else (the
    /// reader of any order tries it), with `i` unchanged but an attributes object it read left
    /// on the facts (``usualEvent()`` takes it off).
    @inline(__always)
    private mutating func usualEventInOrder() throws(EvaluationError) -> Bool {
        guard let base = b.baseAddress else { return false }
        // `word(k)`: the eight bytes at `k`, which each caller checks are within the input.
        @inline(__always) func word(_ k: Int) -> UInt64 { UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self) }
        var j = i
        guard j + 8 <= n, word(j) == 0x3A22_6570_7974_227B else { return false }  // `{"type":`
        j += 8
        var type = TextRef.missing, typeIndex = EventFact.notMatched
        if let names = eventTypes, names.count > 0 {
            // The type among the versions' names, its text read with it: the 16 bytes after
            // its opening quote (within the input: j + 17 <= n) against each name's pattern.
            if j + 17 <= n, base[j] == UInt8(ascii: "\""), let found = names.match(word(j + 1), word(j + 9)) {
                type = TextRef(start: Int32(truncatingIfNeeded: j + 1), count: Int32(truncatingIfNeeded: found.length), ascii: true, inArena: false)
                typeIndex = Int32(truncatingIfNeeded: found.index)
                j += found.length + 2
            } else {
                guard let text = usualText(&j) else { return false }
                type = text
                typeIndex = EventFact.noneOfTheNames  // a usual text that is none of them (see ``EventTypePatterns``)
            }
        } else {
            guard let text = usualText(&j) else { return false }
            type = text
        }
        guard j + 8 <= n, word(j) & 0xFFFF_FFFF_FFFF == 0x3A22_7461_222C else { return false }  // `,"at":`
        j += 6
        guard let at = usualInstant(&j), j < n else { return false }
        var amount: Int64?, currency = TextRef.missing, attributes = Span32.empty
        // Each optional member starts with a comma; 16 bytes from it are within the input for
        // every key below (the longest, with its colon, is 16 bytes).
        if base[j] == UInt8(ascii: ","), j + 16 <= n, word(j) == 0x746E_756F_6D61_222C {  // `,"amount`
            let tail = word(j + 8)
            guard tail == 0x3A22_726F_6E69_6D5F || tail == 0x3A22_7374_6E65_635F else { return false }  // `_minor":`, `_cents":`
            j += 16
            // Static: should the optimizer not inline it, the call passes two words, not a copy of the scanner.
            guard let value = Self.usualInteger(base, n, &j) else { return false }  // and `j < n`: a `,` or `}` follows
            amount = value
        }
        if base[j] == UInt8(ascii: ","), j + 16 <= n, word(j) == 0x6E65_7272_7563_222C {  // `,"curren`
            guard UnsafeRawPointer(base + j + 8).loadUnaligned(as: UInt32.self) == 0x3A22_7963 else { return false }  // `cy":`
            j += 12
            guard let text = usualText(&j), j < n else { return false }
            currency = text
        }
        if base[j] == UInt8(ascii: ","), j + 16 <= n, word(j) == 0x6269_7274_7461_222C {  // `,"attrib`
            guard word(j + 6) == 0x3A22_7365_7475_6269 else { return false }  // `ibutes":`
            let first = facts.attributes.count
            j += 14
            // One or two members straight on, else the object's own reader (the run begins with it).
            if !usualAttributeMembers(&j) {
                let start = i
                i = j
                try attributesObject(.event(facts.events.count), run: first)
                j = i
                i = start
            }
            attributes = Span32(first..<facts.attributes.count)
            guard j < n else { return false }
        }
        guard base[j] == UInt8(ascii: "}") else { return false }
        facts.events.append(EventFact(type: type, typeIndex: typeIndex, at: at, amount: amount, currency: currency, attributes: attributes))
        i = j + 1
        return true
    }

    /// An event in its usual shape with its members in any order (see ``usualEvent()``): appends
    /// it and moves `i` past its `}`, or false, `i` unchanged, with an attributes object it read
    /// left on the facts (``usualEvent()`` takes it off). Not inlined: exporters write the order
    /// of ``usualEventInOrder()``, so this is the exception (the optimizer outlined it already).
    @inline(never)
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
                guard let value = Self.usualInteger(base, n, &j) else { return false }  // static: see above
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
}
