/// A measure that reads the amounts of several event types reads them in one currency.
extension PolicyChecker {
    /// A `sum` (or a `where: amount` filter) of event types whose amounts are in different
    /// currencies would add dollars to euros: `RP305`, at the first type in another currency.
    mutating func checkOneCurrency(_ r: RequirementModel, _ decls: [(decl: EventTypeDecl, location: SourceLocation)]) {
        let readsAmount: Bool = if case .sum = r.kind { true } else { r.filters.contains { $0.attribute == "amount" } }
        let withAmounts = decls.filter(\.decl.hasAmount)
        guard readsAmount, let first = withAmounts.first else { return }
        let currency = model.amountCurrency(of: first.decl)
        guard let other = withAmounts.first(where: { model.amountCurrency(of: $0.decl) != currency }) else { return }
        diagnostics.append(DiagnosticText.measureOfMixedCurrencies(r.id.id, first: first.decl.name, in: currency.code, other: other.decl.name,
                                                                   otherIn: model.amountCurrency(of: other.decl).code)
            .at(other.location, file: file))
    }
}
