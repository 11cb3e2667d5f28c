/// The policy language, key by key, as `docs/policy-language.md` §4 describes it and
/// ``PolicyParser`` reads it: the one description the policy schema is generated from.
/// `SchemaTests` hold it to the parser (every key it accepts, in every place) and to the
/// reference's tables, so neither can change without the other.
enum PolicyLanguage {
    typealias Key = ObjectShape.Key

    static let comparisons = Comparison.allCases.map(\.rawValue)
    static let builtInAttributeNames = ["id", "status", "country", "attribution", "flags", "signup_at", "rewards", "attributes"]
    static let limitPeriods = ["calendar_month", "calendar_year", "lifetime"]

    /// §4.1: the top level.
    static let top = ObjectShape(
        "One version of one referral program: who may earn, what the referred person must do and by when, what is paid, the caps per referrer, and when a reward is taken back.",
        keys: [
            Key("program", required: true, .name, "The program's id. Every version of a program has the same one."),
            Key("version", required: true, .text, "This version's label, unique within the program. Quote it: `\"2\"`."),
            Key("description", .text, "What this version is, for people."),
            Key("currency", required: true, .currency,
                "The currency every amount is written in (unless a reward sets its own), and the currency event amounts must be in. An ISO 4217 code, or a unit declared under `units`."),
            Key("units", unitsShape,
                "Units of the program's own that amounts may be in, besides ISO 4217 money: points, megabytes of storage, miles, a crypto token. Each code (capital letters, digits, `_`) maps to its `decimals`, `name` and `symbol`."),
            Key("effective", .object(effective, nullable: false),
                "When this version is in force. Without it: in force at any time, picked by sign-up."),
            Key("attributes", .object(attributes, nullable: false),
                "Extra facts about referrers and referees that eligibility rules can test."),
            Key("events", required: true, .map(.object(event, nullable: true), excluding: [], nullable: false),
                "The kinds of things a referee does that rules count: each event type's name and what it carries."),
            Key("unknown_events", .choice(EventHandling.allCases.map(\.rawValue)),
                "What an event of a type this version does not declare does: `error` (the snapshot gets an `unknown_event_type` error record) or `ignore` (it is left out, and the explanation says so). An event type another version of the program declares is always left out.",
                default: .string(EventHandling.error.rawValue)),
            Key("other_currencies", .choice(EventHandling.allCases.map(\.rawValue)),
                "What an event amount in another currency than its event type's does: `error` (a `currency_mismatch` error record) or `ignore` (the measures that read amounts leave it out; counts without an amount filter still count it). An event type may set its own.",
                default: .string(EventHandling.error.rawValue)),
            Key("eligibility", .list(.ref("eligibility_rule"), minItems: 0, nullable: true),
                "Rules for every referral type; each must hold. Without it, nobody is excluded."),
            Key("limits", .list(.ref("limit"), minItems: 0, nullable: true), "Caps per referrer. Without it, no limit."),
            Key("referral_types", required: true,
                .raw(.object([("type", .string("object")), ("minProperties", .integer(1)),
                              ("propertyNames", .object([("$ref", .string("#/$defs/name"))])),
                              ("additionalProperties", .object([("$ref", .string("#/$defs/referral_type"))]))])),
                "The kinds of referral, each with its own rules. At least one."),
        ])

    /// §4.2.
    static let effective = ObjectShape(keys: [
        Key("from", .dateOrInstant, "The first instant this version is in force (included). Without it: no start."),
        Key("until", .dateOrInstant,
            "The first instant it is no longer in force (excluded): `until: 2026-01-01` covers all of 31 December 2025. Must be after `from`. Without it: no end."),
        Key("decided_by", .choice(EffectivePeriod.Basis.allCases.map(\.rawValue)),
            "Which date of a referral picks the version: the referee's sign-up (a referral keeps the rules it signed up under), or the evaluation instant `as_of` (the rules in force today apply to everyone). All versions of a program must use the same.",
            default: .string(EffectivePeriod.Basis.refereeSignup.rawValue)),
    ])

    /// §4.3.
    static let attributes = ObjectShape(keys: [
        Key("referrer", .map(.choice(AttributeType.allCases.map(\.rawValue)), excluding: builtInAttributeNames, nullable: true),
            "Facts about the referrer: a rule reads them as `referrer.NAME`. Each attribute's type is `text`, `integer` or `boolean`."),
        Key("referee", .map(.choice(AttributeType.allCases.map(\.rawValue)), excluding: builtInAttributeNames, nullable: true),
            "Facts about the referee: `referee.NAME`. Each attribute's type is `text`, `integer` or `boolean`."),
    ])

    /// §4.4: one event type.
    static let event = ObjectShape(
        "An event type. `{}` or nothing: events of this type carry nothing more.",
        keys: [
            Key("description", .text, "What the event is."),
            Key("amount", .bool,
                "Each event of this type carries an amount of money (in the policy's currency, or the event type's `currency`). Only such events can be summed (`sum:`) or filtered on `amount`.",
                default: .bool(false)),
            Key("currency", .currency,
                "The currency (or declared unit) this event type's amounts are in; sums and `amount` filters of it are written in it. Needs `amount: true`. Without it: the policy's."),
            Key("other_currencies", .choice(EventHandling.allCases.map(\.rawValue)),
                "This event type's own `other_currencies`: `error` or `ignore` an amount in another currency than its own. Without it: the policy's."),
            Key("attributes", .map(.choice(AttributeType.allCases.map(\.rawValue)), excluding: ["amount"], nullable: true),
                "Facts each event carries, for `where` filters: each name's type is `text`, `integer` or `boolean`. `amount` cannot be an attribute name."),
        ],
        // A `currency` is the currency of the amounts its events carry: only with `amount: true`.
        rules: [.when(.init(present: ["currency"]),
                      .init(requires: ["amount"], shapes: [("amount", .raw(.object([("enum", .array([.bool(true)]))])))]))])

    /// §4.5.
    static let eligibilityRule = ObjectShape(
        "An eligibility rule: either a field compared with values, or the self-referral check.",
        keys: [
            Key("id", .name, "The rule's id; a `not_eligible` decision names it."),
            Key("description", .text, "What the rule is for."),
            Key("self_referral", .choice(["deny", "allow"]),
                "`deny`: the referral is not eligible when the referrer's id and the referee's id are the same. `allow` always holds. Cannot be combined with `field`."),
            Key("field", .fieldPath,
                "The fact the rule tests: `referee.attribution`, `referee.country`, `referee.flags`, `referee.id`, `referrer.status`, `referrer.country`, `referrer.id`, or `referee.NAME`/`referrer.NAME` declared under `attributes`. Needs exactly one comparison."),
            Key("in", .oneOrMore(.text), "The field's value is one of these."),
            Key("not_in", .oneOrMore(.text), "The field's value is none of these."),
            Key("equals", .text, "The field's value is this."),
            Key("not_equals", .text, "The field's value is not this."),
            Key("contains_any", .oneOrMore(.text), "For list fields (`referee.flags`): the list contains at least one of these."),
            Key("contains_none", .oneOrMore(.text), "For list fields: the list contains none of these."),
            Key("at_least", .integerLiteral, "For `integer` attributes: the value is this or more."),
            Key("at_most", .integerLiteral, "For `integer` attributes: the value is this or less."),
        ],
        rules: [
            .exactlyOne(["field", "self_referral"]),
            .when(.init(present: ["field"]), .init(exactlyOne: comparisons)),
            .when(.init(present: ["self_referral"]), .init(forbids: comparisons)),
            // `referee.flags` is a list: only `contains_any` and `contains_none` apply to it.
            .when(.init(matching: ("field", "^referee[.]flags$", false)),
                  .init(forbids: comparisons.filter { !$0.hasPrefix("contains_") })),
            .when(.init(matching: ("field", "^referee[.]flags$", true)),
                  .init(forbids: ["contains_any", "contains_none"])),
            // The built-in text fields are compared as text.
            .when(.init(matching: ("field", "^(referee[.](id|attribution|country)|referrer[.](id|status|country))$", false)),
                  .init(forbids: ["at_least", "at_most"])),
        ])

    /// §4.6.
    static let limit = ObjectShape(
        "A cap on what one referrer earns in a period. Applies only to rewards to the referrer.",
        keys: [
            Key("id", .name, "The limit's id; a reduced reward names it (`limited_by`). Without it: `limits[N]`."),
            Key("description", .text, "What the limit is for."),
            Key("period", .choice(limitPeriods),
                "The period counted: the calendar month or year (UTC) in which the reward is earned, or all time."),
            Key("rolling_days", .days(min: 1),
                "Instead of `period`: the N days up to the instant the reward is earned. One of `period` and `rolling_days` is required, not both."),
            Key("max_rewards", .wholeNumber(min: 0), "At most this many rewards in the period."),
            Key("max_amount", .money,
                "At most this much money (in the policy's currency, or the limit's `currency`) in the period. One of `max_rewards` and `max_amount` is required; both may be given."),
            Key("kind", .choice(RewardKind.allCases.map(\.rawValue)), "Count and cap only rewards of this kind. Without it: both."),
            Key("currency", .currency,
                "The currency (or declared unit) of `max_amount`: only rewards in it count towards it. Without it: the policy's."),
        ],
        rules: [.exactlyOne(["period", "rolling_days"]), .atLeastOne(["max_rewards", "max_amount"])])

    /// §4.7.
    static let referralType = ObjectShape(
        "A referral type's rules: its window, eligibility, requirements, rewards and reversal.",
        keys: [
            Key("description", .text, "What this referral type is."),
            Key("window", .ref("window"), "When the referee's events count. Without it: from sign-up, with no end."),
            Key("eligibility", .list(.ref("eligibility_rule"), minItems: 0, nullable: true),
                "Rules for this type only, checked after the common ones."),
            Key("requirements", required: true, .list(.ref("requirement"), minItems: 1, nullable: false),
                "What the referee must do. All of them must be met."),
            Key("rewards", required: true, .list(.ref("reward"), minItems: 0, nullable: true),
                "What is paid once the requirements are met. An empty list is a warning."),
            Key("reversal", .object(reversal, nullable: false), "Which events take the rewards back. Without it: never reversed."),
        ])

    /// §4.8.
    static let window = ValueShape.raw(.object([
        // `any_time`, or else a mapping: `if`/`else` so that an editor names the rule broken.
        ("type", .array([.string("string"), .string("object")])),
        ("if", .object([("type", .string("string"))])),
        ("then", .object([
            ("description", .string("`any_time`: events count at any time, even before the sign-up (`none` means the same).")),
            ("enum", .array([.string("any_time"), .string("none")])),
        ])),
        ("else", ValueShape.object(windowLimits, nullable: false).schema()),
    ]))

    static let windowLimits = ObjectShape(
        "Events count from the sign-up until `days` after it, or until `until`, whichever comes first.",
        keys: [
            Key("days", .days(min: 1), "Events count from the sign-up instant to exactly this many days after it (that last instant included)."),
            Key("until", .dateOrInstant,
                "Events count from the sign-up to this instant, included; a plain date includes the whole day (UTC)."),
        ],
        rules: [.atLeastOne(["days", "until"])])

    static let requirementForms = ["count", "sum", "all", "any", "not"]

    /// §4.9.
    static let requirement = ObjectShape(
        "A requirement: `count` or `sum` events of a type, or combine requirements with `all`, `any` or `not`.",
        keys: [
            Key("id", .name, "Progress, explanations and `of` name the requirement by it. Without it: derived from its place."),
            Key("description", .text, "Shown with the requirement's progress."),
            Key("count", .name, "Count events of this type (declared under `events`)."),
            Key("sum", .name, "Add up the amounts of events of this type (the type must have `amount: true`)."),
            Key("all", .list(.ref("requirement"), minItems: 1, nullable: false), "Met when every one listed is met."),
            Key("any", .list(.ref("requirement"), minItems: 1, nullable: false), "Met when at least one listed is met."),
            Key("not", .ref("requirement"), "Met when the requirement under it (one requirement, not a list) is not met."),
            Key("at_least", .money,
                "The threshold: a whole number for `count` (default 1), money in the policy's currency for `sum` (required). `0` is a warning: it is always met."),
            Key("distinct_days", .bool, "`count` only: count UTC calendar days with at least one matching event.", default: .bool(false)),
            Key("where", .ref("where"), "`count` and `sum` only: which events count."),
            Key("window", .ref("window"),
                "This requirement's own window, replacing the referral type's. On `all`, `any` or `not` it applies to every requirement under it that has no window of its own."),
        ],
        rules: [
            .exactlyOne(requirementForms),
            .when(.init(present: ["count"]), .init(shapes: [("at_least", .wholeNumber(min: 0))])),
            .when(.init(present: ["sum"]), .init(requires: ["at_least"], forbids: ["distinct_days"])),
            .when(.init(present: ["all"]), .init(forbids: ["at_least", "distinct_days", "where"])),
            .when(.init(present: ["any"]), .init(forbids: ["at_least", "distinct_days", "where"])),
            .when(.init(present: ["not"]), .init(forbids: ["at_least", "distinct_days", "where"])),
        ])

    /// §4.9, `where` filters.
    static let filterComparisons = ObjectShape(
        "Comparisons an event's attribute must pass; all must hold.",
        keys: [
            Key("in", .oneOrMore(.text), "The attribute is one of these."),
            Key("not_in", .oneOrMore(.text), "The attribute is none of these (also when the event has none)."),
            Key("equals", .text, "The attribute is this."),
            Key("not_equals", .text, "The attribute is not this (also when the event has none)."),
            Key("at_least", .integerLiteral, "For integer attributes: the value is this or more."),
            Key("at_most", .integerLiteral, "For integer attributes: the value is this or less."),
        ])

    static let amountFilter = ObjectShape(keys: [
        Key("at_least", .money, "The event's amount is this or more."),
        Key("at_most", .money, "The event's amount is this or less."),
    ])

    static let filters = ObjectShape(
        "Which events count: each entry is an attribute declared on the event type (or `amount`, the event's own amount), and all entries must hold. `category: design` means equals, `category: [design, writing]` means in.",
        keys: [
            Key("amount", .object(amountFilter, nullable: false), "The event's own amount: `{ at_least: 10.00, at_most: 500.00 }`."),
        ],
        otherKeys: .anyOf([.text, .list(.text, minItems: 0, nullable: false), .object(filterComparisons, nullable: false)]))

    static let rewardForms = ["amount", "percent", "tiers"]

    /// §4.10.
    static let reward = ObjectShape(
        "A reward: a fixed `amount`, a `percent` of a summed amount, or one of several `tiers`.",
        keys: [
            Key("id", .name, "The reward's id, named in decisions. Without it: `TYPE.rewards[N]`."),
            Key("description", .text, "What the reward is."),
            Key("to", required: true, .choice(Beneficiary.allCases.map(\.rawValue)),
                "Who is paid. For a double-sided reward, write two rewards."),
            Key("kind", .choice(RewardKind.allCases.map(\.rawValue)),
                "Money paid out, or platform credit. Required, unless every tier has one."),
            Key("amount", .money, "A fixed amount. One of `amount`, `percent` and `tiers`."),
            Key("percent", .percent, "A percentage of the amount a `sum` requirement measured. Needs `of`."),
            Key("tiers", .list(.ref("tier"), minItems: 0, nullable: true),
                "Levels chosen by the amount a `sum` requirement measured, from the lowest `at_least` to the highest. Needs `of`."),
            Key("of", .name,
                "The `id` of a `sum` requirement of the same referral type, as written (`first_earnings`, not `freelancer.first_earnings`)."),
            Key("min", .money, "`percent` only: pay at least this."),
            Key("max", .money, "`percent` only: pay at most this. Must not be below `min`."),
            Key("currency", .currency,
                "The currency of this reward's amounts (`amount`, `min`, `max`, tier `amount`). Without it: the policy's."),
            Key("hold_days", .days(min: 0), "The reward becomes payable this many days after it is earned.", default: .integer(0)),
            Key("credit_expires_days", .days(min: 1),
                "Credit only: the credit expires this many days after it becomes payable. Without it: never."),
        ],
        rules: [
            .exactlyOne(rewardForms),
            .when(.init(present: ["percent"]), .init(requires: ["of"])),
            .when(.init(present: ["tiers"]), .init(requires: ["of"], forbids: ["min", "max"])),
            .when(.init(present: ["amount"]), .init(forbids: ["of", "min", "max"])),
            .when(.init(absent: ["tiers"]), .init(requires: ["kind"])),
            .when(.init(present: ["tiers"], absent: ["kind"]),
                  .init(shapes: [("tiers", .raw(.object([("items", .object([("required", .array([.string("kind")]))]))])))])),
            .when(.init(matching: ("kind", "^cash$", false)), .init(forbids: ["credit_expires_days"])),
        ])

    /// §4.10, tiers.
    static let tier = ObjectShape(
        "One level of a tiered reward; the reward pays the highest tier reached.",
        keys: [
            Key("id", .name, "Named in decisions as `REWARD.TIER`, e.g. `freelancer.referrer_bonus.pro`. Without it: `tiers[N]`."),
            Key("at_least", required: true, .money, "The measured amount (in the currency of the amounts it sums) from which this tier applies."),
            Key("amount", required: true, .money, "What this tier pays (in the reward's currency)."),
            Key("kind", .choice(RewardKind.allCases.map(\.rawValue)), "This tier's kind. Without it: the reward's."),
            Key("credit_expires_days", .days(min: 1), "This tier's credit lifetime (credit tiers only). Without it: the reward's."),
        ])

    /// §4.11.
    static let reversal = ObjectShape(
        "Take the rewards back when one of these events follows qualifying within the period.",
        keys: [
            Key("id", .name, "A reversed decision names it as its reason. Without it: `TYPE.reversal`."),
            Key("on", required: true, .oneOrMore(.name), "The events that take the rewards back."),
            Key("within_days", required: true, .days(min: 1), "How long after qualifying such an event reverses the referral."),
        ])

    /// §4.12: one unit under `units:`.
    static let unit = ObjectShape(
        "A unit of the program's own: amounts in it are exact, with this many decimals.",
        keys: [
            Key("decimals", required: true, .raw(.object([("type", .array([.string("integer"), .string("string")])),
                                                          ("pattern", .string("^([0-9]|1[0-8])$")), ("minimum", .integer(0)),
                                                          ("maximum", .integer(Int64(Currency.maxUnitDecimals)))])),
                "Digits after the decimal point its amounts have, 0 to 18: 0 for points or megabytes, 8 for bitcoin."),
            Key("name", .text, "What it is, in words: `megabytes of storage space`."),
            Key("symbol", .text, "What follows an amount when it is shown (`500 MB`, `1,500 points`). Without it: the code."),
        ])

    /// §4.12: `units:`, codes that are not ISO 4217 codes.
    static let unitsShape = ValueShape.raw(.object([
        ("type", .array([.string("object"), .string("null")])),
        ("propertyNames", .object([("pattern", .string(ValueShape.unitCodePattern)),
                                   ("not", .object([("enum", .array(Currency.knownCodes.map { .string($0) }))]))])),
        ("additionalProperties", .object([("$ref", .string("#/$defs/unit"))])),
    ]))

    /// The shapes used in more than one place (or recursively), under `$defs`.
    static var definitions: [(String, ValueShape)] {
        [
            ("referral_type", .object(referralType, nullable: false)),
            ("eligibility_rule", .object(eligibilityRule, nullable: false)),
            ("limit", .object(limit, nullable: false)),
            ("window", window),
            ("requirement", .object(requirement, nullable: false)),
            ("where", .object(filters, nullable: false)),
            ("reward", .object(reward, nullable: false)),
            ("tier", .object(tier, nullable: false)),
            ("unit", .object(unit, nullable: false)),
        ]
    }
}
