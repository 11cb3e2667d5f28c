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

    struct Milestone: BitwiseCopyable {
        /// Index into ``EvaluationPlan/milestones``.
        var milestone: Int32
        var status: Decision.Milestone.Status
        var reachedAt: Instant?
    }
}

/// The memory milestones need while deciding, reused from one decision to the next on one
/// thread (``DecisionWorkspace`` holds it): since when each milestone held, the order limits see
/// rewards in, and each milestone's state, which the outcome of a type with milestones is read
/// with. Kept out of ``Outcome`` and ``EvaluationScratch``, so that a program without milestones
/// carries nothing of them from one decision to the next.
final class MilestoneWork {
    var since: [Instant?] = []
    var limitOrder: [Int] = []
    var settled: [Outcome.Milestone] = []

    /// The deciding thread's.
    static var current: MilestoneWork { DecisionWorkspace.current.milestones }
}

extension Outcome {
    /// The milestones the outcome settled, when its type has any (and the referral was
    /// eligible); read on the thread that decided it, before it decides another.
    @inline(__always) func milestones(_ plan: EvaluationPlan) -> [Milestone]? {
        guard plan.types[type].milestones.count > 0, status != .notEligible else { return nil }
        return MilestoneWork.current.settled
    }

    mutating func reset() {
        type = 0
        status = .pending
        reason = .none
        qualifiedAt = nil
        // Emptied from the end: `removeLast` is a few instructions an entry (they hold a few),
        // where `removeAll(keepingCapacity:)` goes through a generic `replaceSubrange`.
        while !rewards.isEmpty { rewards.removeLast() }
        while !progress.isEmpty { progress.removeLast() }
    }
}
