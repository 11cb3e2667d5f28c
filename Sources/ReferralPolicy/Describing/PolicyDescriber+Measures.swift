/// The sentences of `count` and `sum` requirements that list several event types: "have
/// *buy* and *sell* events together totalling at least **$100.00**".
extension PolicyDescriber {
    /// `*buy* and *sell*`, `*refund* or *chargeback*`: the event types a requirement measures.
    func eventNames(_ r: RequirementModel, _ conjunction: String) -> [Inline] {
        EnglishText.join(r.measuredEvents.map { [Inline.emphasis(EnglishText.words($0.name))] }, conjunction)
    }

    func severalCountPhrase(_ r: RequirementModel, _ atLeast: Int64, _ distinct: Bool) -> [Inline] {
        if distinct {
            return [.text("have ")] + eventNames(r, "or") + [.text(" events on at least "), .strong(atLeast == 1 ? "one" : EnglishText.grouped(atLeast)),
                                                             .text(atLeast == 1 ? " day" : " different days (UTC calendar days)")]
        }
        if atLeast == 0 { return [.text("have any number of ")] + eventNames(r, "and") + [.text(" events (this is always met)")] }
        if atLeast == 1 { return [.text("have at least "), .strong("one"), .text(" ")] + eventNames(r, "or") + [.text(" event")] }
        return [.text("have at least "), .strong(EnglishText.count(atLeast)), .text(" ")] + eventNames(r, "and") + [.text(" events together")]
    }

    func severalSumPhrase(_ r: RequirementModel, _ atLeast: Money) -> [Inline] {
        [.text("have ")] + eventNames(r, "and") + [.text(" events together totalling at least "), .strong(atLeast.display)]
    }

    /// `the total of *buy* and *sell* events together measured by `coinbase.traded``, when
    /// the requirement `id` measures several event types; nil otherwise.
    func severalMeasured(_ id: String, _ context: RuleContext) -> [Inline]? {
        func find(_ r: RequirementModel) -> RequirementModel? {
            if r.id.id == id { return r }
            switch r.kind {
            case .all(let children), .any(let children): return children.lazy.compactMap(find).first
            case .not(let child): return find(child)
            case .count, .sum: return nil
            }
        }
        guard let r = context.type.requirements.lazy.compactMap(find).first, !r.moreEvents.isEmpty else { return nil }
        return [.text("the total of ")] + eventNames(r, "and") + [.text(" events together measured by "), .code(id)]
    }
}
