/// Checks of comparisons between two fields (`equals_field`, `not_equals_field`): both fields
/// exist (built in, or declared under `attributes`), hold single values of one kind, and are
/// not the same field.
extension PolicyChecker {
    /// An eligibility rule `field: LEFT` with `equals_field: RIGHT`.
    mutating func checkFieldRelation(_ left: FieldRef, _ relation: FieldRelation, _ right: FieldRef) {
        let leftKind = snapshotFieldKind(left, relation: nil)
        let rightKind = snapshotFieldKind(right, relation: relation)
        if left.path == right.path {
            report(DiagnosticText.fieldComparedWithItself(left.path, relation: relation), right.location)
            return
        }
        guard let leftKind, let rightKind else { return }
        if leftKind == .list {
            report(DiagnosticText.listFieldCompared(left.path, relation: relation.rawValue), left.location)
        } else if rightKind == .list {
            report(DiagnosticText.listFieldCompared(right.path, relation: relation.rawValue), right.location)
        } else if leftKind != rightKind {
            report(DiagnosticText.incomparableFields(left.path, leftKind.name, right.path, rightKind.name), right.location)
        }
    }

    /// A `where` filter comparing the event attribute `attribute` of `event` with `field`.
    mutating func checkFilterRelation(_ event: String, _ attribute: AttributeDecl, _ relation: FieldRelation, _ field: FieldRef) {
        guard let kind = snapshotFieldKind(field, relation: relation, inFilter: true) else { return }
        let own = FieldKind(attribute.type)
        if kind == .list {
            report(DiagnosticText.listFieldCompared(field.path, relation: relation.rawValue), field.location)
        } else if kind != own {
            report(DiagnosticText.incomparableFields("\(event).\(attribute.name)", own.name, field.path, kind.name), field.location)
        }
    }

    /// What a snapshot field holds, or nil (reported) when there is no such field. `relation`
    /// is the comparison the path follows, for the field being compared with.
    private mutating func snapshotFieldKind(_ field: FieldRef, relation: FieldRelation?, inFilter: Bool = false) -> FieldKind? {
        if let builtIn = V.BuiltInField(rawValue: field.path) { return builtIn.kind }
        let parts = field.path.split(separator: ".", maxSplits: 1).map(String.init)
        if parts.count == 2, parts[0] == "referee" || parts[0] == "referrer" {
            let decls = parts[0] == "referee" ? model.refereeAttributes : model.referrerAttributes
            if let decl = decls.first(where: { $0.name == parts[1] }) {
                usedAttributes.insert("\(parts[0]).\(decl.name)")
                return FieldKind(decl.type)
            }
            if model.declarationsIncomplete { return nil }
        }
        let suggestion = Suggestion.help(for: field.path, among: fieldPaths(), listUpTo: 12)
        let personal = parts.count == 2 && (parts[0] == "referee" || parts[0] == "referrer")
        if let relation {
            report(DiagnosticText.notAFieldToCompare(field.path, relation: relation.rawValue, inFilter: inFilter,
                                                     help: personal ? suggestion : nil),
                   field.location)
        } else {
            report(DiagnosticText.unknownField(field.path, help: suggestion ?? (personal
                       ? "declare custom fields under `attributes: \(parts[0]):`" : "fields start with `referee.` or `referrer.`")),
                   field.location)
        }
        return nil
    }
}
