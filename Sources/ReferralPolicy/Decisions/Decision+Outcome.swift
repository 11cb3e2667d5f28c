extension Decision {
    /// The decision value of an outcome: texts from the plan and the snapshot's facts.
    ///
    /// Every part is made once and the value by Swift's memberwise initializer, in one step:
    /// assigning parts after a hand-written `init` copied and destroyed the whole value twice
    /// (every reference in it counted each time). Arrays have their exact sizes (`map` over the
    /// outcome's); a progress entry shares its leaf's list of event types, made with the plan.
    init(_ outcome: borrowing Outcome, plan: borrowing EvaluationPlan, facts: FactsView, explanation: consuming [Check]) {
        let head = facts.head
        let reason: String? = switch outcome.reason {
        case .none: nil
        case .rule(let k): plan.strings[Int(plan.rules[k].id)]
        case .reversal(let k): plan.strings[Int(plan.reversals[k].id)]
        }
        let rewards = outcome.rewards.map { r in
            let reward = plan.rewards[r.reward]
            let rule = r.tier >= 0 ? plan.tiers[r.tier].id : reward.id
            return Decision.Reward(rule: plan.strings[Int(rule)], beneficiary: reward.to, kind: r.kind,
                                   amount: Money(minorUnits: r.amount, currency: plan.currencies[Int(reward.currency)]),
                                   earnedAt: r.earnedAt, payableAt: r.payableAt, expiresAt: r.expiresAt,
                                   limitedBy: r.limitedBy >= 0 ? plan.strings[Int(plan.limits[r.limitedBy].id)] : nil,
                                   uncappedMinor: r.uncapped)
        }
        let progress = outcome.progress.map { p in
            let leaf = plan.leaves[p.leaf]
            let money = leaf.measure.unit == .money
            return Decision.Progress(requirement: plan.strings[Int(leaf.id)], description: plan.string(leaf.description),
                                     eventType: plan.eventNameList[Int(leaf.event)], eventTypes: plan.leafEventNames[Int(p.leaf)],
                                     unit: leaf.measure.unit, have: p.have, need: leaf.threshold,
                                     currency: money ? plan.currency(ofLeaf: leaf) : nil, deadline: p.deadline,
                                     milestone: p.milestone >= 0 ? plan.strings[Int(plan.milestones[p.milestone].id)] : nil)
        }
        let milestones = outcome.milestones(plan)?.map { m in
            Decision.Milestone(milestone: plan.strings[Int(plan.milestones[m.milestone].id)], status: m.status, reachedAt: m.reachedAt)
        } ?? []
        // The referral type's name is the plan's own string when the snapshot spells it the same
        // (as the writer writes the plan's fragment then): shared, not made again.
        let type = facts.bytes(head.type), name = plan.name(ofType: outcome.type)
        let referralType = name.utf8.withContiguousStorageIfAvailable { TextBytes.bytesEqual(type, $0) } == true
            ? name : Self.text(facts, head.type)
        self.init(referralID: Self.text(facts, head.id), referralType: referralType,
                  referrerID: Self.text(facts, head.referrerID), policy: plan.identity,
                  asOf: head.asOf, status: outcome.status, reason: reason, qualifiedAt: outcome.qualifiedAt,
                  rewards: rewards, progress: progress, explanation: explanation, milestones: milestones)
    }

    /// A snapshot's text as a `String` ("" when missing), as `String(decoding:as:)` makes it. Up to
    /// 15 bytes (ids, codes), through `String(unsafeUninitializedCapacity:)`, which keeps ASCII of
    /// that length inline without validating it again (about 110 instructions, against 150 to 210);
    /// longer texts are decoded, which is the quicker way for them.
    @inline(__always)
    private static func text(_ facts: FactsView, _ t: TextRef) -> String {
        if t.isMissing { return "" }
        let bytes = facts.bytes(t)
        if bytes.count > 15 { return String(decoding: bytes, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            _ = out.initialize(fromContentsOf: bytes)  // `out` holds `bytes.count` bytes: its capacity
            return bytes.count
        }
    }
}
