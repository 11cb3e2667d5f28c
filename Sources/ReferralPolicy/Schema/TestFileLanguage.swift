/// Policy test files (`*.tests.yaml`), key by key, as `docs/testing-policies.md` describes them
/// and `PolicyTestParser` (ReferralPolicyTesting) reads them: the description the test file schema is generated from.
enum TestFileLanguage {
    typealias Key = ObjectShape.Key

    static let top = ObjectShape(
        "Test cases for a policy: each runs a referral snapshot through the policy and checks the decision.",
        keys: [
            Key("policy", .text,
                "The policy file, or the folder of versions of one program, that the cases run against, relative to this file. Without it: the test file's folder."),
            Key("cases", required: true, .list(.ref("case"), minItems: 1, nullable: false), "The cases, run in order."),
        ])

    static let testCase = ObjectShape(
        "One case: a snapshot and what its decision must be.",
        keys: [
            Key("name", required: true, .text, "What the case shows; unique within the file; `--filter` matches it."),
            Key("snapshot", required: true, .raw(.object([
                // A path, or else the snapshot itself: `if`/`else` rather than `anyOf`, so that a
                // mistake inside an inline snapshot is reported where it is.
                ("type", .array([.string("string"), .string("object")])),
                ("if", .object([("type", .string("string"))])),
                ("else", .object([("$ref", .string("#/$defs/snapshot"))])),
            ])),
                "A snapshot file (JSON, path relative to the test file) or the snapshot written inline."),
            Key("skip", .text, "Skip the case, saying why; it is counted as skipped."),
            Key("expect", required: true, .object(expectation, nullable: false),
                "What the decision must be. Only what a case states is checked."),
        ])

    static let expectation = ObjectShape(keys: [
        Key("status", .choice(Decision.Status.allCases.map(\.rawValue)), "The decision's status."),
        Key("version", .text, "The version that governed the snapshot."),
        Key("reason", .ruleID,
            "The eligibility rule that made the referral not eligible, or the reversal rule that reversed it."),
        Key("qualified_at", .dateOrInstant, "When the requirements were met."),
        Key("rewards", .list(.ref("expected_reward"), minItems: 0, nullable: false),
            "The rewards, one for one and in order (`rewards: []` means none); each entry checks only the fields it states."),
        Key("progress", .list(.ref("expected_progress"), minItems: 0, nullable: false),
            "The unmet requirements, one for one and in order."),
        Key("milestones", .list(.ref("expected_milestone"), minItems: 0, nullable: false),
            "Where each milestone of the referral type stands, one for one and in order."),
    ])

    static let expectedReward = ObjectShape(keys: [
        Key("rule", .ruleID, "The reward or tier id: `freelancer.referrer_bonus.pro`."),
        Key("beneficiary", .choice(Beneficiary.allCases.map(\.rawValue)), "Who is paid."),
        Key("kind", .choice(RewardKind.allCases.map(\.rawValue)), "Cash or credit."),
        Key("amount", .money, "The amount, as a decimal in the policy's currency (or in `currency`)."),
        Key("currency", .currency, "The reward's currency."),
        Key("payable_at", .dateOrInstant, "When it becomes payable."),
        Key("expires_at", .dateOrInstant, "When the credit expires."),
        Key("limited_by", .ruleID, "The limit that reduced or withheld it."),
    ])

    static let expectedProgress = ObjectShape(keys: [
        Key("requirement", required: true, .ruleID, "The requirement's id: `freelancer.first_earnings`."),
        Key("have", .money, "What it has so far: an amount for a `sum` requirement, a count otherwise."),
        Key("need", .money, "What it needs: an amount for a `sum` requirement, a count otherwise."),
        Key("deadline", .dateOrInstant, "The last instant an event still counts."),
        Key("milestone", .ruleID, "The milestone it is progress toward; `none` for the referral type's own requirements."),
    ])

    static let expectedMilestone = ObjectShape(keys: [
        Key("milestone", required: true, .ruleID, "The milestone's id: `guest.loyal_guest`, or a reward's with its own `when`."),
        Key("status", .choice(Decision.Milestone.Status.allCases.map(\.rawValue)), "Where it stands: reached, pending or expired."),
        Key("reached_at", .dateOrInstant, "When it was reached."),
    ])

    /// An inline snapshot: the JSON wire form written in YAML, with decimal `amount`s and plain dates.
    static let snapshot = ObjectShape(
        "A referral snapshot written inline: the fields of the JSON snapshot (docs/snapshots-and-decisions.md). `id` may be left out, a plain date is midnight UTC, and `amount: 150.00` may stand for `amount_minor: 15000`.",
        keys: [
            Key("id", .nullable(.text), "The referral's id. Without it: the case's name, as an id."),
            Key("type", required: true, .text, "The referral type, one of the policy's `referral_types`."),
            Key("as_of", required: true, .dateOrInstant, "The evaluation instant: \"now\"."),
            Key("referrer", required: true, .object(referrer, nullable: false), "The person who referred."),
            Key("referee", required: true, .object(referee, nullable: false), "The person referred."),
            Key("events", .list(.ref("event"), minItems: 0, nullable: true), "What the referee did, in any order."),
        ])

    static let personAttributes = ValueShape.nullable(.raw(.object([
        ("type", .string("object")),
        ("additionalProperties", .object([("$ref", .string("#/$defs/attribute_value"))])),
    ])))

    static let referrer = ObjectShape(
        keys: [
            Key("id", required: true, .text, "The referrer's user id."),
            Key("status", .nullable(.text), "Account standing, e.g. `active`, `suspended`."),
            Key("country", .nullable(.text), "ISO 3166-1 alpha-2 code, e.g. `US`."),
            Key("attributes", personAttributes, "Custom attributes the policy declares under `attributes.referrer`."),
            Key("rewards", .list(.ref("past_reward"), minItems: 0, nullable: true),
                "Rewards already granted to this referrer, which the policy's limits count."),
            Key("referrals", .list(.ref("qualified_referral"), minItems: 0, nullable: true),
                "The referrer's other referrals that qualified, which referrer milestones (`nth_referral`) count."),
        ],
        otherKeys: .ref("attribute_value"))

    static let referee = ObjectShape(
        keys: [
            Key("id", required: true, .text, "The referee's user id."),
            Key("signup_at", required: true, .dateOrInstant, "When the referee signed up."),
            Key("attribution", .nullable(.text), "How the sign-up was attributed to the referrer, e.g. `link`, `code`."),
            Key("country", .nullable(.text), "ISO 3166-1 alpha-2 code, e.g. `US`."),
            Key("flags", .list(.text, minItems: 0, nullable: true), "Account flags, e.g. `fraud`."),
            Key("attributes", personAttributes, "Custom attributes the policy declares under `attributes.referee`."),
        ],
        otherKeys: .ref("attribute_value"))

    static let event = ObjectShape(
        keys: [
            Key("type", required: true, .text, "The event type, declared under the policy's `events`."),
            Key("at", required: true, .dateOrInstant, "When it happened."),
            Key("amount", .money, "The amount as a decimal, in the policy's currency or in `currency`."),
            Key("amount_minor", .nullable(.wholeNumber(min: 0)), "The amount in minor units (cents for USD)."),
            Key("amount_cents", .nullable(.wholeNumber(min: 0)), "Another name for `amount_minor`."),
            Key("currency", .nullable(.currency), "The amount's currency."),
            Key("attributes", personAttributes, "The event's attributes, for `where` filters."),
        ])

    static let pastReward = ObjectShape(
        keys: [
            Key("referral_id", .nullable(.text), "The referral it was granted for."),
            Key("amount", .money, "The amount as a decimal, in `currency`."),
            Key("amount_minor", .wholeNumber(min: 0), "The amount in minor units of `currency`."),
            Key("amount_cents", .wholeNumber(min: 0), "Another name for `amount_minor`."),
            Key("currency", required: true, .currency, "Its currency."),
            Key("kind", required: true, .choice(RewardKind.allCases.map(\.rawValue)), "Cash or credit."),
            Key("granted_at", required: true, .dateOrInstant, "When it was granted."),
        ],
        rules: [.atLeastOne(["amount", "amount_minor", "amount_cents"])])

    static let qualifiedReferral = ObjectShape(
        keys: [
            Key("referral_id", required: true, .text, "The other referral's id."),
            Key("referral_type", required: true, .text, "Its referral type."),
            Key("qualified_at", required: true, .dateOrInstant, "When it qualified."),
        ])

    static var definitions: [(String, ValueShape)] {
        [
            ("case", .object(testCase, nullable: false)),
            ("expected_reward", .object(expectedReward, nullable: false)),
            ("expected_progress", .object(expectedProgress, nullable: false)),
            ("snapshot", .object(snapshot, nullable: false)),
            ("event", .object(event, nullable: false)),
            ("past_reward", .object(pastReward, nullable: false)),
            ("expected_milestone", .object(expectedMilestone, nullable: false)),
            ("qualified_referral", .object(qualifiedReferral, nullable: false)),
            ("attribute_value", .raw(.object([
                ("description", .string("An attribute's value: text, a whole number or true/false.")),
                ("type", .array([.string("string"), .string("number"), .string("boolean"), .string("null")])),
            ]))),
        ]
    }
}
