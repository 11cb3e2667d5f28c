/// One test case of a policy test file: a snapshot and what the policy must decide for it.
/// Only what the case states is checked, so a case may say just `status: pending`.
public struct PolicyTestCase: Sendable {
    /// The case's name, unique within its file.
    public let name: String
    /// Where the case starts in its test file.
    public let location: SourceLocation
    /// Why the case is skipped, when it is.
    public let skip: String?
    /// The snapshot to decide.
    public let snapshot: Snapshot
    public let expectation: Expectation

    /// What a case expects. Every field is optional; nil is "not checked".
    public struct Expectation: Sendable, Hashable {
        public var status: Decision.Status?
        /// The governing policy version.
        public var version: String?
        /// The failed eligibility rule (`not_eligible`) or the reversal rule (`reversed`).
        public var reason: String?
        public var qualifiedAt: Instant?
        /// When stated, the decision's rewards must match one for one, in order.
        public var rewards: [RewardExpectation]?
        /// When stated, the decision's progress must match one for one, in order.
        public var progress: [ProgressExpectation]?
        /// When stated, the decision's milestones must match one for one, in order.
        public var milestones: [MilestoneExpectation]?
    }

    /// The stated fields of one expected milestone.
    public struct MilestoneExpectation: Sendable, Hashable {
        public var milestone: String?
        public var status: Decision.Milestone.Status?
        public var reachedAt: Instant?
    }

    /// The stated fields of one expected reward.
    public struct RewardExpectation: Sendable, Hashable {
        public var rule: String?
        public var beneficiary: Beneficiary?
        public var kind: RewardKind?
        /// The amount in minor units of `currency` (or of the decision's reward currency).
        public var amountMinor: Int64?
        public var currency: String?
        public var payableAt: Instant?
        public var expiresAt: Instant?
        public var limitedBy: String?
    }

    /// The stated fields of one expected progress entry.
    public struct ProgressExpectation: Sendable, Hashable {
        public var requirement: String?
        /// Minor units for money requirements, a count otherwise.
        public var have: Int64?
        public var need: Int64?
        public var deadline: Instant?
        /// The milestone it is progress toward; `none` (nil here with ``towardType``) for the type's requirements.
        public var milestone: String?
        /// True when the case says the entry is progress toward the type's own requirements.
        public var towardType: Bool = false
    }
}

/// A policy test file: the policy (file or folder of versions) it tests and its cases.
public struct PolicyTestFile: Sendable {
    /// The test file's path.
    public let path: String
    /// The policy set the cases run against.
    public let policies: PolicySet
    public let cases: [PolicyTestCase]
}
