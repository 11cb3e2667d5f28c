/// Milestones: rewards with requirements of their own (`when:`, `milestones:`) and referrer
/// milestones (`nth_referral:`).
extension DiagnosticText {
    // MARK: RP130 empty-milestone

    static func whenListsNothing(_ id: String) -> DiagnosticText {
        DiagnosticText(.emptyMilestone, "`when` of `\(id)` lists no requirements",
                       help: "list what must be met first, or write `when: signup` for a reward paid when the referee signs up")
    }

    static func milestonePaysNothing(_ id: String) -> DiagnosticText {
        DiagnosticText(.emptyMilestone, "milestone `\(id)` pays no reward",
                       help: "add a reward under its `rewards:`, or remove the milestone")
    }

    // MARK: RP131 when-in-milestone

    static func whenInMilestone(_ reward: String, milestone: String) -> DiagnosticText {
        DiagnosticText(.whenInMilestone, "reward `\(reward)` is paid by milestone `\(milestone)`, whose `when` already says when",
                       help: "remove the reward's `when`, or move the reward to the type's `rewards:`")
    }

    // MARK: RP102 missing-key

    static func typesListsNothing() -> DiagnosticText {
        DiagnosticText(.missingKey, "`types` of a referrer milestone lists no referral type",
                       help: "list the referral types whose qualified referrals count, or leave `types` out to count this referral's own type")
    }

    // MARK: RP105 invalid-value

    static func nthReferralBelowOne(_ found: String) -> DiagnosticText {
        DiagnosticText(.invalidValue, "`nth_referral` counts from 1, the referrer's first qualified referral; found `\(clip(found))`",
                       help: "write 1 for the referrer's first qualified referral, 5 for the fifth")
    }

    // MARK: RP203 undefined-requirement

    static func undefinedMilestoneRequirement(_ name: String, type: String, suggestion help: String?) -> DiagnosticText {
        DiagnosticText(.undefinedRequirement, "no requirement `\(clip(name))` in referral type `\(type)`",
                       help: help ?? "`when` names a requirement of the same referral type by its `id`, or `signup`")
    }

    // MARK: RP230 ambiguous-signup

    static func ambiguousSignup(_ id: String, type: String) -> DiagnosticText {
        DiagnosticText(.ambiguousSignup,
                       "`signup` in the `when` of `\(id)` is the referee's sign-up, but referral type `\(type)` also has a requirement `signup`",
                       help: "give the requirement `\(type).signup` another `id`")
    }

    // MARK: RP231 undefined-referral-type

    static func undefinedReferralType(_ name: String, suggestion help: String?) -> DiagnosticText {
        DiagnosticText(.undefinedReferralType, "no referral type `\(clip(name))` in this policy",
                       help: help ?? "`types` names referral types of this policy, as written under `referral_types:`")
    }

    // MARK: RP530 unreachable-milestone

    static func milestoneNeedsMoreDays(_ id: String, requirement: String, days: Int64, fit: Int64) -> DiagnosticText {
        DiagnosticText(.unreachableMilestone,
                       "milestone `\(id)` can never be reached: `\(requirement)` needs \(days) different days, but its window holds at most \(fit)",
                       help: "lower `at_least`, or give the requirement (or the milestone) a longer `window`")
    }

    static func milestoneContradicts(_ id: String, needs: String, forbids: String) -> DiagnosticText {
        DiagnosticText(.unreachableMilestone,
                       "milestone `\(id)` can never be reached: it needs `\(needs)`, and also that `\(forbids)` is not met, which `\(needs)` implies",
                       help: "remove one of the two, or change what one of them counts")
    }

    static func milestoneTwoReferralNumbers(_ id: String, _ a: Int64, _ b: Int64) -> DiagnosticText {
        DiagnosticText(.unreachableMilestone,
                       "milestone `\(id)` can never be reached: one referral cannot be the referrer's \(EnglishText.ordinal(a)) and \(EnglishText.ordinal(b)) qualified referral",
                       help: "keep one `nth_referral`, or write a milestone for each")
    }
}
