import ReferralPolicy

/// Records which rules the cases exercised, per policy version.
///
/// Covered means shown to matter: an eligibility rule when it made a referral not eligible; a
/// requirement when it was met; a window when a referral of its type expired; a reward or tier
/// when it was granted; a limit when it cut a reward; a reversal when it reversed a referral.
struct CoverageTracker {
    private var policies: [(policy: Policy, key: String)] = []
    private var covered: [String: Set<String>] = [:]

    private static func key(_ p: Policy) -> String { "\(p.file ?? "")#\(p.identity.contentHash)" }

    mutating func register(_ policy: Policy) {
        let key = Self.key(policy)
        if !policies.contains(where: { $0.key == key }) { policies.append((policy, key)) }
    }

    mutating func record(_ d: Decision, policy: Policy) {
        var ids: Set<String> = []
        if d.status == .notEligible, let reason = d.reason { ids.insert(reason) }
        if d.status == .reversed, let reason = d.reason { ids.insert(reason) }
        if d.status == .expired { ids.insert("\(d.referralType).window") }
        for check in d.explanation where check.kind == .requirement && check.held { ids.insert(check.rule) }
        for r in d.rewards {
            ids.insert(r.rule)
            if let limit = r.limitedBy { ids.insert(limit) }
        }
        for m in d.milestones where m.status == .reached { ids.insert(m.milestone) }
        covered[Self.key(policy), default: []].formUnion(ids)
    }

    func report() -> [PolicyCoverage] {
        policies.map { entry in
            let seen = covered[entry.key] ?? []
            let items = CoverageSite.all(in: entry.policy.model).map { site in
                PolicyCoverage.Item(id: site.id, kind: site.kind.rawValue, location: site.location, covered: seen.contains(site.id),
                                    coveredWhen: Self.coveredWhen[site.kind] ?? "")
            }
            return PolicyCoverage(policy: entry.policy.identity, file: entry.policy.file, items: items)
        }
    }

    static let coveredWhen: [CoverageSite.Kind: String] = [
        .eligibility: "a case is not eligible because of it",
        .window: "a case of its type expires",
        .requirement: "a case meets it",
        .reward: "a case is granted it",
        .tier: "a case is granted it",
        .limit: "it cuts a case's reward",
        .reversal: "a case is reversed by it",
        .milestone: "a case reaches it",
    ]
}
