@testable import ReferralPolicy

// The evaluator ReferralPolicy had before the one-evaluator redesign, kept as a test oracle:
// every decision and error record of the library must equal what it gives.

/// The byte-level reader. `i` is the offset of the next unread byte.
struct OracleReader {
    /// Declared attributes that may stand directly on the referrer or referee.
    var flat: OracleFlatAttributes?
    /// The name of the flat attribute ``field(_:_:_:)`` found (it returns -1 for one).
    var flatName = ""
    /// Whether the field last read by ``field(_:_:_:)`` was written as `amount_cents`.
    var aliased = false
    let b: UnsafeBufferPointer<UInt8>
    let n: Int
    var i = 0
    /// The decoded text of the last string that held escapes.
    var scratch: [UInt8] = []

    init(_ buffer: UnsafeBufferPointer<UInt8>) {
        b = buffer
        n = buffer.count
    }

    /// A scanned string: its raw bytes `start..<end` when it held no escape, else its
    /// decoded bytes are in `scratch` (until the next string is scanned).
    struct Span {
        var start: Int
        var end: Int
        var escaped: Bool
    }

    static let instantExample = "an instant like `2025-03-01T12:00:00Z`"
    static let attributeExpected = "text, an integer, `true` or `false`"

    // MARK: - The snapshot's shape

    mutating func snapshot() throws(EvaluationError) -> Snapshot {
        skipWhitespace()
        guard i < n else { throw EvaluationError(.invalidJSON, "empty input, expected a snapshot object") }
        guard b[i] == UInt8(ascii: "{") else { throw typeError("a snapshot object", nil) }
        i += 1
        var id: String?, type: String?, asOf: Instant?
        var referrer: Snapshot.Referrer?, referee: Snapshot.Referee?
        var events: [Snapshot.Event] = []
        var seen: UInt32 = 0
        if try openObject() {
            repeat {
                let ctx = OracleContext.root
                switch try field(OracleRootFields.self, ctx, &seen) {
                case 0: id = try string(at: "id")
                case 1: type = try string(at: "type")
                case 2: asOf = try instant(at: "as_of")
                case 3: referrer = try self.referrer()
                case 4: referee = try self.referee()
                default: events = try self.events()
                }
            } while try nextMember()
        }
        guard let id else { throw missing(.root, "id") }
        guard let type else { throw missing(.root, "type") }
        guard let asOf else { throw missing(.root, "as_of") }
        guard let referrer else { throw missing(.root, "referrer") }
        guard let referee else { throw missing(.root, "referee") }
        skipWhitespace()
        guard i == n else { throw EvaluationError(.invalidJSON, "unexpected data after the snapshot at byte \(i)") }
        return Snapshot(id: id, type: type, asOf: asOf, referrer: referrer, referee: referee, events: events)
    }

    mutating func referrer() throws(EvaluationError) -> Snapshot.Referrer {
        let ctx = OracleContext.referrer
        try beginObject(at: "referrer")
        var id: String?, status: String?, country: String?
        var attributes: [String: AttributeValue] = [:]
        var rewards: [Snapshot.PastReward] = []
        var seen: UInt32 = 0
        if try openObject() {
            repeat {
                switch try field(OracleReferrerFields.self, ctx, &seen) {
                case 0: id = try string(at: ctx.path("id"))
                case 1: status = try optionalString(at: ctx.path("status"))
                case 2: country = try optionalString(at: ctx.path("country"))
                case 3:
                    let more = try self.attributes(ctx)
                    try merge(more, into: &attributes, ctx)
                case -1:
                    let name = flatName
                    let value = try attribute(at: ctx.path(name))
                    try merge([name: value], into: &attributes, ctx)
                default: rewards = try pastRewards()
                }
            } while try nextMember()
        }
        guard let id else { throw missing(ctx, "id") }
        return Snapshot.Referrer(id: id, status: status, country: country, attributes: attributes, rewards: rewards)
    }

    mutating func pastRewards() throws(EvaluationError) -> [Snapshot.PastReward] {
        guard try !null(orExpected: "an array", at: "referrer.rewards") else { return [] }
        try beginArray(at: "referrer.rewards")
        var out: [Snapshot.PastReward] = []
        if try openArray() {
            repeat { out.append(try pastReward(.reward(out.count))) } while try nextElement()
        }
        return out
    }

    mutating func pastReward(_ ctx: OracleContext) throws(EvaluationError) -> Snapshot.PastReward {
        try beginObject(at: ctx.path)
        var referralID: String?, amount: Int64?, currency: String?, kind: RewardKind?, grantedAt: Instant?
        var seen: UInt32 = 0
        if try openObject() {
            repeat {
                switch try field(OracleRewardFields.self, ctx, &seen) {
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
        guard let currency else { throw missing(ctx, "currency") }
        guard let kind else { throw missing(ctx, "kind") }
        guard let grantedAt else { throw missing(ctx, "granted_at") }
        return Snapshot.PastReward(referralID: referralID, amountMinor: amount, currency: currency, kind: kind, grantedAt: grantedAt)
    }

    mutating func referee() throws(EvaluationError) -> Snapshot.Referee {
        let ctx = OracleContext.referee
        try beginObject(at: "referee")
        var id: String?, signupAt: Instant?, attribution: String?, country: String?
        var flags: [String] = []
        var attributes: [String: AttributeValue] = [:]
        var seen: UInt32 = 0
        if try openObject() {
            repeat {
                switch try field(OracleRefereeFields.self, ctx, &seen) {
                case 0: id = try string(at: ctx.path("id"))
                case 1: signupAt = try instant(at: ctx.path("signup_at"))
                case 2: attribution = try optionalString(at: ctx.path("attribution"))
                case 3: country = try optionalString(at: ctx.path("country"))
                case 4: flags = try self.flags()
                case -1:
                    let name = flatName
                    let value = try attribute(at: ctx.path(name))
                    try merge([name: value], into: &attributes, ctx)
                default:
                    let more = try self.attributes(ctx)
                    try merge(more, into: &attributes, ctx)
                }
            } while try nextMember()
        }
        guard let id else { throw missing(ctx, "id") }
        guard let signupAt else { throw missing(ctx, "signup_at") }
        return Snapshot.Referee(id: id, signupAt: signupAt, attribution: attribution, country: country,
                                flags: flags, attributes: attributes)
    }

    mutating func flags() throws(EvaluationError) -> [String] {
        guard try !null(orExpected: "an array", at: "referee.flags") else { return [] }
        try beginArray(at: "referee.flags")
        var out: [String] = []
        if try openArray() {
            repeat { out.append(try string(at: "referee.flags[\(out.count)]")) } while try nextElement()
        }
        return out
    }

    mutating func events() throws(EvaluationError) -> [Snapshot.Event] {
        guard try !null(orExpected: "an array", at: "events") else { return [] }
        try beginArray(at: "events")
        var out: [Snapshot.Event] = []
        if try openArray() {
            out.reserveCapacity(8)  // one allocation for the usual few events, not one per doubling
            repeat { out.append(try event(.event(out.count))) } while try nextElement()
        }
        return out
    }

    mutating func event(_ ctx: OracleContext) throws(EvaluationError) -> Snapshot.Event {
        try beginObject(at: ctx.path)
        var type: String?, at: Instant?, amount: Int64?, currency: String?
        var attributes: [String: AttributeValue] = [:]
        var seen: UInt32 = 0
        if try openObject() {
            repeat {
                switch try field(OracleEventFields.self, ctx, &seen) {
                case 0: type = try string(at: ctx.path("type"))
                case 1: at = try instant(at: ctx.path("at"))
                case 2:
                    let key = amountKey
                    amount = try optionalInteger(Self.minorUnits, at: ctx.path(key))
                case 3: currency = try optionalString(at: ctx.path("currency"))
                default: attributes = try self.attributes(ctx)
                }
            } while try nextMember()
        }
        guard let type else { throw missing(ctx, "type") }
        guard let at else { throw missing(ctx, "at") }
        return Snapshot.Event(type: type, at: at, amountMinor: amount, currency: currency, attributes: attributes)
    }

    mutating func attributes(_ ctx: OracleContext) throws(EvaluationError) -> [String: AttributeValue] {
        guard try !null(orExpected: "an object", at: ctx.path("attributes")) else { return [:] }
        try beginObject(at: ctx.path("attributes"))
        var out: [String: AttributeValue] = [:]
        if try openObject() {
            repeat {
                let span = try key()  // before `text`, which reads `scratch`
                let name = text(span)
                let value = try attribute(at: ctx.path("attributes." + name))
                if out.updateValue(value, forKey: name) != nil {
                    throw EvaluationError(.invalidSnapshot, "duplicate attribute `\(name)`", path: ctx.path("attributes." + name))
                }
            } while try nextMember()
        }
        return out
    }

    mutating func attribute(at path: @autoclosure () -> String) throws(EvaluationError) -> AttributeValue {
        skipWhitespace()
        guard i < n else { throw truncated() }
        switch b[i] {
        case UInt8(ascii: "\""):
            let span = try scanString()  // before `text`, which reads `scratch`
            return .string(text(span))
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return .bool(try boolean(at: path()))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .integer(try integer(Self.attributeExpected, at: path()))
        default:
            throw typeError(Self.attributeExpected, path())
        }
    }

    mutating func rewardKind(at path: @autoclosure () -> String) throws(EvaluationError) -> RewardKind {
        let name = try string(at: path())
        if let kind = RewardKind(rawValue: name) { return kind }
        let names = RewardKind.allCases.map(\.rawValue)
        let hint = Suggestion.help(for: name, among: names).map { "; " + $0 } ?? ""
        throw EvaluationError(.invalidSnapshot, "unknown reward kind `\(Self.snippet(name))`\(hint)", path: path())
    }

    static let minorUnits = "an integer number of minor units"
}
