/// Checks of a `count` or `sum` that lists several event types (`sum: [buy, sell]`): each is
/// declared and listed once, a `sum` adds only types with amounts, and every `where` filter
/// reads an attribute that each listed type declares, with one type.
///
/// A filter must hold for every listed type on its own terms: an attribute declared on `buy`
/// but not on `sell` would silently keep every sell out (`venue: exchange`) or let every sell
/// through (`venue: { not_in: [otc] }`), so it is an error rather than a rule.
extension PolicyChecker {
    mutating func checkMeasureOfSeveral(_ r: RequirementModel) {
        let (form, atLeast): (String, Int64) = switch r.kind {
        case .sum(_, _, let m): ("sum", m.minorUnits)
        case .count(_, _, let n, _): ("count", n)
        default: ("count", 1)
        }
        var first: [String: SourceLocation] = [:]
        var decls: [(decl: EventTypeDecl, location: SourceLocation)] = []
        for (name, location) in r.measuredEvents {
            if let earlier = first[name] {
                report(DiagnosticText.repeatedEventType(name, form: form, firstColumn: earlier.column), location)
                continue
            }
            first[name] = location
            if let decl = eventType(name, location) { decls.append((decl, location)) }
        }
        if form == "sum" {
            let withAmounts = decls.filter(\.decl.hasAmount).map(\.decl.name)
            for (decl, location) in decls where !decl.hasAmount {
                report(withAmounts.isEmpty ? DiagnosticText.sumWithoutAmount(decl.name) : DiagnosticText.mixedAmounts(decl.name, withAmounts: withAmounts),
                       location)
            }
        }
        checkOneCurrency(r, decls)
        if atLeast == 0 { report(DiagnosticText.alwaysMet(r.id.id), r.location) }
        for filter in r.filters { checkFilter(filter, onEach: decls.map(\.decl), isSum: form == "sum") }
    }

    private mutating func checkFilter(_ filter: EventFilter, onEach decls: [EventTypeDecl], isSum: Bool) {
        guard let firstDecl = decls.first else { return }
        if filter.attribute == "amount" {
            // A `sum`'s types without amounts were reported above.
            if !isSum {
                for decl in decls where !decl.hasAmount { report(DiagnosticText.eventHasNoAmount(decl.name), filter.location) }
            }
            checkFilter(filter, decls.first { $0.hasAmount } ?? firstDecl)
            return
        }
        let declaring = decls.filter { d in d.attributes.contains { $0.name == filter.attribute } }
        guard let reference = declaring.first else {
            checkFilter(filter, firstDecl)  // reported once, with the first type's suggestion
            return
        }
        if model.declarationsIncomplete { return }
        for decl in decls where !decl.attributes.contains(where: { $0.name == filter.attribute }) {
            report(DiagnosticText.listedEventHasNoAttribute(decl.name, filter.attribute, declaredOn: declaring.map(\.name)), filter.location)
        }
        let kinds = declaring.compactMap { d in d.attributes.first { $0.name == filter.attribute }.map { (event: d.name, type: $0.type) } }
        for k in kinds { usedAttributes.insert("\(k.event).\(filter.attribute)") }
        if Set(kinds.map(\.type)).count > 1 {
            report(DiagnosticText.attributeTypesDiffer(filter.attribute, kinds), filter.location)
            return
        }
        checkFilter(filter, reference)
    }
}
