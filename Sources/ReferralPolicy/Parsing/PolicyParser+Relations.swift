/// Comparisons of one snapshot field with another: `field: referee.country` with
/// `equals_field: referrer.country` in eligibility rules, and `country: { equals_field:
/// referee.country }` in `where` filters. Which fields exist and whether they compare is the
/// checker's (``PolicyChecker``); the parser reads the words.
extension PolicyParser {
    /// An eligibility rule whose comparison is `key`, `equals_field` or `not_equals_field`.
    mutating func fieldRelationRule(_ f: KeyedFields<V.EligibilityKey>, _ key: V.EligibilityKey, id: RuleID, description: String?,
                                    field: FieldRef, at location: SourceLocation) -> EligibilityRule? {
        guard let relation = key.relation, let valueNode = f[key] else { return nil }
        // One comparison per rule, as with constants.
        let others = V.EligibilityKey.allCases.filter { $0 != key && ($0.comparison != nil || $0.relation != nil) && f.has($0) }
        if let second = others.first, let loc = f.keyLocation(second) {
            report(DiagnosticText.twoComparisons(id.id, key.rawValue, second.rawValue), loc)
        }
        guard let other = comparedField(valueNode, relation) else { return nil }
        return EligibilityRule(id: id, description: description, condition: .fields(field, relation, other), location: location)
    }

    /// A `where` filter comparing the event attribute `name` with a snapshot field.
    mutating func relationFilter(_ name: String, _ location: SourceLocation, _ relation: FieldRelation, _ valueNode: YNode) -> EventFilter? {
        guard let other = comparedField(valueNode, relation) else { return nil }
        return EventFilter(attribute: name, location: location, comparison: relation.negated ? .notEquals : .equals, values: [],
                           compared: (relation, other))
    }

    /// The field named after `equals_field:` / `not_equals_field:`: one path, not a list.
    private mutating func comparedField(_ node: YNode, _ relation: FieldRelation) -> FieldRef? {
        guard case .scalar(let path, _) = node.kind, !node.isNull else {
            wrongType(node, "`\(relation.rawValue)`", "a field such as `referrer.country`",
                      help: "name one field of the snapshot; to compare with values, use `in:` or `not_in:`")
            return nil
        }
        return FieldRef(path: path, location: node.location)
    }
}
