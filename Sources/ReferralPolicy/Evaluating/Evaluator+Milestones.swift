/// Milestones: rewards paid when requirements of their own are met, each within its window,
/// and referrer milestones (the referrer's Nth qualified referral, from `referrer.referrals`).
/// Only types that have milestones come here: the others are decided without a look at them.
extension Evaluator {
    /// Before the pass over events: which milestones hold with nothing counted yet.
    func startMilestones(_ type: Plan.ReferralType, _ leaves: UnsafeBufferPointer<Plan.Leaf>, _ scratch: inout EvaluationScratch) {
        scratch.milestoneSince.removeAll(keepingCapacity: true)
        let signup = facts.head.signupAt
        for m in type.milestones.range {
            let holds = RequirementFold.holds(plan, nodes: plan.milestones[m].nodes, leaves, &scratch)
            scratch.milestoneSince.append(holds ? signup : nil)
        }
    }

    /// After an event changed a count: each milestone starts or stops holding at its instant.
    func trackMilestones(_ type: Plan.ReferralType, _ leaves: UnsafeBufferPointer<Plan.Leaf>, at: Instant,
                         _ scratch: inout EvaluationScratch) {
        for k in 0..<Int(type.milestones.count) {
            let nodes = plan.milestones[Int(type.milestones.start) + k].nodes
            if nodes.count == 0 { continue }  // `signup` alone: it holds throughout
            if RequirementFold.holds(plan, nodes: nodes, leaves, &scratch) {
                if scratch.milestoneSince[k] == nil { scratch.milestoneSince[k] = at }
            } else {
                scratch.milestoneSince[k] = nil
            }
        }
    }

    /// After the pass: where each milestone stands at `as_of`. A milestone is reached when its
    /// requirements have held since an instant within its window (for a referrer milestone, no
    /// earlier than the referral qualified, and only when it is the referrer's Nth qualified
    /// referral); pending while it can still be; expired once it cannot.
    mutating func settleMilestones(_ type: Plan.ReferralType, _ leaves: UnsafeBufferPointer<Plan.Leaf>, qualifiedAt: Instant?,
                                   _ outcome: inout Outcome, _ scratch: inout EvaluationScratch) {
        let head = facts.head
        let typeCanQualify = qualifiedAt != nil || outcome.status == .pending
        for k in 0..<Int(type.milestones.count) {
            let index = Int(type.milestones.start) + k
            let m = plan.milestones[index]
            let end = m.window?.bounds(signup: head.signupAt, zone: plan.zone).end
            var reachedAt = scratch.milestoneSince[k]
            var numbersHold = true
            var numbersOpen = typeCanQualify
            var position: Int64 = -1
            for nk in m.numbers.range {
                let number = plan.referralNumbers[nk]
                let earlier = earlierReferrals(number, qualifiedAt: qualifiedAt)
                if position < 0 { position = earlier + 1 }
                if qualifiedAt != nil {
                    if earlier + 1 != number.n { numbersHold = false; numbersOpen = false }
                } else {
                    numbersHold = false
                    if earlier >= number.n { numbersOpen = false }
                }
            }
            if m.numbers.count > 0 {
                if numbersHold, let since = reachedAt, let qualifiedAt { reachedAt = max(since, qualifiedAt) } else { reachedAt = nil }
            }
            if let at = reachedAt, let end, at > end { reachedAt = nil }
            let status: Decision.Milestone.Status
            if reachedAt != nil {
                status = .reached
            } else {
                let open = end.map { head.asOf <= $0 } ?? true
                let can = open && (m.numbers.count == 0 || numbersOpen)
                    && RequirementFold.canStillHold(plan, nodes: m.nodes, leaves, &scratch, asOf: head.asOf)
                status = can ? .pending : .expired
            }
            let settled = Outcome.Milestone(milestone: Int32(index), status: status, reachedAt: reachedAt)
            outcome.milestones.append(settled)
            scratch.state.withUnsafeBufferPointer { state in
                observer.milestone(plan, type: outcome.type, index, settled, state: state, position: position, qualified: qualifiedAt != nil,
                                   end: end, asOf: head.asOf)
            }
        }
    }

    /// How many of the referrer's other referrals of the counted types qualified before this
    /// one (at an earlier instant, or at the same instant with a smaller id); when this one has
    /// not qualified, how many qualified up to `as_of`.
    func earlierReferrals(_ number: Plan.ReferralNumber, qualifiedAt: Instant?) -> Int64 {
        let head = facts.head
        let counted = plan.numberTypes.buffer(number.types)
        let id = facts.bytes(head.id)
        var earlier: Int64 = 0
        for r in facts.referrals {
            if r.qualifiedAt > head.asOf { continue }  // not yet known at as_of
            guard let t = plan.typeNames.index(of: facts.bytes(r.type), ascii: r.type.ascii), counted.contains(Int32(t)) else { continue }
            if EligibilityCheck.sameText(facts, r.referralID, head.id) { continue }
            if let q = qualifiedAt {
                if r.qualifiedAt > q { continue }
                if r.qualifiedAt == q, !facts.bytes(r.referralID).lexicographicallyPrecedes(id) { continue }
            }
            earlier += 1
        }
        return earlier
    }

    /// Progress toward every milestone not reached: its unmet requirements, each with the
    /// earlier of its own deadline and the milestone's.
    func milestoneProgress(_ type: Plan.ReferralType, _ leaves: UnsafeBufferPointer<Plan.Leaf>, _ outcome: inout Outcome,
                           _ scratch: inout EvaluationScratch) {
        let signup = facts.head.signupAt
        for settled in outcome.milestones where settled.status != .reached {
            let m = plan.milestones[settled.milestone]
            RequirementFold.progress(plan, nodes: m.nodes, plain: false, leafStart: type.leaves.start, leaves, &scratch,
                                     milestone: settled.milestone, deadline: m.window?.bounds(signup: signup, zone: plan.zone).end, into: &outcome.progress)
        }
    }

    /// When reward `r` was earned: at its milestone, when that was reached; at the type's
    /// qualification for the others. Nil: not earned (yet).
    func milestoneEarnedAt(reward r: Int, _ type: Plan.ReferralType, qualifiedAt: Instant?, _ outcome: Outcome) -> Instant? {
        let m = plan.rewardMilestones[r]
        if m < 0 { return qualifiedAt }
        let settled = outcome.milestones[Int(m - type.milestones.start)]
        return settled.status == .reached ? settled.reachedAt : nil
    }

    /// The rewards' indexes by the instant each was earned (the policy's order among equals).
    static func orderByTime(_ rewards: [Outcome.Reward], into order: inout [Int]) {
        order.removeAll(keepingCapacity: true)
        order.append(contentsOf: rewards.indices)
        order.sort { a, b in rewards[a].earnedAt != rewards[b].earnedAt ? rewards[a].earnedAt < rewards[b].earnedAt : a < b }
    }

    /// The error for a snapshot without `referrer.referrals` decided by a type that counts them.
    static func referralsNeeded(_ plan: Plan, _ type: Int) -> EvaluationError {
        EvaluationError(.invalidSnapshot,
                        "missing field `referrals`: referral type `\(plan.name(ofType: type))` pays on the referrer's Nth qualified referral, so the snapshot lists the referrer's other qualified referrals (`[]` when there are none)",
                        path: "referrer.referrals")
    }
}
