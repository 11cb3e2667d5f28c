/// RP1xx: the structure of a policy: keys, the kinds of values, names.
extension DiagnosticText {
    // MARK: RP101 unknown-key

    static func unknownKey(_ key: String, in what: String, suggestion help: String?) -> DiagnosticText {
        DiagnosticText(.unknownKey, "unknown key `\(clip(key))` in \(what)",
                       help: help ?? "remove it; `docs/policy-language.md` §4 lists the keys of every part of a policy")
    }

    static func unknownComparison(_ word: String, for name: String, suggestion help: String?) -> DiagnosticText {
        DiagnosticText(.unknownKey, "unknown comparison `\(clip(word))` for `\(clip(name))`",
                       help: help ?? "compare with `in`, `not_in`, `equals`, `not_equals`, `at_least` or `at_most`")
    }

    // MARK: RP102 missing-key

    static func missingKey(_ key: String, in what: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "\(what) is missing `\(key)`", help: missingKeyHelp[key])
    }

    static let missingKeyHelp: [String: String] = [
        "program": "add `program: your-program-id` at the top",
        "version": "add `version: \"1\"` at the top",
        "currency": "add `currency: USD` (the currency amounts are written in)",
        "events": "declare the event types the rules count, e.g. `events:` with `  earned: { amount: true }`",
        "referral_types": "add `referral_types:` with at least one type and its requirements and rewards",
        "requirements": "add `requirements:` listing what the referee must do",
        "rewards": "add `rewards:` listing what is paid, to whom",
        "to": "add `to: referrer` or `to: referee`",
        "at_least": "add `at_least:` with the threshold",
        "amount": "add `amount:` with the reward amount",
        "on": "add `on: [refund, chargeback]`: the event types that take the reward back",
        "within_days": "add `within_days: 60`: how long after qualifying a reversal counts",
        "decimals": "add `decimals:` with the digits after the decimal point its amounts have, e.g. `decimals: 0`",
    ]

    static let noReferralTypes = DiagnosticText(.missingKey, "`referral_types` defines no referral type",
                                                help: "add a referral type such as `freelancer:` with its requirements and rewards")

    static func noRequirements(_ what: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "\(what) has no requirements",
                       help: "add at least one requirement, such as `- sum: earned` with `at_least: 100.00`")
    }


    static func windowNeedsDaysOrUntil(_ what: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "\(what) needs `days` or `until`",
                       help: "write `days: 90` for 90 days after sign-up, or `until: 2025-12-31` for a fixed deadline")
    }

    static func eligibilityNeedsField(_ id: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "eligibility rule `\(id)` needs `field` (with a comparison) or `self_referral`",
                       help: "for example `field: referee.country` and `not_in: [CU, IR, KP, SY]`")
    }

    static func eligibilityComparesNothing(_ id: String, field: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "eligibility rule `\(id)` compares `\(clip(field))` with nothing",
                       help: "add one of " + list(Comparison.allCases.map(\.rawValue)))
    }

    static func requirementNeedsForm(_ id: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "requirement `\(id)` needs one of " + list(PolicyVocabulary.RequirementForm.names),
                       help: "for example `count: posted_job` or `sum: spent` with `at_least: 500.00`")
    }

    static func sumNeedsAtLeast(_ id: String, event: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "requirement `\(id)` sums `\(event)` but has no `at_least`",
                       help: "add the amount to reach, e.g. `at_least: 100.00`")
    }

    static func groupListsNothing(_ form: String, id: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "`\(form)` of requirement `\(id)` lists no requirements", help: "list the requirements under it")
    }

    static func rewardNeedsForm(_ id: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "reward `\(id)` needs `amount`, `percent` or `tiers`", help: "for example `amount: 25.00`")
    }

    static func rewardNeedsKind(_ id: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "reward `\(id)` needs `kind`", help: "add `kind: cash` or `kind: credit`")
    }

    static func tierNeedsKind(_ id: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "tier `\(id)` needs `kind` (or the reward does)", help: "add `kind: cash` or `kind: credit`")
    }

    static func percentNeedsOf(_ id: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "reward `\(id)` pays a percent but has no `of`",
                       help: "name the `sum` requirement it is a percent of, e.g. `of: first_purchase`")
    }

    static func tiersNeedOf(_ id: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "reward `\(id)` has tiers but no `of`",
                       help: "name the `sum` requirement whose amount picks the tier, e.g. `of: first_earnings`")
    }

    static func noTiers(_ id: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "reward `\(id)` lists no tiers", help: "add tiers with `at_least` and `amount`")
    }

    static func limitNeedsPeriod(_ id: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "limit `\(id)` needs `period` or `rolling_days`",
                       help: "for example `period: calendar_year`, or `period: lifetime`")
    }

    static func limitNeedsMaximum(_ id: String) -> DiagnosticText {
        DiagnosticText(.missingKey, "limit `\(id)` needs `max_rewards`, `max_amount` or both",
                       help: "for example `max_rewards: 20` or `max_amount: 2500.00`")
    }

    // MARK: RP103 duplicate-key

    static func duplicateKey(_ key: String, firstLine: Int) -> DiagnosticText {
        DiagnosticText(.duplicateKey, "duplicate key `\(clip(key))`", help: "`\(clip(key))` is already set at line \(firstLine); remove one of them")
    }

    /// A list item holds a key twice, the second at the column of its first key: the next item
    /// was written without its `- `.
    static func itemWithoutDash(_ key: String, itemLine: Int, column: Int) -> DiagnosticText {
        DiagnosticText(.duplicateKey, "`\(clip(key))` is set twice in the list item that starts at line \(itemLine); a new item starts here without its `- `",
                       help: "write `- ` before `\(clip(key))`, lined up with the `- ` of the item at line \(itemLine) (column \(column))")
    }

    // MARK: RP104 wrong-type

    static func wrongType(_ what: String, expected: String, found: String, help: String? = nil) -> DiagnosticText {
        DiagnosticText(.wrongType, "\(what) must be \(expected), found \(found)", help: help)
    }

    static func keyNotAName(in what: String, found: String) -> DiagnosticText {
        DiagnosticText(.wrongType, "keys in \(what) must be names, found \(found)",
                       help: "write the key as a plain name, such as `window` or `freelancer`")
    }

    static func referralTypesNotAMapping(found: String) -> DiagnosticText {
        DiagnosticText(.wrongType, "`referral_types` must be a mapping from type name to its rules, found \(found)",
                       help: "write `referral_types:` then `  freelancer:` indented below it")
    }

    static func windowNotAMapping(_ what: String, found word: String) -> DiagnosticText {
        DiagnosticText(.wrongType, "\(what) must be `days: N`, `until: DATE` or `any_time`, found `\(clip(word))`",
                       help: "write `window: { days: 90 }` for 90 days after sign-up")
    }

    static func windowAsList(_ what: String) -> DiagnosticText {
        DiagnosticText(.wrongType, "\(what) is written as a list, but a window is one mapping",
                       help: "write `window:` as a mapping, e.g. `window: { days: 90 }`, without `- `")
    }

    /// A list of rules written as one mapping: the `- ` in front of each rule is missing.
    static func listWithoutDashes(_ what: String, example: String) -> DiagnosticText {
        DiagnosticText(.wrongType, "\(what) must be a list, each item starting with `- `; here the `- ` is missing",
                       help: "start each item with `- `, e.g. `\(example)`")
    }

    static func fractionalDays(_ what: String, _ text: String) -> DiagnosticText {
        DiagnosticText(.wrongType, "\(what) must be a whole number of days, found `\(clip(text))`", help: "durations are whole days")
    }

    // MARK: RP105 invalid-value

    static func invalidChoice(_ word: String, for what: String, suggestion help: String?) -> DiagnosticText {
        DiagnosticText(.invalidValue, "\(what) cannot be `\(clip(word))`",
                       help: help ?? "`docs/policy-language.md` §4 lists the values it takes")
    }

    static func belowMinimum(_ what: String, min: Int64, found: String) -> DiagnosticText {
        DiagnosticText(.invalidValue, "\(what) must be at least \(min), found `\(clip(found))`", help: "write a whole number of \(min) or more")
    }

    static func atLeastOneDay(_ what: String) -> DiagnosticText {
        DiagnosticText(.invalidValue, "\(what) must be at least 1 day", help: "write 1 or more days, or remove the key")
    }

    static func moreThanACentury(_ what: String, _ text: String) -> DiagnosticText {
        DiagnosticText(.invalidValue, "\(what) is more than 100 years: `\(clip(text))`", help: "durations are whole days")
    }

    static func maxBelowMin(max: String, min: String) -> DiagnosticText {
        DiagnosticText(.invalidValue, "`max` (\(max)) is below `min` (\(min))", help: "swap them, or raise `max`")
    }

    // MARK: RP106 duplicate-id

    static func duplicateID(_ id: String, firstLine: Int) -> DiagnosticText {
        DiagnosticText(.duplicateID, "id `\(id)` is already used",
                       help: "the first use is at line \(firstLine); ids name rules in decisions and tests, so each must be unique")
    }

    // MARK: RP107 invalid-id

    static func invalidName(_ text: String, for what: String, suggested: String) -> DiagnosticText {
        DiagnosticText(.invalidID, "`\(clip(text))` is not a valid name for \(what)",
                       help: "use lowercase letters, digits, `_` and `-`, starting with a letter, e.g. `\(clip(suggested))`")
    }

    static func builtInAttributeName(_ name: String) -> DiagnosticText {
        DiagnosticText(.invalidID, "attribute `\(name)` has the name of a built-in field",
                       help: "pick another name; `\(name)` is already a field of every snapshot")
    }

    static let amountAttribute = DiagnosticText(.invalidID, "event attribute `amount` clashes with the event's own amount",
                                                help: "declare `amount: true` on the event type instead")

    // MARK: RP108 conflicting-keys

    static let fieldAndSelfReferral = DiagnosticText(.conflictingKeys, "an eligibility rule has either `field` or `self_referral`, not both",
                                                     help: "split it into two rules")

    static func twoComparisons(_ id: String, _ first: String, _ second: String) -> DiagnosticText {
        DiagnosticText(.conflictingKeys, "eligibility rule `\(id)` has both `\(first)` and `\(second)`",
                       help: "one comparison per rule; split it into two rules")
    }

    static func twoRequirementForms(_ id: String, _ first: String, _ second: String) -> DiagnosticText {
        DiagnosticText(.conflictingKeys, "requirement `\(id)` has both `\(first)` and `\(second)`",
                       help: "one form per requirement; put several under `all:` or `any:`")
    }

    static let distinctDaysOnSum = DiagnosticText(.conflictingKeys, "`distinct_days` applies to `count`, not `sum`",
                                                  help: "remove `distinct_days`")

    static func leafKeyOnGroup(_ key: String, form: String) -> DiagnosticText {
        DiagnosticText(.conflictingKeys, "`\(key)` belongs on a `count` or `sum` requirement, not on `\(form)`",
                       help: "move it onto the requirements under `\(form)`")
    }

    static func twoRewardForms(_ id: String, _ first: String, _ second: String) -> DiagnosticText {
        DiagnosticText(.conflictingKeys, "reward `\(id)` has both `\(first)` and `\(second)`",
                       help: "a reward is a fixed `amount`, a `percent` of a measured sum, or `tiers`; keep one")
    }

    static func percentKeyOnTiers(_ key: String) -> DiagnosticText {
        DiagnosticText(.conflictingKeys, "`\(key)` applies to a `percent` reward, not to tiers",
                       help: "each tier pays its own `amount`; remove `\(key)`")
    }

    static func noEffectOnFixedAmount(_ key: String) -> DiagnosticText {
        DiagnosticText(.conflictingKeys, "`\(key)` has no effect on a fixed `amount`", help: "remove `\(key)`")
    }

    static func creditExpiryOnCash(_ id: String, key: String = "credit_expires_days") -> DiagnosticText {
        DiagnosticText(.conflictingKeys, "`\(key)` applies to credit, but reward `\(id)` is cash",
                       help: "remove `\(key)`, or make it `kind: credit`")
    }

    static func periodAndRollingDays(_ id: String, key: String = "rolling_days") -> DiagnosticText {
        DiagnosticText(.conflictingKeys, "limit `\(id)` has both `period` and `\(key)`",
                       help: "keep `period` for calendar periods or `\(key)` for a rolling one")
    }

    // MARK: RP109 misplaced-key

    /// `days:` written at the level of `window:` instead of under it.
    static func notIndentedUnder(_ key: String, parent: String) -> DiagnosticText {
        DiagnosticText(.misplacedKey, "`\(clip(key))` belongs under `\(parent):`, but is not indented below it",
                       help: "indent `\(clip(key))` (and the keys of `\(parent)` after it) two spaces more than `\(parent):`")
    }

    /// A key of another part of the policy: `hold_days` in a tier.
    static func belongsElsewhere(_ key: String, in what: String, owners: [PolicyVocabulary.Context], help: String) -> DiagnosticText {
        let names = owners.map(\.name)
        let owner = names.count <= 2 ? names.joined(separator: " or ") : names.dropLast().joined(separator: ", ") + " or " + names.last!
        return DiagnosticText(.misplacedKey, "`\(clip(key))` is a key of \(owner), not of \(what)", help: help)
    }
}
