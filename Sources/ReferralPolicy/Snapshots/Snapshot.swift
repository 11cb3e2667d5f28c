/// The state of one referral at one instant: what a service hands to ``Policy/evaluate(_:explain:)``.
///
/// Its wire form is JSON (`docs/snapshots-and-decisions.md`); ``SnapshotDecoder`` reads it
/// with precise errors, and the type is `Codable` for callers who build snapshots in Swift.
public struct Snapshot: Sendable, Hashable {
    /// The referral's id, echoed in the decision.
    public var id: String
    /// The referral type, one of the policy's `referral_types` (`freelancer`).
    public var type: String
    /// The evaluation instant. Evaluation never reads the clock; events after `as_of` are ignored.
    public var asOf: Instant
    public var referrer: Referrer
    public var referee: Referee
    /// What the referee did. Any order; evaluation sorts by time (stable).
    public var events: [Event]

    public init(id: String, type: String, asOf: Instant, referrer: Referrer, referee: Referee, events: [Event] = []) {
        self.id = id
        self.type = type
        self.asOf = asOf
        self.referrer = referrer
        self.referee = referee
        self.events = events
    }
}

/// The value of a custom attribute on a referrer, referee or event.
/// Numbers are integers; policies declare each attribute's type.
public enum AttributeValue: Sendable, Hashable {
    case string(String)
    case integer(Int64)
    case bool(Bool)

    /// What a person reads in an explanation: `"customer_service"`, `12`, `true`.
    var display: String {
        switch self {
        case .string(let s): "`\(s)`"
        case .integer(let i): String(i)
        case .bool(let b): b ? "true" : "false"
        }
    }
}
