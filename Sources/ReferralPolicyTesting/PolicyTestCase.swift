import ReferralPolicy

/// One test case of a policy test file: a snapshot and what the policy must decide for it.
/// Only what the case states is checked, so a case may say just `status: pending`.
package struct PolicyTestCase: Sendable {
    /// The case's name, unique within its file.
    let name: String
    /// Where the case starts in its test file.
    let location: SourceLocation
    /// Why the case is skipped, when it is.
    let skip: String?
    /// The snapshot to decide.
    let snapshot: Snapshot
    let expectation: Expectation

    /// What a case expects. Every field is optional; nil is "not checked".
    struct Expectation: Sendable, Hashable {
        var status: Decision.Status?
        /// The governing policy version.
        var version: String?
        /// The failed eligibility rule (`not_eligible`) or the reversal rule (`reversed`).
        var reason: String?
        var qualifiedAt: Instant?
        /// When stated, the decision's rewards must match one for one, in order.
        var rewards: [RewardExpectation]?
        /// When stated, the decision's progress must match one for one, in order.
        var progress: [ProgressExpectation]?
        /// When stated, the decision's milestones must match one for one, in order.
        var milestones: [MilestoneExpectation]?
    }

    /// The stated fields of one expected milestone.
    struct MilestoneExpectation: Sendable, Hashable {
        var milestone: String?
        var status: Decision.Milestone.Status?
        var reachedAt: Instant?
    }

    /// The stated fields of one expected reward.
    struct RewardExpectation: Sendable, Hashable {
        var rule: String?
        var beneficiary: Beneficiary?
        var kind: RewardKind?
        /// The amount in minor units of `currency` (or of the decision's reward currency).
        var amountMinor: Int64?
        var currency: String?
        var payableAt: Instant?
        var expiresAt: Instant?
        var limitedBy: String?
    }

    /// The stated fields of one expected progress entry.
    struct ProgressExpectation: Sendable, Hashable {
        var requirement: String?
        /// Minor units for money requirements, a count otherwise.
        var have: Int64?
        var need: Int64?
        var deadline: Instant?
        /// The milestone it is progress toward; `none` (nil here with ``towardType``) for the type's requirements.
        var milestone: String?
        /// True when the case says the entry is progress toward the type's own requirements.
        var towardType: Bool = false
    }
}

/// A policy test file: the policy (file or folder of versions) it tests and its cases.
public struct PolicyTestFile: Sendable {
    /// The test file's path.
    public let path: String
    /// The policy set the cases run against.
    public let policies: PolicySet
    package let cases: [PolicyTestCase]
}
