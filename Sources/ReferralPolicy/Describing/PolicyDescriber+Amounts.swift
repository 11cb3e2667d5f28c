/// The words for amounts beyond a fixed number and a percent of a total: amounts that depend
/// on a field ("an amount in cash that depends on the referee's country: United Kingdom:
/// $20.00, …"), tiers of a count ("after 20 *trip* events") and a percent of one event ("10% of
/// the first *order* event").
extension PolicyDescriber {
    /// `an amount in cash that depends on the referee's country`.
    func tableLead(_ table: AmountTableModel, _ kind: RewardKind, _ context: RuleContext) -> [Inline] {
        [.text("an amount \(kind == .cash ? "in cash" : "of platform credit") that depends on ")] + fieldPhrase(table.field.path)
    }

    /// One item per value of the table, then what any other value gets.
    func tableItems(_ table: AmountTableModel, _ context: RuleContext) -> [Item] {
        let path = table.field.path
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        let declared = parts.count == 2
            ? (parts[0] == "referee" ? context.policy.refereeAttributes : context.policy.referrerAttributes).first { $0.name == parts[1] }?.type
            : nil
        var items = table.entries.map { entry in
            Item(text: value(entry.key, field: path, kind: declared) + [.text(": "), .strong(entry.amount.display)])
        }
        let others: [Inline] = [.text(table.entries.isEmpty ? "any value, or none: " : "any other value, or none: ")]
        items.append(Item(text: others + (table.defaultAmount.map { [.strong($0.display)] } ?? [.text("nothing is paid")])))
        return items
    }

    /// `the referee's country`, `the referrer's account status`, `the referee's `plan``.
    func fieldPhrase(_ path: String) -> [Inline] {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return [.code(path)] }
        let person = parts[0]
        switch parts[1] {
        case "country": return [.text("the \(person)'s country")]
        case "attribution": return [.text("how the referee signed up (their attribution)")]
        case "status": return [.text("the \(person)'s account status")]
        case "id": return [.text("the \(person)'s account id")]
        default: return [.text("the \(person)'s "), .code(parts[1])]
        }
    }

    /// The `count` requirement `of` names: what it counts, for the tiers of it.
    func countMeasured(_ of: String, _ context: RuleContext) -> (phrase: [Inline], event: String, days: Bool)? {
        let id = "\(context.type.name).\(of)"
        guard let (event, days) = context.type.requirements.lazy.compactMap({ Self.countEvent(id, in: $0) }).first else { return nil }
        let counted: [Inline] = days ? [.text("the number of days with a "), .emphasis(EnglishText.words(event)), .text(" event")]
            : [.text("the number of "), .emphasis(EnglishText.words(event)), .text(" events")]
        return (counted + [.text(" counted by "), .code(id)], event, days)
    }

    /// `**20** *trip* events`, `**5** days with a *trip* event`.
    func countPhrase(_ n: Int64, _ counted: (phrase: [Inline], event: String, days: Bool)?) -> [Inline] {
        guard let counted else { return [.strong(EnglishText.grouped(n))] }
        let event = Inline.emphasis(EnglishText.words(counted.event))
        if counted.days { return [.strong(EnglishText.grouped(n)), .text(n == 1 ? " day with a " : " days with a "), event, .text(" event")] }
        return [.strong(EnglishText.grouped(n)), .text(" "), event, .text(n == 1 ? " event" : " events")]
    }

    /// `the first *order* event counted by `client.first_order``.
    func eventMeasured(_ of: String, _ taking: PercentBasis, _ context: RuleContext) -> [Inline] {
        let id = "\(context.type.name).\(of)"
        let event = context.type.requirements.lazy.compactMap { Self.leafEvent(id, in: $0) }.first
        let which = taking == .largest ? "the largest " : "the first "
        guard let event else { return [.text(which + "event measured by "), .code(id)] }
        return [.text(which), .emphasis(EnglishText.words(event)), .text(" event counted by "), .code(id)]
    }

    static func countEvent(_ id: String, in r: RequirementModel) -> (String, Bool)? {
        switch r.kind {
        case .count(let event, _, _, let days): return r.id.id == id ? (event, days) : nil
        case .sum: return nil
        case .all(let children), .any(let children): return children.lazy.compactMap { countEvent(id, in: $0) }.first
        case .not(let child): return countEvent(id, in: child)
        }
    }

    static func leafEvent(_ id: String, in r: RequirementModel) -> String? {
        switch r.kind {
        case .count(let event, _, _, _), .sum(let event, _, _): return r.id.id == id ? event : nil
        case .all(let children), .any(let children): return children.lazy.compactMap { leafEvent(id, in: $0) }.first
        case .not(let child): return leafEvent(id, in: child)
        }
    }
}
