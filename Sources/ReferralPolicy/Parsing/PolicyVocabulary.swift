/// The words of the policy language in one place: the keys of every mapping, the requirement
/// and reward forms, the built-in fields with their kinds, the limit periods. The parser reads
/// keys through these enums and the checker looks fields up in them, so a word is added to the
/// language here (and `docs/policy-language.md`), and "did you mean" and "belongs on the reward"
/// come from the same lists. (Comparisons are ``Comparison`` in the model.)
enum PolicyVocabulary {
    /// Which part of a policy a mapping is; each has its own keys.
    enum Context: CaseIterable, Sendable {
        case policy, effective, attributes, eventType, referralType, window, eligibilityRule, requirement,
             reward, tier, limit, reversal, amountTable
        case milestone, referrerMilestone
        case unit

        /// The keys a mapping of this part may hold.
        var keys: [String] {
            switch self {
            case .policy: TopKey.names
            case .effective: EffectiveKey.names
            case .attributes: AttributesKey.names
            case .eventType: EventTypeKey.names
            case .referralType: ReferralTypeKey.names
            case .window: WindowKey.names
            case .eligibilityRule: EligibilityKey.names
            case .requirement: RequirementKey.names
            case .reward: RewardKey.names
            case .tier: TierKey.names
            case .limit: LimitKey.names
            case .reversal: ReversalKey.names
            case .unit: UnitKey.names
            case .amountTable: AmountTableKey.names
            case .milestone: MilestoneKey.names
            case .referrerMilestone: ReferrerMilestoneKey.names
            }
        }

        /// What a person calls it: "a reward", "the policy".
        var name: String {
            switch self {
            case .policy: "the policy's top level"
            case .effective: "`effective`"
            case .attributes: "`attributes`"
            case .eventType: "an event type"
            case .referralType: "a referral type"
            case .window: "a window"
            case .eligibilityRule: "an eligibility rule"
            case .requirement: "a requirement"
            case .reward: "a reward"
            case .tier: "a tier"
            case .limit: "a limit"
            case .reversal: "a reversal"
            case .unit: "a unit"
            case .amountTable: "an amount table"
            case .milestone: "a milestone"
            case .referrerMilestone: "a referrer milestone"
            }
        }

        /// The part whose mapping a key names, when the key holds one: `window:` holds a window.
        static func held(by key: String, in context: Context) -> Context? {
            switch (context, key) {
            case (.policy, "effective"): .effective
            case (.policy, "attributes"): .attributes
            case (.referralType, "window"), (.requirement, "window"), (.milestone, "window"): .window
            case (.referralType, "reversal"): .reversal
            case (.reward, "amount"), (.tier, "amount"): .amountTable
            default: nil
            }
        }

        /// The part each entry of a key's mapping is, when the key holds named entries:
        /// `referral_types:` holds referral types by name, `events:` event types.
        static func named(by key: String, in context: Context) -> Context? {
            switch (context, key) {
            case (.policy, "referral_types"): .referralType
            case (.policy, "events"): .eventType
            case (.policy, "units"): .unit
            default: nil
            }
        }

        /// The parts, other than `context`, whose mappings may hold `key`.
        static func owners(of key: String, besides context: Context) -> [Context] {
            // A unit's `name` and `symbol` are too plain to mean "move it to a unit" elsewhere.
            allCases.filter { $0 != context && $0 != .unit && $0.keys.contains(key) }
        }
    }

    enum TopKey: String, CaseIterable {
        case program, version, description, currency, effective, attributes, events, eligibility, limits
        case referralTypes = "referral_types"
        case units
        case unknownEvents = "unknown_events"
        case otherCurrencies = "other_currencies"
        case timeZone = "time_zone"
    }

    enum EffectiveKey: String, CaseIterable {
        case from, until
        case decidedBy = "decided_by"
    }

    enum AttributesKey: String, CaseIterable {
        case referrer, referee
    }

    enum EventTypeKey: String, CaseIterable {
        case description, amount, attributes
        case currency
        case otherCurrencies = "other_currencies"
    }

    /// The keys of a unit under `units:`.
    enum UnitKey: String, CaseIterable {
        case name, decimals, symbol
    }

    enum ReferralTypeKey: String, CaseIterable {
        case description, window, eligibility, requirements, rewards, reversal, milestones
    }

    enum WindowKey: String, CaseIterable {
        case days, until
        case months, years
    }

    /// The units of a duration (`hold: { months: 1 }`): exactly one of these keys.
    enum DurationKey: String, CaseIterable {
        case days, months, years
    }

    /// Plain words a window may be instead of a mapping.
    enum WindowWord: String, CaseIterable {
        case anyTime = "any_time", none
    }

    enum EligibilityKey: String, CaseIterable {
        case id, description, field
        case selfReferral = "self_referral"
        case `in`, notIn = "not_in", equals, notEquals = "not_equals"
        case containsAny = "contains_any", containsNone = "contains_none"
        case atLeast = "at_least", atMost = "at_most"
        case equalsField = "equals_field", notEqualsField = "not_equals_field"

        /// The comparison this key names, for the comparison keys.
        var comparison: Comparison? { Comparison(rawValue: rawValue) }
        /// The comparison with another field this key names, for `equals_field` and `not_equals_field`.
        var relation: FieldRelation? { FieldRelation(rawValue: rawValue) }
    }

    enum RequirementKey: String, CaseIterable {
        case id, description, count, sum
        case atLeast = "at_least"
        case distinctDays = "distinct_days"
        case `where`, window, all, any, not
    }

    /// The forms a requirement takes: exactly one of these keys.
    enum RequirementForm: String, CaseIterable {
        case count, sum, all, any, not
        var isLeaf: Bool { self == .count || self == .sum }
    }

    enum RewardKey: String, CaseIterable {
        case id, description, to, kind, amount, currency, percent, of, min, max, tiers
        case holdDays = "hold_days"
        case creditExpiresDays = "credit_expires_days"
        case taking
        case when
        case hold
        case creditExpires = "credit_expires"
    }

    /// How a reward's amount is given: exactly one of these keys.
    enum RewardForm: String, CaseIterable {
        case amount, percent, tiers
    }

    enum TierKey: String, CaseIterable {
        case id
        case atLeast = "at_least"
        case amount, kind
        case creditExpiresDays = "credit_expires_days"
        case creditExpires = "credit_expires"
    }

    /// An amount that depends on a field: `amount: { by: referee.city, table: {…}, default: … }`.
    enum AmountTableKey: String, CaseIterable {
        case by, table, `default`
    }

    enum LimitKey: String, CaseIterable {
        case id, description, period
        case rollingDays = "rolling_days"
        case maxRewards = "max_rewards"
        case maxAmount = "max_amount"
        case kind
        case currency
        case rolling
    }

    enum LimitPeriod: String, CaseIterable {
        case calendarMonth = "calendar_month"
        case calendarYear = "calendar_year"
        case lifetime
    }

    enum ReversalKey: String, CaseIterable {
        case id, on
        case withinDays = "within_days"
        case within
    }

    /// The keys of a milestone of the `milestones:` list.
    enum MilestoneKey: String, CaseIterable {
        case id, description, when, window, rewards
    }

    /// The keys of a referrer milestone, an entry of a `when:` list.
    enum ReferrerMilestoneKey: String, CaseIterable {
        case nthReferral = "nth_referral"
        case types
    }

    /// Plain words an entry of a `when:` list may be instead of a requirement's id.
    enum MilestoneWord: String, CaseIterable {
        /// The referee has signed up: holds from the sign-up instant on.
        case signup
    }

    enum SelfReferral: String, CaseIterable {
        case deny, allow
    }

    /// The fields every snapshot has, by person, with the kind of value each holds.
    enum BuiltInField: String, CaseIterable {
        case refereeID = "referee.id", refereeAttribution = "referee.attribution", refereeCountry = "referee.country"
        case refereeFlags = "referee.flags"
        case referrerID = "referrer.id", referrerStatus = "referrer.status", referrerCountry = "referrer.country"

        var kind: FieldKind { self == .refereeFlags ? .list : .text }

        /// The names of a person's fields that custom attributes may not take.
        static let reservedNames = ["id", "status", "country", "attribution", "flags", "signup_at", "rewards", "attributes", "referrals"]
    }

    /// The comparisons a `where` filter on an event attribute may use.
    static let filterComparisons: [Comparison] = [.in, .notIn, .equals, .notEquals, .atLeast, .atMost]
    /// The comparisons with a snapshot field a `where` filter on an event attribute may use.
    static let filterRelations: [FieldRelation] = FieldRelation.allCases
    /// The comparisons the `amount` filter may use.
    static let amountComparisons: [Comparison] = [.atLeast, .atMost]
}

extension CaseIterable where Self: RawRepresentable, Self.RawValue == String {
    /// Every word, as written in a policy.
    static var names: [String] { allCases.map(\.rawValue) }
}
