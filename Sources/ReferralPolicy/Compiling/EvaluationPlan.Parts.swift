/// The plain values an ``EvaluationPlan`` is made of. Every one is `BitwiseCopyable`: reading
/// one out of its table copies bytes and counts no reference.
extension EvaluationPlan {
    /// When qualifying events count, relative to a referee's sign-up: N days after it, until a
    /// fixed instant, both (whichever ends first), or at any time.
    struct Window: BitwiseCopyable, Sendable {
        var days: Int64?
        var until: Instant?
        var anyTime: Bool
        /// Calendar months after sign-up, in the program's time zone (instead of `days`); 0:
        /// none. 32 bits, so that it fits the padding and a leaf is no larger for it.
        var months: Int32 = 0

        static let anyTime = Window(days: nil, until: nil, anyTime: true)

        /// The window's first and last instants (inclusive) for a sign-up; nil bounds are open.
        func bounds(signup: Instant, zone: ZoneView?) -> (start: Instant?, end: Instant?) {
            if anyTime { return (nil, nil) }
            var end = until
            if let days {
                let byDays = signup.adding(days: days) ?? Instant.latest
                end = end.map { min($0, byDays) } ?? byDays
            }
            if months != 0 {
                let byMonths = ZonedCalendar.adding(months: Int64(months), to: signup, zone) ?? Instant.latest
                end = end.map { min($0, byMonths) } ?? byMonths
            }
            return (signup, end)
        }
    }

    /// A snapshot field an eligibility rule reads.
    enum Field: BitwiseCopyable, Sendable {
        case refereeID, refereeAttribution, refereeCountry, refereeFlags
        case referrerID, referrerStatus, referrerCountry
        /// A declared attribute, by its index among the person's declared attributes.
        case refereeAttribute(Int32)
        case referrerAttribute(Int32)
    }

    /// A constant a rule compares with, typed to what it is compared with.
    enum Constant: BitwiseCopyable, Sendable {
        /// Bytes in ``EvaluationPlan/bytes``; `string` is the same text in ``EvaluationPlan/strings``.
        case text(Span32, ascii: Bool, string: Int32)
        case integer(Int64)
        case bool(Bool)
    }

    /// A comparison with its constants.
    struct Test: BitwiseCopyable, Sendable {
        var comparison: Comparison
        /// The constants, in the order the policy wrote them.
        var values: Span32
        /// For text constants: their ``EvaluationPlan/longLists`` entry (a ``NameTable``,
        /// scanned when short, hashed when long), else -1.
        var longList: Int32
    }

    /// One eligibility rule: the self-referral check, or a field compared with constants.
    struct Rule: BitwiseCopyable, Sendable {
        enum Condition: BitwiseCopyable, Sendable {
            case selfReferral(allowed: Bool)
            case field(Field, Test)
            /// The field compared with another field of the snapshot.
            case fields(Field, FieldTest)
        }

        var id: Int32
        var condition: Condition
        /// The field's path, `referee.country`, for explanations.
        var path: Int32
    }

    /// A `where:` condition on an event: its amount, or one of its attributes.
    struct Filter: BitwiseCopyable, Sendable {
        var isAmount: Bool
        /// The attribute's name, in ``EvaluationPlan/bytes``.
        var name: Span32
        var test: Test
        /// For `equals_field` / `not_equals_field`: the snapshot field the attribute is
        /// compared with, instead of `test`.
        var compared: FieldTest? = nil
        /// For the filter an `other_currencies: ignore` event type puts first on each measure
        /// that reads its amounts (an amount filter, `isAmount`): the currency (index into
        /// ``EvaluationPlan/currencies``) the event's amount must be in to count. -1 for every
        /// other filter.
        var currency: Int32 = -1
        /// Whether `name` is all ASCII: checked when the plan is built, not for each event.
        var nameIsASCII = true
    }

    /// What a leaf requirement measures.
    enum Measure: BitwiseCopyable, Sendable, CaseIterable {
        /// Qualifying events.
        case count
        /// Distinct UTC days with a qualifying event.
        case distinctDays
        /// Distinct days in the program's time zone with a qualifying event.
        case distinctLocalDays
        /// The sum of qualifying events' amounts, in minor units.
        case sum

        /// What `have` and `need` count, in progress and explanations.
        var unit: Decision.Progress.Unit {
            switch self {
            case .count, .distinctDays, .distinctLocalDays: .count
            case .sum: .money
            }
        }

        /// What one qualifying event adds when a leaf's total is replayed (tiers' timing).
        func step(_ amount: Int64) -> Int64 {
            switch self {
            case .count, .distinctDays, .distinctLocalDays: 1
            case .sum: amount
            }
        }
    }

    /// A counted or summed requirement: what the one pass over events updates.
    struct Leaf: BitwiseCopyable, Sendable {
        var id: Int32
        var description: Int32
        var event: Int32
        var measure: Measure
        /// Events, days or minor units.
        var threshold: Int64
        /// Its own window (or one a group gave it); nil: the referral type's.
        var window: Window?
        var filters: Span32
        /// The event types after `event` when the requirement lists several
        /// (``EvaluationPlan/leafEvents``); empty for one.
        var moreEvents: Span32 = .empty
    }

    /// One node of a type's requirement tree, in postfix order: a group follows its children.
    struct Node: BitwiseCopyable, Sendable {
        enum Kind: BitwiseCopyable, Sendable {
            /// A leaf, by its local index.
            case leaf(Int32)
            /// All (any) of the `children` subtrees just before it.
            case all(children: Int32)
            case any(children: Int32)
            /// Holds when the subtree just before it does not.
            case not
        }

        var kind: Kind
        var id: Int32
        /// The local index of the group it is in, or -1 at the top.
        var parent: Int32
    }

    /// One referral type.
    struct ReferralType: BitwiseCopyable, Sendable {
        var name: Int32
        var window: Window?
        var rules: Span32
        var leaves: Span32
        var nodes: Span32
        /// How many top-level requirements the nodes hold (all of them must hold).
        var roots: Int32
        /// `eventCount + 1` entries of ``EvaluationPlan/leafOffsets``.
        var leafOffsets: Span32
        var rewards: Span32
        /// Index into ``EvaluationPlan/reversals``, or -1.
        var reversal: Int32
        /// True when the requirements are a plain list of distinct leaves: they hold exactly
        /// when no leaf is below its threshold.
        var plainLeaves: Bool
        /// Its milestones, in ``EvaluationPlan/milestones`` (empty for most types: their rewards
        /// all wait for the type's requirements).
        var milestones: Span32 = .empty
        /// True when a milestone counts the referrer's qualified referrals (`nth_referral`).
        var countsReferrals = false
    }

    /// How a reward's amount is set.
    enum Amount: BitwiseCopyable, Sendable {
        case fixed(Int64)
        /// `basisPoints` (2000 = 20%) of a summed leaf (local index), clamped to min and max.
        case percent(basisPoints: Int64, leaf: Int32, min: Int64?, max: Int64?)
        /// The highest tier whose `at_least` the leaf reaches.
        case tiers(leaf: Int32, Span32)
        /// A fixed amount looked up by a field's value (index into ``EvaluationPlan/amountTables``).
        case table(Int32)
        /// `basisPoints` of one qualifying event of a leaf: the first one (or the largest one),
        /// clamped to min and max.
        case percentOfEvent(basisPoints: Int64, leaf: Int32, largest: Bool, min: Int64?, max: Int64?)
    }

    struct Reward: BitwiseCopyable, Sendable {
        var id: Int32
        var description: Int32
        var to: Beneficiary
        var kind: RewardKind
        /// Index into ``EvaluationPlan/currencies``.
        var currency: Int32
        var amount: Amount
        var holdDays: Int64
        var creditExpiresDays: Int64?
        /// A hold and a credit lifetime in calendar months (then the days are 0 and nil); 0: none.
        var holdMonths: Int32 = 0
        var creditExpiresMonths: Int32 = 0
    }

    struct Tier: BitwiseCopyable, Sendable {
        var id: Int32
        var atLeast: Int64
        var amount: Int64
        var kind: RewardKind
        var creditExpiresDays: Int64?
        /// When the tier's amount is looked up by a field: its ``EvaluationPlan/amountTables``
        /// entry (and `amount` is not used); else -1.
        var table: Int32 = -1
        var creditExpiresMonths: Int32 = 0
    }

    /// A cap per referrer over the reward history the snapshot carries.
    struct Limit: BitwiseCopyable, Sendable {
        var id: Int32
        var period: LimitRule.Period
        var maxRewards: Int64?
        var maxAmount: Int64?
        /// The currency of `maxAmount` (index into ``EvaluationPlan/currencies``).
        var amountCurrency: Int32
        var kind: RewardKind?
    }

    /// Rewards taken back when a refund or chargeback follows qualification within a period.
    struct Reversal: BitwiseCopyable, Sendable {
        var id: Int32
        var withinDays: Int64
        /// Calendar months instead of days (then `withinDays` is 0).
        var withinMonths: Int32 = 0
        /// One entry per event type in ``EvaluationPlan/reversalMask``.
        var mask: Span32
        var events: Span32
    }
}
