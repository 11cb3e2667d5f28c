@testable import ReferralPolicy

// The evaluator ReferralPolicy had before the one-evaluator redesign, kept as a test oracle:
// every decision and error record of the library must equal what it gives.

/// A policy ready to evaluate: every name resolved to an index, every constant parsed,
/// every id qualified. Immutable, so one instance serves any number of threads.
final class OraclePolicy: Sendable {
    let identity: PolicyIdentity
    let effective: EffectivePeriod
    let description: String?
    let file: String?
    let programLocation: SourceLocation
    let versionLocation: SourceLocation
    let effectiveLocation: SourceLocation
    let currency: Currency
    /// Event type name → index into the per-type tables below.
    let eventIndex: [String: Int]
    let eventNames: [String]
    let eventHasAmount: [Bool]
    let eligibility: [OracleRule]
    let limits: [OracleLimit]
    let types: [OracleType]
    let typeIndex: [String: Int]
    /// Every rule with an id, in file order, for test coverage and test-file checks.
    /// Declared referrer and referee attributes, accepted directly on those objects in JSON.
    let flatAttributes: OracleFlatAttributes

    init(identity: PolicyIdentity, effective: EffectivePeriod, description: String?, file: String?,
         programLocation: SourceLocation, versionLocation: SourceLocation, effectiveLocation: SourceLocation,
         currency: Currency, eventNames: [String], eventHasAmount: [Bool], eligibility: [OracleRule],
         limits: [OracleLimit], types: [OracleType], flatAttributes: OracleFlatAttributes) {
        self.flatAttributes = flatAttributes
        self.identity = identity
        self.effective = effective
        self.description = description
        self.file = file
        self.programLocation = programLocation
        self.versionLocation = versionLocation
        self.effectiveLocation = effectiveLocation
        self.currency = currency
        self.eventNames = eventNames
        self.eventHasAmount = eventHasAmount
        var index: [String: Int] = [:]
        for (i, name) in eventNames.enumerated() { index[name] = i }
        self.eventIndex = index
        self.eligibility = eligibility
        self.limits = limits
        self.types = types
        var typeIndex: [String: Int] = [:]
        for (i, t) in types.enumerated() { typeIndex[t.name] = i }
        self.typeIndex = typeIndex
        self.typeNames = types.map(\.name)
    }


    /// Names of the referral types, in `types` order.
    let typeNames: [String]

    /// The index of a referral type. A short list is scanned (comparing short strings costs
    /// less than hashing them); a long one is looked up, so cost does not grow with types.
    func typeIndex(named name: String) -> Int? {
        typeNames.count <= OracleNameLookup.scanLimit ? typeNames.firstIndex(of: name) : typeIndex[name]
    }

    /// The index of an event type, the same way.
    func eventIndex(named name: String) -> Int? {
        eventNames.count <= OracleNameLookup.scanLimit ? eventNames.firstIndex(of: name) : eventIndex[name]
    }
}

enum OracleNameLookup {
    /// Up to this many names, a linear scan beats hashing.
    static let scanLimit = 12
}

/// A snapshot field an eligibility rule reads.
enum OracleField: Sendable {
    case refereeID, refereeAttribution, refereeCountry, refereeFlags
    case referrerID, referrerStatus, referrerCountry
    case refereeAttribute(String)
    case referrerAttribute(String)

    var path: String {
        switch self {
        case .refereeID: "referee.id"
        case .refereeAttribution: "referee.attribution"
        case .refereeCountry: "referee.country"
        case .refereeFlags: "referee.flags"
        case .referrerID: "referrer.id"
        case .referrerStatus: "referrer.status"
        case .referrerCountry: "referrer.country"
        case .refereeAttribute(let n): "referee.\(n)"
        case .referrerAttribute(let n): "referrer.\(n)"
        }
    }
}

/// A constant, typed to the field or attribute it is compared with.
enum OracleValue: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    case bool(Bool)

    var display: String {
        switch self {
        case .text(let s): s
        case .integer(let i): String(i)
        case .bool(let b): b ? "true" : "false"
        }
    }
}

/// A comparison with its constants, ready to apply to a value. A class, so that reading a
/// rule's test while evaluating costs one reference count, not one per list it holds.
final class OracleTest: Sendable {
    let comparison: Comparison
    let values: [OracleValue]
    /// For `in`/`not_in` on text: the same constants as a set.
    let textSet: Set<String>
    /// The same text constants as a list, scanned when short.
    let textList: [String]

    init(comparison: Comparison, values: [OracleValue], textSet: Set<String>) {
        self.comparison = comparison
        self.values = values
        self.textSet = textSet
        self.textList = Array(textSet)
    }


    /// Whether `text` is one of the text constants.
    func containsText(_ text: String) -> Bool {
        textList.count <= OracleNameLookup.scanLimit ? textList.contains(text) : textSet.contains(text)
    }
}

/// One eligibility rule.
final class OracleRule: Sendable {
    enum Condition: Sendable {
        case selfReferral(allowed: Bool)
        case field(OracleField, OracleTest)
    }

    let id: String
    let description: String?
    let condition: Condition

    init(id: String, description: String?, condition: Condition) {
        self.id = id
        self.description = description
        self.condition = condition
    }
}

/// When events count, relative to a referee's sign-up.
struct OracleWindow: Sendable {
    let days: Int64?
    let until: Instant?
    let anyTime: Bool

    static let anyTime = OracleWindow(days: nil, until: nil, anyTime: true)

    /// The window's first and last instants (inclusive) for a sign-up; nil bounds mean open.
    func bounds(signup: Instant) -> (start: Instant?, end: Instant?) {
        if anyTime { return (nil, nil) }
        var end = until
        if let days {
            let byDays = signup.adding(days: days) ?? Instant.latest
            end = end.map { min($0, byDays) } ?? byDays
        }
        return (signup, end)
    }
}

/// A filter on an event: an attribute test, or the event's own amount.
struct OracleFilter: Sendable {
    let attribute: String
    let isAmount: Bool
    let test: OracleTest
}

/// A counted or summed requirement: the leaves the one pass over events updates.
final class OracleLeaf: Sendable {
    let id: String
    let description: String?
    let event: Int
    let isSum: Bool
    /// Events (or distinct days) for a count; minor units for a sum.
    let threshold: Int64
    let distinctDays: Bool
    let filters: [OracleFilter]
    /// nil: the referral type's window.
    let window: OracleWindow?

    init(id: String, description: String?, event: Int, isSum: Bool, threshold: Int64, distinctDays: Bool, filters: [OracleFilter], window: OracleWindow?) {
        self.id = id
        self.description = description
        self.event = event
        self.isSum = isSum
        self.threshold = threshold
        self.distinctDays = distinctDays
        self.filters = filters
        self.window = window
    }
}

/// The requirement tree; leaves index into ``OracleType/leaves``.
indirect enum OracleRequirement: Sendable {
    case leaf(Int)
    case all(id: String, [OracleRequirement])
    case any(id: String, [OracleRequirement])
    case not(id: String, OracleRequirement)
}

/// A reward's amount rule.
enum OracleAmount: Sendable {
    case fixed(Int64)
    case percent(basisPoints: Int64, leaf: Int, min: Int64?, max: Int64?)
    case tiers(leaf: Int, [OracleTier])
}

struct OracleTier: Sendable {
    let id: String
    let atLeast: Int64
    let amount: Int64
    let kind: RewardKind
    let creditExpiresDays: Int64?
}

final class OracleReward: Sendable {
    let id: String
    let description: String?
    let to: Beneficiary
    let kind: RewardKind
    let currency: Currency
    let amount: OracleAmount
    let holdDays: Int64
    let creditExpiresDays: Int64?

    init(id: String, description: String?, to: Beneficiary, kind: RewardKind, currency: Currency, amount: OracleAmount, holdDays: Int64, creditExpiresDays: Int64?) {
        self.id = id
        self.description = description
        self.to = to
        self.kind = kind
        self.currency = currency
        self.amount = amount
        self.holdDays = holdDays
        self.creditExpiresDays = creditExpiresDays
    }
}

struct OracleLimit: Sendable {
    let id: String
    let period: LimitRule.Period
    let maxRewards: Int64?
    let maxAmount: Money?
    let kind: RewardKind?
}

struct OracleReversal: Sendable {
    let id: String
    /// Indexed by event type: true for the types that reverse.
    let reverses: [Bool]
    let eventNames: [String]
    let withinDays: Int64
}

/// One referral type, compiled.
final class OracleType: Sendable {
    let name: String
    let window: OracleWindow?
    let eligibility: [OracleRule]
    /// All of the type's requirements.
    let requirements: [OracleRequirement]
    let leaves: [OracleLeaf]
    /// For each event type index, the leaves that may count it.
    let leavesByEvent: [[Int]]
    let rewards: [OracleReward]
    let reversal: OracleReversal?

    init(name: String, window: OracleWindow?, eligibility: [OracleRule], requirements: [OracleRequirement], leaves: [OracleLeaf], leavesByEvent: [[Int]], rewards: [OracleReward], reversal: OracleReversal?) {
        self.name = name
        self.window = window
        self.eligibility = eligibility
        self.requirements = requirements
        self.leaves = leaves
        self.leavesByEvent = leavesByEvent
        self.rewards = rewards
        self.reversal = reversal
        self.plans = leaves.map {
            OracleLeafPlan(event: $0.event, isSum: $0.isSum, threshold: $0.threshold, distinctDays: $0.distinctDays,
                     hasFilters: !$0.filters.isEmpty, window: $0.window)
        }
        var starts = [0]
        var flat: [Int] = []
        for list in leavesByEvent {
            flat += list
            starts.append(flat.count)
        }
        self.leafStarts = starts
        self.leafList = flat
        self.requirementsAreLeaves = requirements.allSatisfy { if case .leaf = $0 { true } else { false } }
            && Set(requirements.compactMap { if case .leaf(let i) = $0 { i } else { nil } }).count == requirements.count
    }

    /// The fields of each leaf the one pass over events reads, as plain values.
    let plans: [OracleLeafPlan]
    /// `leavesByEvent` flattened: the leaves of event type `e` are `leafList[leafStarts[e]..<leafStarts[e + 1]]`.
    let leafStarts: [Int]
    let leafList: [Int]
    /// True when the requirements are a plain list of distinct leaves (all must be met), so
    /// they hold exactly when no leaf is below its threshold. Requirement `k` is then leaf `k`.
    let requirementsAreLeaves: Bool
}

/// What the one pass over events needs of a leaf.
struct OracleLeafPlan: Sendable {
    let event: Int
    let isSum: Bool
    let threshold: Int64
    let distinctDays: Bool
    let hasFilters: Bool
    /// nil: the referral type's window.
    let window: OracleWindow?
}


