/// The policy language, key by key, as `docs/policy-language.md` §4 describes it and
/// ``PolicyParser`` reads it: the one description the policy schema is generated from.
/// `SchemaTests` hold it to the parser (every key it accepts, in every place) and to the
/// reference's tables, so neither can change without the other.
enum PolicyLanguage {
    typealias Key = ObjectShape.Key

    static let comparisons = Comparison.allCases.map(\.rawValue)
    /// `equals_field`, `not_equals_field`: comparisons with another field.
    static let relations = FieldRelation.allCases.map(\.rawValue)
    static let builtInAttributeNames = ["id", "status", "country", "attribution", "flags", "signup_at", "rewards", "attributes", "referrals"]
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
            Key("time_zone", .raw(.object([("type", .string("string")), ("pattern", .string(timeZonePattern)),
                                           ("patternErrorMessage", .string("write an IANA time zone name such as `Europe/London`"))])),
                "The program's time zone, an IANA name such as `Europe/London`: different days (`distinct_days`), calendar months and years, durations in months or years and plain dates are read in it. Snapshots' instants stay UTC.",
                default: .string("UTC")),
        ])

    /// An IANA time zone name: `Europe/London`, `America/Port-au-Prince`, `Etc/GMT+5`.
    static let timeZonePattern = "^[A-Za-z0-9][A-Za-z0-9_+-]*(/[A-Za-z0-9][A-Za-z0-9_+-]*)*$"

    /// A whole number of calendar `unit`s, from `min` to `max`.
    static func calendarCount(_ unit: String, min: Int64, max: Int64) -> ValueShape {
        .raw(.object(ValueShape.numberOrText("integer", [("minimum", .integer(min)), ("maximum", .integer(max))], pattern: "^[+]?[0-9]+$",
                                             message: "write a whole number of \(unit), such as `3`")))
    }

    /// §4.12: a duration in one unit; `zero` allows 0 (a hold).
    static func duration(zero: Bool) -> ObjectShape {
        let min: Int64 = zero ? 0 : 1
        return ObjectShape(
            "A duration in one unit: `{ days: 14 }`, `{ months: 3 }` or `{ years: 1 }`. Months and years are calendar months and years in the program's time zone.",
            keys: [
                Key("days", .days(min: min), "Whole days of exactly 24 hours."),
                Key("months", calendarCount("months", min: min, max: 1_200),
                    "Calendar months: the same day of the month and time of day, or the month's last day when it is shorter (31 January plus 1 month is 28 or 29 February)."),
                Key("years", calendarCount("years", min: min, max: 100), "Calendar years: 12 months each (29 February 2024 plus 1 year is 28 February 2025)."),
            ],
            rules: [.exactlyOne(["days", "months", "years"])])
    }

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
            Key("equals_field", .fieldPath,
                "The field's value is the same as this other field's (`referrer.country`). A missing value on either side fails the rule."),
            Key("not_equals_field", .fieldPath,
                "The field's value differs from this other field's. A missing value on either side fails the rule."),
        ],
        rules: [
            .exactlyOne(["field", "self_referral"]),
            .when(.init(present: ["field"]), .init(exactlyOne: comparisons + relations)),
            .when(.init(present: ["self_referral"]), .init(forbids: comparisons + relations)),
            // `referee.flags` is a list: only `contains_any` and `contains_none` apply to it.
            .when(.init(matching: ("field", "^referee[.]flags$", false)),
                  .init(forbids: comparisons.filter { !$0.hasPrefix("contains_") } + relations)),
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
                "The period counted: the calendar month or year in which the reward is earned (in the program's time zone, UTC unless `time_zone` says otherwise), or all time."),
            Key("rolling_days", .days(min: 1),
                "Instead of `period`: the N days up to the instant the reward is earned. One of `period`, `rolling_days` and `rolling` is required, not two."),
            Key("rolling", .ref("duration"),
                "Instead of `period`: the days, calendar months or years up to the instant the reward is earned: `rolling: { months: 12 }`."),
            Key("max_rewards", .wholeNumber(min: 0), "At most this many rewards in the period."),
            Key("max_amount", .money,
                "At most this much money (in the policy's currency, or the limit's `currency`) in the period. One of `max_rewards` and `max_amount` is required; both may be given."),
            Key("kind", .choice(RewardKind.allCases.map(\.rawValue)), "Count and cap only rewards of this kind. Without it: both."),
            Key("currency", .currency,
                "The currency (or declared unit) of `max_amount`: only rewards in it count towards it. Without it: the policy's."),
        ],
        rules: [.exactlyOne(["period", "rolling_days", "rolling"]), .atLeastOne(["max_rewards", "max_amount"])])

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
            Key("rewards", .list(.ref("reward"), minItems: 0, nullable: true),
                "What is paid once the requirements are met (a reward with its own `when`: once that is met). Required unless the type has `milestones`. An empty list is a warning."),
            Key("reversal", .object(reversal, nullable: false), "Which events take the rewards back. Without it: never reversed."),
            Key("milestones", .list(.ref("milestone"), minItems: 0, nullable: true),
                "Rewards paid when requirements of their own are met, each within its window, rather than the type's."),
        ],
        rules: [.when(.init(absent: ["milestones"]), .init(requires: ["rewards"]))])

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
                "Events count from the sign-up to this instant, included; a plain date includes the whole day (in the program's time zone)."),
            Key("months", calendarCount("months", min: 1, max: 1_200),
                "Instead of `days`: events count from the sign-up to the same time this many calendar months later (in the program's time zone)."),
            Key("years", calendarCount("years", min: 1, max: 100),
                "Instead of `days`: events count from the sign-up to the same time this many calendar years later."),
        ],
        rules: [.atLeastOne(["days", "months", "years", "until"]),
                .when(.init(present: ["days"]), .init(forbids: ["months", "years"])),
                .when(.init(present: ["months"]), .init(forbids: ["years"]))])

    static let requirementForms = ["count", "sum", "all", "any", "not"]

    /// What `count` and `sum` name: one event type, or a list of them measured together.
    static let eventTypes = ValueShape.anyOf([.name, .list(.name, minItems: 1, nullable: false)])

    /// §4.9.
    static let requirement = ObjectShape(
        "A requirement: `count` or `sum` events of a type, or combine requirements with `all`, `any` or `not`.",
        keys: [
            Key("id", .name, "Progress, explanations and `of` name the requirement by it. Without it: derived from its place."),
            Key("description", .text, "Shown with the requirement's progress."),
            Key("count", eventTypes, "Count events of this type (declared under `events`), or of several types counted together: `[buy, sell]`."),
            Key("sum", eventTypes,
                "Add up the amounts of events of this type (the type must have `amount: true`), or of several types summed together: `[buy, sell]`."),
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
            Key("equals_field", .fieldPath,
                "The attribute is the same as this field of the referee or the referrer (`referee.country`); fails when either is missing."),
            Key("not_equals_field", .fieldPath,
                "The attribute differs from this field of the referee or the referrer; fails when either is missing."),
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

    /// A fixed amount, or one that depends on a field (``amountTable``): `if`/`then`/`else`
    /// rather than `anyOf`, so that an editor names the rule a wrong amount breaks.
    static let amountOrTable = ValueShape.raw(.object([
        ("if", .object([("type", .string("object"))])),
        ("then", .object([("$ref", .string("#/$defs/amount_table"))])),
        ("else", .object([("$ref", .string("#/$defs/money"))])),
    ]))

    /// §4.10, an amount by a field's value.
    static let amountTable = ObjectShape(
        "An amount that depends on the value of one field of the referrer or the referee: the amount the table lists for the value, else `default`; without a `default`, a value the table does not list (or no value) is paid nothing.",
        keys: [
            Key("by", required: true, .fieldPath,
                "The field whose value picks the amount: `referee.country`, `referee.attribution`, `referee.id`, `referrer.status`, `referrer.country`, `referrer.id`, or `referee.NAME`/`referrer.NAME` declared under `attributes` (`text`, `integer` or `boolean`). Not `referee.flags`, a list."),
            Key("table", required: true,
                .raw(.object([("type", .string("object")), ("minProperties", .integer(1)),
                              ("additionalProperties", ValueShape.money.schema())])),
                "Each value of the field, written as the field holds it (text, a whole number, `true`/`false`), and the amount it pays: `{ GB: 20.00, FR: 15.00 }`. At least one."),
            Key("default", .money, "What any other value, or no value, pays. Without it: nothing, and the reward (or tier) is not listed."),
        ])

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
            Key("amount", amountOrTable,
                "A fixed amount, or an amount by a field's value (`{ by: referee.country, table: { GB: 20.00 }, default: 10.00 }`). One of `amount`, `percent` and `tiers`."),
            Key("percent", .percent,
                "A percentage of the amount a `sum` requirement measured (or, with `taking`, of one qualifying event's amount). Needs `of`."),
            Key("tiers", .list(.ref("tier"), minItems: 0, nullable: true),
                "Levels chosen by the amount a `sum` requirement measured, or the number a `count` requirement counted, from the lowest `at_least` to the highest. Needs `of`."),
            Key("of", .name,
                "The `id` of a requirement of the same referral type, as written (`first_earnings`, not `freelancer.first_earnings`): a `sum` for `percent`, a `sum` or a `count` for `tiers` and for `percent` with `taking: first` or `largest`."),
            Key("taking", .choice(PercentBasis.allCases.map(\.rawValue)),
                "`percent` only: which amount of the qualifying events of `of` it is taken of: their `sum`, the `first` one's, or the `largest` one's.",
                default: .string(PercentBasis.sum.rawValue)),
            Key("min", .money, "`percent` only: pay at least this."),
            Key("max", .money, "`percent` only: pay at most this. Must not be below `min`."),
            Key("currency", .currency,
                "The currency of this reward's amounts (`amount`, `min`, `max`, tier `amount`). Without it: the policy's."),
            Key("hold_days", .days(min: 0), "The reward becomes payable this many days after it is earned.", default: .integer(0)),
            Key("credit_expires_days", .days(min: 1),
                "Credit only: the credit expires this many days after it becomes payable. Without it: never."),
            Key("when", .ref("when"),
                "This reward's own requirements, instead of the type's: `signup`, ids of the type's requirements, requirements written in place, `nth_referral`. All must be met."),
            Key("hold", .ref("duration_or_zero"),
                "Instead of `hold_days`: how long after it is earned the reward becomes payable, in days, calendar months or years: `hold: { months: 1 }`."),
            Key("credit_expires", .ref("duration"),
                "Instead of `credit_expires_days`: how long the credit lasts after it becomes payable, in days, calendar months or years: `credit_expires: { months: 3 }`."),
        ],
        rules: [
            .exactlyOne(rewardForms),
            .when(.init(present: ["percent"]), .init(requires: ["of"])),
            .when(.init(present: ["tiers"]), .init(requires: ["of"], forbids: ["min", "max", "taking"])),
            .when(.init(present: ["amount"]), .init(forbids: ["of", "min", "max", "taking"])),
            .when(.init(absent: ["tiers"]), .init(requires: ["kind"])),
            .when(.init(present: ["tiers"], absent: ["kind"]),
                  .init(shapes: [("tiers", .raw(.object([("items", .object([("required", .array([.string("kind")]))]))])))])),
            .when(.init(matching: ("kind", "^cash$", false)), .init(forbids: ["credit_expires_days", "credit_expires"])),
            .when(.init(present: ["hold"]), .init(forbids: ["hold_days"])),
            .when(.init(present: ["credit_expires"]), .init(forbids: ["credit_expires_days"])),
        ])

    /// §4.10, tiers.
    static let tier = ObjectShape(
        "One level of a tiered reward; the reward pays the highest tier reached.",
        keys: [
            Key("id", .name, "Named in decisions as `REWARD.TIER`, e.g. `freelancer.referrer_bonus.pro`. Without it: `tiers[N]`."),
            Key("at_least", required: true, .money,
                "The measured amount (in the currency of the amounts its `sum` adds up: its event type's) from which this tier applies; for tiers of a `count`, the whole number of events (or days) counted."),
            Key("amount", required: true, amountOrTable,
                "What this tier pays (in the reward's currency): a fixed amount, or an amount by a field's value."),
            Key("kind", .choice(RewardKind.allCases.map(\.rawValue)), "This tier's kind. Without it: the reward's."),
            Key("credit_expires_days", .days(min: 1), "This tier's credit lifetime (credit tiers only). Without it: the reward's."),
            Key("credit_expires", .ref("duration"),
                "Instead of `credit_expires_days`: this tier's credit lifetime in days, calendar months or years. Without it: the reward's."),
        ],
        rules: [.when(.init(present: ["credit_expires"]), .init(forbids: ["credit_expires_days"]))])

    /// §4.11.
    static let reversal = ObjectShape(
        "Take the rewards back when one of these events follows qualifying within the period.",
        keys: [
            Key("id", .name, "A reversed decision names it as its reason. Without it: `TYPE.reversal`."),
            Key("on", required: true, .oneOrMore(.name), "The events that take the rewards back."),
            Key("within_days", .days(min: 1), "How long after qualifying such an event reverses the referral. One of `within_days` and `within` is required."),
            Key("within", .ref("duration"),
                "Instead of `within_days`: how long after qualifying, in days, calendar months or years: `within: { months: 6 }`."),
        ],
        rules: [.exactlyOne(["within_days", "within"])])

    /// §4.12: a milestone of the `milestones:` list.
    static let milestone = ObjectShape(
        "A milestone: rewards paid when its own requirements are met, within its window.",
        keys: [
            Key("id", .name, "The milestone's id, named in decisions. Without it: `TYPE.milestones[N]`."),
            Key("description", .text, "What the milestone is."),
            Key("when", required: true, .ref("when"),
                "What must be met: `signup`, ids of the type's requirements, requirements written in place, `nth_referral`. All must be met."),
            Key("window", .ref("window"),
                "The window it must be reached in, also given to the requirements under `when` written without one. Without it: the referral type's."),
            Key("rewards", required: true, .list(.ref("reward"), minItems: 1, nullable: false),
                "What the milestone pays, once, when it is reached. Its rewards have no `when` of their own."),
        ])

    /// §4.15: one unit under `units:`.
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

    /// §4.15: `units:`, codes that are not ISO 4217 codes.
    static let unitsShape = ValueShape.raw(.object([
        ("type", .array([.string("object"), .string("null")])),
        ("propertyNames", .object([("pattern", .string(ValueShape.unitCodePattern)),
                                   ("not", .object([("enum", .array(Currency.knownCodes.map { .string($0) }))]))])),
        ("additionalProperties", .object([("$ref", .string("#/$defs/unit"))])),
    ]))

    /// §4.12: `nth_referral`, an entry of a `when:` list.
    static let referrerMilestone = ObjectShape(
        "A referrer milestone: this referral is the referrer's Nth qualified referral, counted from the snapshot's `referrer.referrals`.",
        keys: [
            Key("nth_referral", required: true, .wholeNumber(min: 1),
                "N: met when this referral qualified as the referrer's Nth qualified referral (1 is the first)."),
            Key("types", .anyOf([.name, .list(.name, minItems: 1, nullable: false)]), "The referral types counted. Without it: this referral's own type."),
        ])

    /// `when:` one entry, or a list of them.
    static let whenEntry = ValueShape.anyOf([.name, .ref("requirement"), .object(referrerMilestone, nullable: false)])

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
            ("amount_table", .object(amountTable, nullable: false)),
            ("milestone", .object(milestone, nullable: false)),
            ("when", .anyOf([whenEntry, .list(whenEntry, minItems: 1, nullable: false)])),
            ("duration", .object(duration(zero: false), nullable: false)),
            ("duration_or_zero", .object(duration(zero: true), nullable: false)),
        ]
    }
}
