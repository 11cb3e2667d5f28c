/// The policy language's referral types (§4.7): windows (§4.8), requirements (§4.9) and
/// their `where:` filters.
extension PolicyLanguage {
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
}
