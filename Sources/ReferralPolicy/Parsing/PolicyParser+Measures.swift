/// The event types a `count` or `sum` requirement measures: one name (`sum: spent`), or a list
/// of names counted and summed together (`sum: [buy, sell]`). Whether each is declared, listed
/// once and carries an amount is the checker's (``PolicyChecker``).
extension PolicyParser {
    /// The names with where each is written; nil (reported) when one is not a name or the
    /// list is empty.
    mutating func measuredEventTypes(_ node: YNode, _ form: String, id: String) -> [(name: String, location: SourceLocation)]? {
        guard case .sequence(let items) = node.kind else {
            guard let name = identifier(node, "an event type") else { return nil }
            return [(name, node.location)]
        }
        if items.isEmpty {
            report(DiagnosticText.noEventTypesListed(form, id: id), node.location)
            return nil
        }
        var out: [(name: String, location: SourceLocation)] = []
        for item in items {
            if let name = identifier(item, "an event type") { out.append((name, item.location)) }
        }
        return out.count == items.count ? out : nil
    }
}
