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
    func countMeasured(_ of: String, _ context: RuleContext) -> (phrase: [Inline], events: [Inline], days: Bool)? {
        let id = "\(context.type.name).\(of)"
        guard let r = context.type.requirements.lazy.compactMap({ Self.leaf(id, in: $0) }).first,
              case .count(_, _, _, let days) = r.kind else { return nil }
        let events = eventNames(r, "or")
        let counted: [Inline] = days ? [.text("the number of days with a ")] + events + [.text(" event")]
            : [.text("the number of ")] + events + [.text(" events")]
        return (counted + [.text(" counted by "), .code(id)], events, days)
    }

    /// `**20** *trip* events`, `**5** days with a *trip* event`.
    func countPhrase(_ n: Int64, _ counted: (phrase: [Inline], events: [Inline], days: Bool)?) -> [Inline] {
        guard let counted else { return [.strong(EnglishText.grouped(n))] }
        if counted.days { return [.strong(EnglishText.grouped(n)), .text(n == 1 ? " day with a " : " days with a ")] + counted.events + [.text(" event")] }
        return [.strong(EnglishText.grouped(n)), .text(" ")] + counted.events + [.text(n == 1 ? " event" : " events")]
    }

    /// `the first *order* event counted by `client.first_order``.
    func eventMeasured(_ of: String, _ taking: PercentBasis, _ context: RuleContext) -> [Inline] {
        let id = "\(context.type.name).\(of)"
        let which = taking == .largest ? "the largest " : "the first "
        guard let r = context.type.requirements.lazy.compactMap({ Self.leaf(id, in: $0) }).first else {
            return [.text(which + "event measured by "), .code(id)]
        }
        return [.text(which)] + eventNames(r, "or") + [.text(" event counted by "), .code(id)]
    }

    /// The `count` or `sum` requirement with the qualified id `id` in `r`, or nil.
    static func leaf(_ id: String, in r: RequirementModel) -> RequirementModel? {
        switch r.kind {
        case .count, .sum: return r.id.id == id ? r : nil
        case .all(let children), .any(let children): return children.lazy.compactMap { leaf(id, in: $0) }.first
        case .not(let child): return leaf(id, in: child)
        }
    }
}
