/// Milestones: a reward's own `when:`, the type's `milestones:` list, and the entries of a
/// `when:` list (`signup`, a requirement's id, a requirement written in place, `nth_referral`).
extension PolicyParser {
    /// The milestone of a reward's own `when:`, when it has one.
    mutating func rewardMilestone(_ node: YNode, reward: RewardModel, scope: String) -> MilestoneModel? {
        guard case .mapping(let pairs) = node.kind,
              let pair = pairs.first(where: { $0.key.scalar == V.RewardKey.when.rawValue }) else { return nil }
        let (conditions, incomplete) = conditions(pair.value, scope: scope, path: "\(reward.id.id).when", owner: reward.id.id)
        return MilestoneModel(id: reward.id, description: nil, when: conditions, whenLocation: pair.key.location, window: nil,
                              rewards: [], onReward: true, location: node.location, incomplete: incomplete)
    }

    /// The type's `milestones:` list.
    mutating func milestones(_ node: YNode, scope: String) -> [MilestoneModel] {
        (items(node, "the milestones of `\(scope)`", example: "- when: first_stay") ?? []).enumerated().compactMap { index, item in
            milestone(item, scope: scope, path: "\(scope).milestones[\(index)]")
        }
    }

    private mutating func milestone(_ node: YNode, scope: String, path: String) -> MilestoneModel? {
        guard let f = fields(node, .milestone, "a milestone", V.MilestoneKey.self, required: [.when, .rewards]) else { return nil }
        ruleCount += 1
        let id = ruleID(f[.id], scope: scope, derived: path, at: node.location)
        let base = id.given ? id.id : path
        let own = f[.window].flatMap { window($0, "the window of `\(id.id)`") }
        var model = MilestoneModel(id: id, description: f[.description].flatMap { text($0, "`description`") }, when: [],
                                   whenLocation: f.keyLocation(.when) ?? node.location, window: own, rewards: [],
                                   onReward: false, location: node.location)
        if let whenNode = f[.when] {
            (model.when, model.incomplete) = conditions(whenNode, scope: scope, path: "\(base).when", owner: id.id)
        } else {
            model.incomplete = true
        }
        if let rewardsNode = f[.rewards] {
            let listed = items(rewardsNode, "the rewards of `\(id.id)`", example: "- to: referrer")
            var isList = false
            if case .sequence = rewardsNode.kind { isList = true }
            if let listed, listed.isEmpty, rewardsNode.isNull || isList {
                report(DiagnosticText.milestonePaysNothing(id.id), rewardsNode.location)
            }
            for (index, item) in (listed ?? []).enumerated() {
                guard let reward = reward(item, scope: scope, path: "\(base).rewards[\(index)]") else { continue }
                if case .mapping(let pairs) = item.kind, let when = pairs.first(where: { $0.key.scalar == V.RewardKey.when.rawValue }) {
                    report(DiagnosticText.whenInMilestone(reward.id.id, milestone: id.id), when.key.location)
                }
                model.rewards.append(reward)
            }
        }
        return model
    }

    /// The entries of a `when:` list; a single entry may stand without the list. Returns true
    /// with them when one did not parse.
    private mutating func conditions(_ node: YNode, scope: String, path: String, owner: String) -> ([MilestoneCondition], Bool) {
        let entries: [YNode]
        switch node.kind {
        case .sequence(let items): entries = items
        case .scalar, .mapping: entries = node.isNull ? [] : [node]
        }
        if entries.isEmpty {
            report(DiagnosticText.whenListsNothing(owner), node.location)
            return ([], true)
        }
        var out: [MilestoneCondition] = []
        var incomplete = false
        let before = diagnostics.count
        for (index, entry) in entries.enumerated() {
            switch entry.kind {
            case .scalar:
                guard let name = identifier(entry, "a requirement id") else { incomplete = true; continue }
                out.append(V.MilestoneWord(rawValue: name) == .signup ? .signup(entry.location) : .reference(name, entry.location))
            case .mapping(let pairs):
                if Self.holdsReferrerMilestone(entry), !pairs.contains(where: { $0.key.scalar.map { V.RequirementForm(rawValue: $0) != nil } ?? false }) {
                    if let r = referrerMilestone(entry) { out.append(.nthReferral(r)) } else { incomplete = true }
                } else if let r = requirement(entry, scope: scope, path: "\(path)[\(index)]") {
                    out.append(.requirement(r))
                } else {
                    incomplete = true
                }
            case .sequence:
                wrongType(entry, "an entry of `when`", "a requirement's id or a requirement",
                          help: "write each entry on its own line after `- `: an id such as `first_stay`, or a requirement")
                incomplete = true
            }
        }
        if diagnostics[before...].contains(where: { $0.severity == .error }) { incomplete = true }
        return (out, incomplete)
    }

    /// True when `node` is a mapping with a key of a referrer milestone (`nth_referral`, `types`).
    static func holdsReferrerMilestone(_ node: YNode) -> Bool {
        guard case .mapping(let pairs) = node.kind else { return false }
        return pairs.contains { pair in pair.key.scalar.map { V.ReferrerMilestoneKey(rawValue: $0) != nil } ?? false }
    }

    private mutating func referrerMilestone(_ node: YNode) -> ReferrerMilestoneModel? {
        guard let f = fields(node, .referrerMilestone, "a referrer milestone", V.ReferrerMilestoneKey.self, required: [.nthReferral]),
              let nNode = f[.nthReferral] else { return nil }
        ruleCount += 1
        var n: Int64?
        if case .scalar(let t, _) = nNode.kind, let v = Int64(t.withoutUnderscores), v < 1 {
            report(DiagnosticText.nthReferralBelowOne(t), nNode.location)
        } else {
            n = integer(nNode, "`nth_referral`", min: 1)
        }
        var types: [(String, SourceLocation)]?
        if let typesNode = f[.types] {
            types = scalarList(typesNode, "`types`").compactMap { item in
                identifier(item, "a referral type").map { ($0, item.location) }
            }
            if case .sequence(let items) = typesNode.kind, items.isEmpty { report(DiagnosticText.typesListsNothing(), typesNode.location) }
        }
        guard let n else { return nil }
        return ReferrerMilestoneModel(n: n, types: types, location: nNode.location)
    }
}
