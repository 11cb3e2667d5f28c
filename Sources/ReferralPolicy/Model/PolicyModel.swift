/// A policy as written, after parsing: every part keeps the line:column it came from.
/// Produced by ``PolicyParser``, checked by ``PolicyChecker``, compiled by ``PolicyCompiler``.
package struct PolicyModel: Sendable {
    var program: String
    var programLocation: SourceLocation
    var version: String
    var versionLocation: SourceLocation
    var description: String?
    package var currency: Currency
    var effective: EffectivePeriod
    var effectiveLocation: SourceLocation
    var referrerAttributes: [AttributeDecl] = []
    var refereeAttributes: [AttributeDecl] = []
    var events: [EventTypeDecl] = []
    var eligibility: [EligibilityRule] = []
    var limits: [LimitRule] = []
    var types: [ReferralTypeModel] = []
    /// True when an event type or attribute declaration did not parse: names that would be
    /// declared there are not reported as undeclared (a knock-on of the error reported).
    var declarationsIncomplete: Bool = false
    /// Units the policy declares (`units:`), in file order.
    var units: [UnitDecl] = []
    /// What an event of a type this policy does not declare does (`unknown_events`).
    var unknownEvents: EventHandling = .error
    /// What an amount in another currency than its event type's does (`other_currencies`),
    /// unless the event type says otherwise.
    var otherCurrencies: EventHandling = .error
    /// The program's time zone (`time_zone`); nil: UTC.
    var timeZone: TimeZoneModel? = nil
}

/// The type of a declared custom attribute.
enum AttributeType: String, CaseIterable, Sendable {
    case text, integer, boolean
}

/// A custom attribute a policy declares on the referrer, the referee or an event type.
struct AttributeDecl: Sendable {
    var name: String
    var type: AttributeType
    var location: SourceLocation
}

/// An event type the policy counts or sums: `earned`, `posted_job`.
struct EventTypeDecl: Sendable {
    var name: String
    var location: SourceLocation
    var description: String?
    /// Events of this type carry an amount of money.
    var hasAmount: Bool
    var attributes: [AttributeDecl]
    /// The currency (or declared unit) its amounts are in, when it names one; else the policy's.
    var currency: Currency? = nil
    /// Its own `other_currencies`, when it gives one; else the policy's.
    var otherCurrencies: EventHandling? = nil
}

/// A rule's id as written (or derived from its place) and where it stands.
struct RuleID: Sendable {
    /// The fully qualified id: `freelancer.first_earnings`, `yearly_cap`.
    var id: String
    var location: SourceLocation
    /// True when the policy wrote it (not derived from the rule's place).
    var given: Bool
}

/// Compares a value to the constants a rule lists.
enum Comparison: String, CaseIterable, Sendable {
    case `in`, notIn = "not_in", equals, notEquals = "not_equals"
    case containsAny = "contains_any", containsNone = "contains_none"
    case atLeast = "at_least", atMost = "at_most"
}

/// A constant a rule compares with, as written.
struct Literal: Sendable {
    var text: String
    var quoted: Bool
    var location: SourceLocation
}

/// A field of the snapshot a rule reads: `referee.country`, `referrer.top_rated`.
struct FieldRef: Sendable {
    var path: String
    var location: SourceLocation
}

/// One eligibility rule: a field compared with constants, or the self-referral check.
struct EligibilityRule: Sendable {
    enum Condition: Sendable {
        case field(FieldRef, Comparison, [Literal])
        case selfReferral(allowed: Bool)
        /// A field compared with another field of the snapshot: `equals_field`, `not_equals_field`.
        case fields(FieldRef, FieldRelation, FieldRef)
    }

    var id: RuleID
    var description: String?
    var condition: Condition
    var location: SourceLocation
}

/// When qualifying events count: N days after sign-up, until a fixed instant, both
/// (whichever ends first), or at any time.
struct WindowModel: Sendable {
    var days: Int64?
    var until: Instant?
    var anyTime: Bool
    var location: SourceLocation
    /// `months:` or `years:` instead of `days:`.
    var calendar: CalendarSpan? = nil
}

/// A condition on an event's attribute or amount, under `where:`.
struct EventFilter: Sendable {
    /// An attribute name, or `amount` for the event's own amount.
    var attribute: String
    var location: SourceLocation
    var comparison: Comparison
    var values: [Literal]
    /// For `equals_field` / `not_equals_field`: the snapshot field the attribute is compared
    /// with (`comparison` and `values` are then unused: `.equals` / `.notEquals` and none).
    var compared: (relation: FieldRelation, field: FieldRef)? = nil
}

/// A requirement: count or sum events of a type, or combine requirements.
struct RequirementModel: Sendable {
    indirect enum Kind: Sendable {
        case count(event: String, eventLocation: SourceLocation, atLeast: Int64, distinctDays: Bool)
        case sum(event: String, eventLocation: SourceLocation, atLeast: Money)
        case all([RequirementModel])
        case any([RequirementModel])
        case not(RequirementModel)
    }

    var id: RuleID
    var description: String?
    var kind: Kind
    var filters: [EventFilter]
    var window: WindowModel?
    var location: SourceLocation
    /// For a `count` or `sum` that lists several event types (`sum: [buy, sell]`): the types
    /// after the first (which its kind holds), in the order written. See `measuredEvents`.
    var moreEvents: [(name: String, location: SourceLocation)] = []
}

/// How a reward's amount is set.
enum RewardAmountModel: Sendable {
    case fixed(Money)
    /// `percent` in basis points (2000 = 20%) of a summed requirement, clamped to min/max.
    case percent(basisPoints: Int64, of: String, ofLocation: SourceLocation, min: Money?, max: Money?)
    /// The highest tier whose `at_least` the measured sum (or count) reaches.
    case tiers(of: String, ofLocation: SourceLocation, [TierModel])
    /// A fixed amount looked up by a field's value.
    case byField(AmountTableModel)
}

/// One level of a tiered reward.
struct TierModel: Sendable {
    var id: RuleID
    var atLeast: TierThreshold
    var amount: Money
    var kind: RewardKind
    var creditExpiresDays: Int64?
    var location: SourceLocation
    /// When the tier's amount depends on a field (`amount: { by: … }`): the table, and `amount`
    /// is not used.
    var amountTable: AmountTableModel? = nil
    /// `at_least` as written, when it was read as money: the requirement `of` names may turn out
    /// to be a `count` known only later (``PolicyParser/readCountTiers(_:)``).
    var written: Literal? = nil
    /// `credit_expires: { months: 3 }` (then `creditExpiresDays` is nil).
    var creditExpiresCalendar: CalendarSpan? = nil
}

/// One reward rule of a referral type.
struct RewardModel: Sendable {
    var id: RuleID
    var description: String?
    var to: Beneficiary
    var kind: RewardKind
    var currency: Currency
    var amount: RewardAmountModel
    var holdDays: Int64
    var creditExpiresDays: Int64?
    var location: SourceLocation
    /// Where `hold_days` and `credit_expires_days` are written, when they are.
    var holdLocation: SourceLocation? = nil
    var creditExpiresLocation: SourceLocation? = nil
    /// True when a tier (or `taking`) did not parse: the checks of the amount would only repeat that error.
    var incomplete: Bool = false
    /// For a `percent`: which amount of the qualifying events it is taken of (`taking:`), and
    /// where that is written.
    var taking: PercentBasis = .sum
    var takingLocation: SourceLocation? = nil
    /// The milestone of its own `when:` (an index into its type's ``ReferralTypeModel/milestones``);
    /// nil: paid when the type's requirements are met.
    var when: Int? = nil
    /// `hold: { months: 1 }` (then `holdDays` is 0) and `credit_expires: { months: 3 }` (then
    /// `creditExpiresDays` is nil).
    var holdCalendar: CalendarSpan? = nil
    var creditExpiresCalendar: CalendarSpan? = nil
}

/// A cap per referrer, counted over the reward history in the snapshot.
struct LimitRule {
    enum Period: Equatable, Sendable {
        case calendarMonth, calendarYear, lifetime
        case rollingDays(Int64)
        /// `rolling: { months: 12 }`: the calendar months up to the reward.
        case rollingCalendar(CalendarSpan)
    }

    var id: RuleID
    var description: String?
    var period: Period
    var maxRewards: Int64?
    var maxAmount: Money?
    var kind: RewardKind?
    var location: SourceLocation
}

/// Take the rewards back when a refund or chargeback follows qualification within a period.
struct ReversalModel: Sendable {
    var id: RuleID
    var events: [(name: String, location: SourceLocation)]
    var withinDays: Int64
    var location: SourceLocation
    /// `within: { months: 6 }` (then `withinDays` is 0).
    var withinCalendar: CalendarSpan? = nil
}

/// One referral type: its window, eligibility, requirements, rewards and reversal.
struct ReferralTypeModel: Sendable {
    var name: String
    var location: SourceLocation
    var description: String?
    var window: WindowModel?
    var eligibility: [EligibilityRule]
    /// All of these must hold.
    var requirements: [RequirementModel]
    var requirementsLocation: SourceLocation
    var rewards: [RewardModel]
    var reversal: ReversalModel?
    /// The type's milestones: every reward's own `when:` and the `milestones:` list, in that order.
    var milestones: [MilestoneModel] = []
    /// True when a requirement (or the requirements list) did not parse: ids that would name it
    /// are not reported as undefined, since that is a knock-on of the error already reported.
    var incomplete: Bool = false
}

extension PolicyModel {
    /// The currency (or unit) amounts of events of this type are in: its own, else the policy's.
    func amountCurrency(of event: EventTypeDecl) -> Currency {
        event.currency ?? currency
    }

    /// The same, by event type name (the policy's currency for a name it does not declare).
    func amountCurrency(ofEvent name: String) -> Currency {
        events.first { $0.name == name }.map(amountCurrency(of:)) ?? currency
    }

    /// What an amount in another currency does for events of this type.
    func otherCurrencies(of event: EventTypeDecl) -> EventHandling {
        event.otherCurrencies ?? otherCurrencies
    }
}
