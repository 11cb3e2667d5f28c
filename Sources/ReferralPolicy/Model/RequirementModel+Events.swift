extension RequirementModel {
    /// The event types a `count` or `sum` measures, in the order written: one for `sum: spent`,
    /// several for `sum: [buy, sell]`. Empty for `all`, `any` and `not`.
    var measuredEvents: [(name: String, location: SourceLocation)] {
        switch kind {
        case .count(let event, let location, _, _), .sum(let event, let location, _):
            return [(event, location)] + moreEvents
        case .all, .any, .not:
            return []
        }
    }
}
