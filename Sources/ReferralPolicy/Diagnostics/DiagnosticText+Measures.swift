/// Measures of several event types (`sum: [buy, sell]`) and comparisons of two fields
/// (`equals_field`, `not_equals_field`): RP150, RP250-RP252, RP350, RP550.
extension DiagnosticText {
    // MARK: RP150 no-event-types

    static func noEventTypesListed(_ form: String, id: String) -> DiagnosticText {
        DiagnosticText(.noEventTypes, "`\(form)` of requirement `\(id)` lists no event types",
                       help: "name the event type, `\(form): buy`, or several measured together, `\(form): [buy, sell]`")
    }

    // MARK: RP250 repeated-event-type

    static func repeatedEventType(_ name: String, form: String, firstColumn: Int) -> DiagnosticText {
        DiagnosticText(.repeatedEventType, "`\(clip(name))` is listed twice in this `\(form)` (first at column \(firstColumn))",
                       help: "list each event type once: each event counts once, whatever the list says")
    }

    // MARK: RP251 attribute-types-differ

    static func attributeTypesDiffer(_ attribute: String, _ kinds: [(event: String, type: AttributeType)]) -> DiagnosticText {
        let each = kinds.map { "\($0.type.rawValue) on `\($0.event)`" }
        return DiagnosticText(.attributeTypesDiffer,
                              "the filter on `\(clip(attribute))` reads an attribute declared as \(joined(each))",
                              help: "declare `\(clip(attribute))` with one type on every event type the requirement lists")
    }

    /// A filter on several event types reads an attribute one of them does not declare.
    static func listedEventHasNoAttribute(_ event: String, _ attribute: String, declaredOn: [String]) -> DiagnosticText {
        DiagnosticText(.undefinedField, "`\(event)` events have no attribute `\(clip(attribute))`",
                       help: "a filter on several event types reads the attribute on each: declare `\(clip(attribute))` on `\(event)` as on "
                           + list(declaredOn) + ", or count `\(event)` in a requirement of its own")
    }

    /// `a`, `a and b`, `a, b and c`.
    private static func joined(_ parts: [String]) -> String {
        parts.count <= 1 ? parts.joined() : parts.dropLast().joined(separator: ", ") + " and " + parts[parts.count - 1]
    }

    // MARK: RP252 incomparable-fields

    static func incomparableFields(_ left: String, _ leftKind: String, _ right: String, _ rightKind: String) -> DiagnosticText {
        DiagnosticText(.incomparableFields, "`\(clip(left))` is \(leftKind), but `\(clip(right))` is \(rightKind): they cannot be compared",
                       help: "compare fields that hold the same kind of value, text with text, a whole number with a whole number")
    }

    static func listFieldCompared(_ name: String, relation: String) -> DiagnosticText {
        DiagnosticText(.incomparableFields, "`\(clip(name))` is a list; `\(relation)` compares single values",
                       help: "compare a list field with values, `contains_any` or `contains_none`")
    }

    static func notAFieldToCompare(_ path: String, relation: String, inFilter: Bool, help: String?) -> DiagnosticText {
        DiagnosticText(.undefinedField, "unknown field `\(clip(path))` after `\(relation)`",
                       help: help ?? fieldHint(path, relation: relation, inFilter: inFilter))
    }

    /// What to write instead: another field, or `equals:` when a value was meant.
    private static func fieldHint(_ path: String, relation: String, inFilter: Bool) -> String {
        let field = inFilter ? "name a field of the referee or the referrer, such as `referee.country`"
                             : "name another field of the snapshot, such as `referrer.country`"
        if path.contains(".") {
            return field + (inFilter ? ": an event's attribute is compared with the referee's or the referrer's, not with another event's" : "")
        }
        let comparison = relation == FieldRelation.equalsField.rawValue ? "equals" : "not_equals"
        return field + "; to compare with a value, write `\(comparison): \(clip(path))`"
    }

    // MARK: RP350 mixed-amounts

    static func mixedAmounts(_ event: String, withAmounts: [String]) -> DiagnosticText {
        DiagnosticText(.mixedAmounts, "this `sum` adds amounts, but `\(event)` events carry none, unlike " + list(withAmounts),
                       help: "sum only event types with `amount: true`; count `\(event)` in a requirement of its own")
    }

    // MARK: RP550 field-compared-with-itself

    static func fieldComparedWithItself(_ path: String, relation: FieldRelation) -> DiagnosticText {
        DiagnosticText(.fieldComparedWithItself,
                       "`\(clip(path))` is compared with itself: `\(relation.rawValue)` \(relation.negated ? "never holds" : "holds whenever the field has a value")",
                       help: "name the other field, e.g. `field: referee.country` with `\(relation.rawValue): referrer.country`")
    }
}
