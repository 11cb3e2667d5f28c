/// Milestones in plain words: "When the referee has at least one *stay completed* event
/// (`host.first_stay`), **the referrer** gets **$100.00** in cash…".
extension PolicyDescriber {
    mutating func milestones(_ t: ReferralTypeModel, _ context: RuleContext) {
        blocks.append(.heading(level: 4, [.text("Milestones")]))
        blocks.append(.paragraph([.text("These rewards are paid at milestones of their own, not when the referral qualifies. Each is paid once, when everything it needs is met within its window (the referral type's, unless the milestone has its own):")]))
        for m in t.milestones {
            let rewards = m.onReward ? t.rewards.filter { $0.when.map { t.milestones[$0].id.id == m.id.id } ?? false } : m.rewards
            let conditions = m.when.map { condition($0, m, t, context) }
            var lead: [Inline] = [.text("When the referee ")]
            var listed: [Item] = []
            var notes: [String] = []
            if conditions.count == 1, let only = conditions.first, only.children.isEmpty {
                lead += only.text
                if let note = only.note { notes.append(note) }
            } else if conditions.count == 1, let only = conditions.first {
                lead += only.text.filter { $0 != .text(":") }
                listed = only.children
            } else {
                lead += [.text("has done all of these")]
                listed = conditions
            }
            lead += windowPhrase(m.window, typeWindow: t.window)
            if !m.onReward { lead += [.text(" (milestone "), .code(m.id.id), .text(")")] }
            if listed.isEmpty, rewards.count == 1, let reward = rewards.first {
                var item = rewardItem(reward, context)
                if case .strong(let who) = item.text.first { item.text[0] = .strong(who.prefix(1).lowercased() + who.dropFirst()) }
                blocks.append(.paragraph(lead + [.text(", ")] + item.text))
                if !item.children.isEmpty { blocks.append(.list(item.children)) }
                if let note = item.note { blocks.append(.note(note)) }
            } else if listed.isEmpty {
                blocks.append(.paragraph(lead + [.text(", it pays:")]))
                blocks.append(.list(rewards.map { rewardItem($0, context) }))
            } else {
                blocks.append(.paragraph(lead + [.text(":")]))
                blocks.append(.list(listed))
                blocks.append(.paragraph([.text("then it pays:")]))
                blocks.append(.list(rewards.map { rewardItem($0, context) }))
            }
            for note in notes + [m.description].compactMap({ $0 }) { blocks.append(.note(note)) }
        }
    }

    /// One entry of `when`, as a verb phrase after "when the referee": `signs up`, `has at
    /// least one *stay completed* event (`host.first_stay`)`.
    private func condition(_ c: MilestoneCondition, _ m: MilestoneModel, _ t: ReferralTypeModel, _ context: RuleContext) -> Item {
        switch c {
        case .signup:
            return Item(text: [.text("signs up")])
        case .reference(let name, _):
            guard let r = Self.requirement("\(t.name).\(name)", in: t.requirements) else { return Item(text: [.code(name)]) }
            let item = requirementItem(r, inherited: t.window, stated: t.window, context)
            return Item(text: Self.thirdPerson(item.text), children: item.children, note: item.note)
        case .requirement(let r):
            let window = m.window ?? t.window
            let item = requirementItem(r, inherited: window, stated: window, context)
            return Item(text: Self.thirdPerson(item.text), children: item.children, note: item.note)
        case .nthReferral(let n):
            let types = n.types?.map(\.name) ?? [t.name]
            let counted = types == [t.name] ? "" : " (counting " + types.map(EnglishText.words).joined(separator: ", ") + " referrals)"
            return Item(text: [.text("is the referrer's "), .strong(EnglishText.ordinal(n.n)), .text(" referral to qualify\(counted)")])
        }
    }

    /// `have …` → `has …`, `do all of these` → `has done all of these`, `not …` → `does not …`.
    static func thirdPerson(_ text: [Inline]) -> [Inline] {
        guard case .text(let first) = text.first else { return text }
        let replaced: String
        if first.hasPrefix("have ") { replaced = "has " + first.dropFirst(5) } else if first.hasPrefix("do ") {
            replaced = "has done " + first.dropFirst(3)
        } else if first.hasPrefix("not have ") { replaced = "does not have " + first.dropFirst(9) } else if first.hasPrefix("not do ") {
            replaced = "has not done " + first.dropFirst(7)
        } else {
            return text
        }
        return [.text(replaced)] + text.dropFirst()
    }

    /// The requirement with id `id` among `list` and what is under them.
    static func requirement(_ id: String, in list: [RequirementModel]) -> RequirementModel? {
        for r in list {
            if r.id.id == id { return r }
            switch r.kind {
            case .all(let c), .any(let c): if let found = requirement(id, in: c) { return found }
            case .not(let c): if let found = requirement(id, in: [c]) { return found }
            case .count, .sum: break
            }
        }
        return nil
    }
}
