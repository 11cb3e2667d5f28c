/// The policy language's eligibility rules (§4.5) and limits (§4.6).
extension PolicyLanguage {
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
}
