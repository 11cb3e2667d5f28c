/// The policy language's rewards (§4.10): amounts, amount tables and tiers, and the
/// reversal that takes them back (§4.11).
extension PolicyLanguage {
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
}
