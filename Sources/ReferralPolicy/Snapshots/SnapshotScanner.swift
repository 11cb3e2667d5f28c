/// The one reader of the snapshot wire format: JSON bytes to ``SnapshotFacts``, in one pass,
/// with the exact error (code, message, path) of the first problem found.
///
/// It reads the snapshot's fixed shape directly, so nesting never goes deeper than that shape
/// whatever the input holds, and time is linear in the input. Text without escapes stays where
/// it is in the input; text with escapes is decoded onto the facts' arena. Nothing is given up
/// on: escapes, non-ASCII text, `null`, `attributes` objects, declared flat attributes, past
/// rewards, any field order and any number of events are all read. `i` is the offset of the
/// next unread byte.
struct SnapshotScanner {
    /// Declared attributes that may stand directly on the referrer or referee.
    var flat: FlatTables?
    /// The event types the versions declare, for an event's type to be found among them where
    /// it is read (``EventFact/typeIndex``); nil, or none usable, leaves every type to be looked
    /// up by name.
    var eventTypes: EventTypePatterns?
    /// The name of the flat attribute ``field(_:_:_:)`` found (it returns -1 for one).
    var flatName = Span(start: 0, end: 0, escaped: false, arenaStart: 0, ascii: true)
    /// Whether the field last read by ``field(_:_:_:)`` was written as `amount_cents`.
    var aliased = false
    let b: UnsafeBufferPointer<UInt8>
    let n: Int
    var i = 0
    /// What is read; its arena holds the decoded text of strings with escapes. The caller's
    /// facts, filled in place (a deciding thread's workspace keeps them for the thread's life),
    /// so that scanning a line moves no array in or out and counts no reference on one.
    let factsStorage: UnsafeMutablePointer<SnapshotFacts>
    var facts: SnapshotFacts {
        unsafeAddress { UnsafePointer(factsStorage) }
        nonmutating unsafeMutableAddress { factsStorage }
    }

    /// A scanner of `buffer` into `facts`, which must stay valid while it scans.
    init(_ buffer: UnsafeBufferPointer<UInt8>, into facts: UnsafeMutablePointer<SnapshotFacts>) {
        b = buffer
        n = buffer.count
        factsStorage = facts
    }

    /// A scanned string: its raw bytes `start..<end` when it held no escape, else its
    /// decoded bytes are on the arena from `arenaStart` to the arena's end.
    struct Span {
        var start: Int
        var end: Int
        var escaped: Bool
        var arenaStart: Int
        var ascii: Bool
    }

    static let instantExample = "an instant like `2025-03-01T12:00:00Z`"
    static let attributeExpected = "text, an integer, `true` or `false`"
    static let minorUnits = "an integer number of minor units"
    /// The reward kinds' names as bytes, in `RewardKind.allCases` order (made once, not per reward).
    static let rewardKindNames: [[UInt8]] = RewardKind.allCases.map { Array($0.rawValue.utf8) }

    // MARK: - The snapshot's shape

    mutating func snapshot() throws(EvaluationError) {
        facts.reset()
        guard n < Int(Int32.max) else { throw EvaluationError(.tooLarge, "the snapshot is larger than 2 GiB") }
        skipWhitespace()
        guard i < n else { throw EvaluationError(.invalidJSON, "empty input, expected a snapshot object") }
        guard b[i] == UInt8(ascii: "{") else { throw typeError("a snapshot object", nil) }
        i += 1
        var seen: UInt32 = 0
        if try openObject() {
            var more = true
            repeat {
                switch try usualRootMembers(&seen) {  // members in their usual shape, then the general way
                case .end: more = false
                case .separator: more = try nextMember()
                case .member:
                    switch try field(RootFields.self, .root, &seen) {
                    case 0: facts.head.id = try string(at: "id")
                    case 1: facts.head.type = try string(at: "type")
                    case 2: facts.head.asOf = try instant(at: "as_of")
                    case 3: if try !usualReferrer() { try referrer() }
                    case 4: if try !usualReferee() { try referee() }
                    default: try events()
                    }
                    more = try nextMember()
                }
            } while more
        }
        if seen & 0b11111 != 0b11111 { throw missingRootField(seen) }
        skipWhitespace()
        guard i == n else { throw EvaluationError(.invalidJSON, "unexpected data after the snapshot at byte \(i)") }
    }

    /// The first of `id`, `type`, `as_of`, `referrer`, `referee` that `seen` lacks.
    @inline(never)
    func missingRootField(_ seen: UInt32) -> EvaluationError {
        let names = ["id", "type", "as_of", "referrer", "referee"]
        let bit = (~seen & 0b11111).trailingZeroBitCount
        return missing(.root, names[bit])
    }

    mutating func referrer() throws(EvaluationError) {
        let ctx = SnapshotContext.referrer
        try beginObject(at: "referrer")
        var seen: UInt32 = 0
        let start = facts.attributes.count
        facts.head.referrerStatus = .missing
        facts.head.referrerCountry = .missing
        if try openObject() {
            repeat {
                switch try field(ReferrerFields.self, ctx, &seen) {
                case 0: facts.head.referrerID = try string(at: ctx.path("id"))
                case 1: facts.head.referrerStatus = try optionalString(at: ctx.path("status"))
                case 2: facts.head.referrerCountry = try optionalString(at: ctx.path("country"))
                case 3: try attributesObject(ctx, run: start)
                case -1: try flatAttribute(ctx, run: start)
                case 4: try pastRewards()
                default: try referrals()
                }
            } while try nextMember()
        }
        guard seen & 1 != 0 else { throw missing(ctx, "id") }
        facts.head.referrerAttributes = Span32(start..<facts.attributes.count)
    }

    mutating func pastRewards() throws(EvaluationError) {
        if !facts.rewards.isEmpty { facts.rewards.removeAll(keepingCapacity: true) }
        if !usualPastRewards() { try pastRewardsTheGeneralWay() }  // the usual array in one step, else the general way from its start
    }

    /// The general way of ``pastRewards()``: any shape, with its errors and their paths (each
    /// past reward in its usual shape first, then the general way).
    mutating func pastRewardsTheGeneralWay() throws(EvaluationError) {
        guard try !null(orExpected: "an array", at: "referrer.rewards") else { return }
        try beginArray(at: "referrer.rewards")
        if try openArray() {
            repeat {
                if !usualPastReward() { try pastReward(.reward(facts.rewards.count)) }  // the usual shape in one step, else the general way
            } while try nextElement()
        }
    }

    mutating func pastReward(_ ctx: SnapshotContext) throws(EvaluationError) {
        try beginObject(at: ctx.path)
        var referralID = TextRef.missing, amount: Int64?, currency = TextRef.missing, kind: RewardKind?, grantedAt: Instant?
        var seen: UInt32 = 0
        if try openObject() {
            repeat {
                switch try field(RewardFields.self, ctx, &seen) {
                case 0: referralID = try optionalString(at: ctx.path("referral_id"))
                case 1:
                    let key = amountKey
                    amount = try integer(Self.minorUnits, at: ctx.path(key))
                case 2: currency = try string(at: ctx.path("currency"))
                case 3: kind = try rewardKind(at: ctx.path("kind"))
                default: grantedAt = try instant(at: ctx.path("granted_at"))
                }
            } while try nextMember()
        }
        guard let amount else { throw missing(ctx, "amount_minor") }
        guard !currency.isMissing else { throw missing(ctx, "currency") }
        guard let kind else { throw missing(ctx, "kind") }
        guard let grantedAt else { throw missing(ctx, "granted_at") }
        facts.rewards.append(PastRewardFact(referralID: referralID, amount: amount, currency: currency, kind: kind, grantedAt: grantedAt))
    }

    /// `referrer.referrals`: the referrer's other qualified referrals, for referrer milestones.
    mutating func referrals() throws(EvaluationError) {
        facts.referrals.removeAll(keepingCapacity: true)
        guard try !null(orExpected: "an array", at: "referrer.referrals") else { return }
        facts.head.referralsGiven = true
        try beginArray(at: "referrer.referrals")
        if try openArray() {
            repeat {
                if !usualReferral() { try referral(.referral(facts.referrals.count)) }  // the usual shape in one step, else the general way
            } while try nextElement()
        }
    }

    mutating func referral(_ ctx: SnapshotContext) throws(EvaluationError) {
        try beginObject(at: ctx.path)
        var referralID = TextRef.missing, type = TextRef.missing, qualifiedAt: Instant?
        var seen: UInt32 = 0
        if try openObject() {
            repeat {
                switch try field(ReferralFields.self, ctx, &seen) {
                case 0: referralID = try string(at: ctx.path("referral_id"))
                case 1: type = try string(at: ctx.path("referral_type"))
                default: qualifiedAt = try instant(at: ctx.path("qualified_at"))
                }
            } while try nextMember()
        }
        guard !referralID.isMissing else { throw missing(ctx, "referral_id") }
        guard !type.isMissing else { throw missing(ctx, "referral_type") }
        guard let qualifiedAt else { throw missing(ctx, "qualified_at") }
        facts.referrals.append(QualifiedReferralFact(referralID: referralID, type: type, qualifiedAt: qualifiedAt))
    }

    mutating func referee() throws(EvaluationError) {
        let ctx = SnapshotContext.referee
        try beginObject(at: "referee")
        var seen: UInt32 = 0
        let start = facts.attributes.count
        facts.head.attribution = .missing
        facts.head.refereeCountry = .missing
        if try openObject() {
            repeat {
                switch try field(RefereeFields.self, ctx, &seen) {
                case 0: facts.head.refereeID = try string(at: ctx.path("id"))
                case 1: facts.head.signupAt = try instant(at: ctx.path("signup_at"))
                case 2: facts.head.attribution = try optionalString(at: ctx.path("attribution"))
                case 3: facts.head.refereeCountry = try optionalString(at: ctx.path("country"))
                case 4: try flags()
                case -1: try flatAttribute(ctx, run: start)
                default: try attributesObject(ctx, run: start)
                }
            } while try nextMember()
        }
        guard seen & 1 != 0 else { throw missing(ctx, "id") }
        guard seen & 2 != 0 else { throw missing(ctx, "signup_at") }
        facts.head.refereeAttributes = Span32(start..<facts.attributes.count)
    }

    mutating func flags() throws(EvaluationError) {
        if !facts.flags.isEmpty { facts.flags.removeAll(keepingCapacity: true) }
        guard try !null(orExpected: "an array", at: "referee.flags") else { return }
        try beginArray(at: "referee.flags")
        if try openArray() {
            repeat {
                let k = facts.flags.count
                facts.flags.append(try string(at: "referee.flags[\(k)]"))
            } while try nextElement()
        }
    }

    mutating func events() throws(EvaluationError) {
        if !facts.events.isEmpty { facts.events.removeAll(keepingCapacity: true) }
        guard try !null(orExpected: "an array", at: "events") else { return }
        try beginArray(at: "events")
        if try openArray() {
            repeat {
                if try !usualEvent() { try event(.event(facts.events.count)) }  // the usual shape in one step, else the general way
            } while try nextElement()
        }
    }

    mutating func event(_ ctx: SnapshotContext) throws(EvaluationError) {
        try beginObject(at: ctx.path)
        var type = TextRef.missing, at: Instant?, amount: Int64?, currency = TextRef.missing
        var attributes = Span32.empty
        var seen: UInt32 = 0
        if try openObject() {
            repeat {
                switch try field(EventFields.self, ctx, &seen) {
                case 0: type = try string(at: ctx.path("type"))
                case 1: at = try instant(at: ctx.path("at"))
                case 2:
                    let key = amountKey
                    amount = try optionalInteger(Self.minorUnits, at: ctx.path(key))
                case 3: currency = try optionalString(at: ctx.path("currency"))
                default:
                    let start = facts.attributes.count
                    try attributesObject(ctx, run: start)
                    attributes = Span32(start..<facts.attributes.count)
                }
            } while try nextMember()
        }
        guard !type.isMissing else { throw missing(ctx, "type") }
        guard let at else { throw missing(ctx, "at") }
        facts.events.append(EventFact(type: type, at: at, amount: amount, currency: currency, attributes: attributes))
    }

    // MARK: - Attributes

    /// Reads an `attributes` object onto the person's (or event's) run that began at `run`.
    /// A name twice in the object is an error at `attributes.NAME`; a name the run already
    /// had (a flat field before it) is an error at `NAME`.
    @inline(never)  // one call from the people and the events, as before the usual shape (their loops stay as they were)
    mutating func attributesObject(_ ctx: SnapshotContext, run: Int) throws(EvaluationError) {
        if !usualAttributes(run: run) { try attributesObjectTheGeneralWay(ctx, run: run) }  // the usual shape in one step, else the general way
    }

    /// The general way of ``attributesObject(_:run:)``: any shape, with its errors and their paths.
    mutating func attributesObjectTheGeneralWay(_ ctx: SnapshotContext, run: Int) throws(EvaluationError) {
        guard try !null(orExpected: "an object", at: ctx.path("attributes")) else { return }
        try beginObject(at: ctx.path("attributes"))
        let objectStart = facts.attributes.count
        var names = AttributeNames()
        if try openObject() {
            repeat {
                let span: Span
                if let usual = usualKeySpan() { span = usual } else { span = try key() }
                let name = ref(span)
                let value = try attribute(ctx, "attributes.", name)
                if names.insert(name, in: self, among: facts.attributes[objectStart...]) == false {
                    throw EvaluationError(.invalidSnapshot, "duplicate attribute `\(text(name))`", path: ctx.path("attributes." + text(name)))
                }
                facts.attributes.append(AttributeFact(name: name, value: value))
            } while try nextMember()
        }
        // What the object holds joins the flat fields read before it (declared names only, so few).
        for k in objectStart..<facts.attributes.count {
            let name = facts.attributes[k].name
            if facts.attributes[run..<objectStart].contains(where: { same($0.name, name) }) {
                throw EvaluationError(.invalidSnapshot, "duplicate attribute `\(text(name))`", path: ctx.path(text(name)))
            }
        }
    }

    /// Reads a declared attribute written directly on the referrer or referee.
    mutating func flatAttribute(_ ctx: SnapshotContext, run: Int) throws(EvaluationError) {
        let name = ref(flatName)
        let value = try attribute(ctx, "", name)
        if facts.attributes.count > run, AttributeNames.contains(name, in: self, among: facts.attributes[run...]) {
            throw EvaluationError(.invalidSnapshot, "duplicate attribute `\(text(name))`", path: ctx.path(text(name)))
        }
        facts.attributes.append(AttributeFact(name: name, value: value))
    }

    /// An attribute's value; an error names the path `ctx.prefixNAME`, made only then.
    mutating func attribute(_ ctx: SnapshotContext, _ prefix: String, _ name: TextRef) throws(EvaluationError) -> AttributeFact.Value {
        let placeholder = "\u{0}"
        do throws(EvaluationError) {
            return try attribute(at: placeholder)
        } catch {
            var e = error
            if e.path == placeholder { e.path = ctx.path(prefix + text(name)) }
            throw e
        }
    }

    mutating func attribute(at path: @autoclosure () -> String) throws(EvaluationError) -> AttributeFact.Value {
        skipWhitespace()
        guard i < n else { throw truncated() }
        switch b[i] {
        case UInt8(ascii: "\""):
            let span = try scanString()  // before `ref`, which reads the arena
            return .text(ref(span))
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return .bool(try boolean(at: path()))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .integer(try integer(Self.attributeExpected, at: path()))
        default:
            throw typeError(Self.attributeExpected, path())
        }
    }

    mutating func rewardKind(at path: @autoclosure () -> String) throws(EvaluationError) -> RewardKind {
        let ref = try string(at: path())
        let matched: RewardKind? = withText(ref) { bytes in
            for (k, name) in Self.rewardKindNames.enumerated() where name.count == bytes.count && name.elementsEqual(bytes) {
                return RewardKind.allCases[k]
            }
            return nil
        }
        if let kind = matched { return kind }
        let name = text(ref)
        if let kind = RewardKind(rawValue: name) { return kind }
        let names = RewardKind.allCases.map(\.rawValue)
        let hint = Suggestion.help(for: name, among: names).map { "; " + $0 } ?? ""
        throw EvaluationError(.invalidSnapshot, "unknown reward kind `\(Self.snippet(name))`\(hint)", path: path())
    }

    // MARK: - Texts read so far

    func withText<R>(_ t: TextRef, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if t.inArena {
            return facts.arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(t.start)..<Int(t.start + t.count)])) }
        }
        return body(UnsafeBufferPointer(rebasing: b[Int(t.start)..<Int(t.start + t.count)]))
    }

    func text(_ t: TextRef) -> String {
        withText(t) { String(decoding: $0, as: UTF8.self) }
    }

    func same(_ a: TextRef, _ b: TextRef) -> Bool {
        withText(a) { x in withText(b) { y in TextBytes.equal(x, y, ascii: a.ascii && b.ascii) } }
    }
}

/// The attribute names of one run, to find a name given twice: compared one by one while the
/// run is short, hashed once it is long, so an object of a million attributes stays linear.
struct AttributeNames {
    private var set: Set<String>?
    private var count = 0

    /// Adds `name` (already the last of `run` or not); false when it was there.
    mutating func insert(_ name: TextRef, in scanner: SnapshotScanner, among run: ArraySlice<AttributeFact>) -> Bool {
        defer { count += 1 }
        if set == nil, count >= 16 {
            set = Set(run.map { scanner.text($0.name) })
        }
        if set != nil {
            return set!.insert(scanner.text(name)).inserted
        }
        return !run.contains { scanner.same($0.name, name) }
    }

    /// Whether `run` holds `name`, in one pass.
    static func contains(_ name: TextRef, in scanner: SnapshotScanner, among run: ArraySlice<AttributeFact>) -> Bool {
        if run.count <= 16 { return run.contains { scanner.same($0.name, name) } }
        let text = scanner.text(name)
        return run.contains { scanner.text($0.name) == text }
    }
}
