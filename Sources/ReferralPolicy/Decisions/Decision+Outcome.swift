extension Decision {
    /// The decision value of an outcome: texts from the plan and the snapshot's facts.
    init(_ outcome: Outcome, plan: EvaluationPlan, facts: FactsView, explanation: [Check]) {
        let head = facts.head
        self.init(referralID: facts.string(head.id) ?? "", referralType: facts.string(head.type) ?? "",
                  referrerID: facts.string(head.referrerID) ?? "", policy: plan.identity,
                  asOf: head.asOf, status: outcome.status, qualifiedAt: outcome.qualifiedAt, explanation: explanation)
        switch outcome.reason {
        case .none: break
        case .rule(let k): reason = plan.strings[Int(plan.rules[k].id)]
        case .reversal(let k): reason = plan.strings[Int(plan.reversals[k].id)]
        }
        rewards = outcome.rewards.map { r in
            let reward = plan.rewards[r.reward]
            let rule = r.tier >= 0 ? plan.tiers[r.tier].id : reward.id
            return Decision.Reward(rule: plan.strings[Int(rule)], beneficiary: reward.to, kind: r.kind,
                                   amount: Money(minorUnits: r.amount, currency: plan.currencies[Int(reward.currency)]),
                                   earnedAt: r.earnedAt, payableAt: r.payableAt, expiresAt: r.expiresAt,
                                   limitedBy: r.limitedBy >= 0 ? plan.strings[Int(plan.limits[r.limitedBy].id)] : nil,
                                   uncappedMinor: r.uncapped)
        }
        progress = outcome.progress.map { p in
            let leaf = plan.leaves[p.leaf]
            let money = leaf.measure.unit == .money
            return Decision.Progress(requirement: plan.strings[Int(leaf.id)], description: plan.string(leaf.description),
                                     eventType: plan.eventNameList[Int(leaf.event)], unit: leaf.measure.unit,
                                     have: p.have, need: leaf.threshold, currency: money ? plan.currency(ofLeaf: leaf) : nil, deadline: p.deadline,
                                     eventTypes: leaf.moreEvents.count > 0 ? plan.eventNames(of: leaf) : nil,
                                     milestone: p.milestone >= 0 ? plan.strings[Int(plan.milestones[p.milestone].id)] : nil)
        }
        if let settled = outcome.milestones(plan) {
            milestones = settled.map { m in
                Decision.Milestone(milestone: plan.strings[Int(plan.milestones[m.milestone].id)], status: m.status, reachedAt: m.reachedAt)
            }
        }
    }
}
