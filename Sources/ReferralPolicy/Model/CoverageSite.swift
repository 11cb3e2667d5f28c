/// A rule with an id that policy tests can cover: what coverage counts and what expectations
/// may name. Read from the parsed policy (``PolicyModel``), in file order.
package struct CoverageSite: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
        case eligibility, window, requirement, reward, tier, limit, reversal, milestone
    }

    package let id: String
    package let kind: Kind
    /// The referral type it belongs to; nil for common eligibility rules and limits.
    package let referralType: String?
    package let location: SourceLocation

    /// Every rule with an id in `model`, in file order: common eligibility rules and limits,
    /// then per referral type its eligibility rules, window, requirements (groups and what is
    /// under them), rewards (or their tiers) and reversal.
    package static func all(in model: PolicyModel) -> [CoverageSite] {
        var out = model.eligibility.map { CoverageSite(id: $0.id.id, kind: .eligibility, referralType: nil, location: $0.id.location) }
        out += model.limits.map { CoverageSite(id: $0.id.id, kind: .limit, referralType: nil, location: $0.id.location) }
        for type in model.types {
            out += type.eligibility.map { CoverageSite(id: $0.id.id, kind: .eligibility, referralType: type.name, location: $0.id.location) }
            if let window = type.window, !window.anyTime {
                out.append(CoverageSite(id: "\(type.name).window", kind: .window, referralType: type.name, location: window.location))
            }
            func requirements(_ list: [RequirementModel]) {
                var pending = Array(list.reversed())
                while let r = pending.popLast() {
                    out.append(CoverageSite(id: r.id.id, kind: .requirement, referralType: type.name, location: r.id.location))
                    switch r.kind {
                    case .all(let c), .any(let c): pending += c.reversed()
                    case .not(let c): pending.append(c)
                    case .count, .sum: break
                    }
                }
            }
            func reward(_ reward: RewardModel) {
                if case .tiers(_, _, let tiers) = reward.amount {
                    out += tiers.map { CoverageSite(id: $0.id.id, kind: .tier, referralType: type.name, location: $0.id.location) }
                } else {
                    out.append(CoverageSite(id: reward.id.id, kind: .reward, referralType: type.name, location: reward.id.location))
                }
            }
            requirements(type.requirements)
            for r in type.rewards {
                reward(r)
                // A reward's own `when`: the requirements it writes in place (the reward is its milestone).
                if let m = r.when { requirements(type.milestones[m].inlineRequirements) }
            }
            for m in type.milestones where !m.onReward {
                out.append(CoverageSite(id: m.id.id, kind: .milestone, referralType: type.name, location: m.id.location))
                requirements(m.inlineRequirements)
                m.rewards.forEach(reward)
            }
            if let r = type.reversal {
                out.append(CoverageSite(id: r.id.id, kind: .reversal, referralType: type.name, location: r.id.location))
            }
        }
        return out
    }

    /// The ids of the milestones in `model`: entries of `milestones:`, and rewards with a `when`
    /// of their own (a decision's `milestones` name them).
    package static func milestones(in model: PolicyModel) -> [String] {
        model.types.flatMap { $0.milestones.map(\.id.id) }
    }

    /// The ids of `sum` requirements in `model` (their progress is money), nested ones included.
    package static func moneyRequirements(in model: PolicyModel) -> [String] {
        var out: [String] = []
        var pending = model.types.flatMap { $0.requirements + $0.milestones.flatMap(\.inlineRequirements) }
        while let r = pending.popLast() {
            switch r.kind {
            case .sum: out.append(r.id.id)
            case .count: break
            case .all(let c), .any(let c): pending += c
            case .not(let c): pending.append(c)
            }
        }
        return out
    }
}
