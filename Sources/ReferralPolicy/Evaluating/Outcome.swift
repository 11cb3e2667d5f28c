/// What the evaluator decided, before it becomes a ``Decision`` value or decision JSON:
/// indexes into the plan, amounts and instants. Its arrays are reused from one decision to
/// the next.
struct Outcome {
    /// Why a referral is `not_eligible` or `reversed`.
    enum Reason: BitwiseCopyable {
        case none
        /// An eligibility rule (index into ``EvaluationPlan/rules``).
        case rule(Int32)
        /// The type's reversal (index into ``EvaluationPlan/reversals``).
        case reversal(Int32)
    }

    /// The referral type (index into ``EvaluationPlan/types``).
    var type = 0
    var status = Decision.Status.pending
    var reason = Reason.none
    var qualifiedAt: Instant?
    var rewards: [Reward] = []
    var progress: [Progress] = []
    /// For a type with milestones: each one's state, in the type's order (empty otherwise).
    var milestones: [Milestone] = []

    struct Reward: BitwiseCopyable {
        /// Index into ``EvaluationPlan/rewards``.
        var reward: Int32
        /// The tier reached (index into ``EvaluationPlan/tiers``), or -1.
        var tier: Int32
        var kind: RewardKind
        var amount: Int64
        var earnedAt: Instant
        var payableAt: Instant
        var expiresAt: Instant?
        /// The limit that reduced it (index into ``EvaluationPlan/limits``), or -1.
        var limitedBy: Int32
        var uncapped: Int64?
    }

    struct Progress: BitwiseCopyable {
        /// Index into ``EvaluationPlan/leaves``.
        var leaf: Int32
        var have: Int64
        var deadline: Instant?
        /// The milestone it is progress toward (index into ``EvaluationPlan/milestones``), or -1
        /// for the type's requirements.
        var milestone: Int32 = -1
    }

    struct Milestone {
        /// Index into ``EvaluationPlan/milestones``.
        var milestone: Int32
        var status: Decision.Milestone.Status
        var reachedAt: Instant?
    }

    mutating func reset() {
        type = 0
        status = .pending
        reason = .none
        qualifiedAt = nil
        rewards.removeAll(keepingCapacity: true)
        progress.removeAll(keepingCapacity: true)
        if !milestones.isEmpty { milestones.removeAll(keepingCapacity: true) }
    }
}
