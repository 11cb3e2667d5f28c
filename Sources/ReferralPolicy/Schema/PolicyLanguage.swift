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
