/// Units (`units:`), the currency of event amounts (`currency` on an event type), and what
/// happens to events the policy cannot count as sent (`unknown_events`, `other_currencies`).
extension PolicyParser {
    /// `units:`: a mapping from unit code to its `decimals`, `name` and `symbol`. Read before
    /// any amount, so that amounts in a unit are read with its decimals.
    mutating func unitDecls(_ node: YNode) -> [UnitDecl] {
        guard case .mapping(let pairs) = node.kind else {
            if !node.isNull {
                wrongType(node, "`units`", "a mapping from unit code to its `decimals`",
                          help: "write each unit as `CODE: { decimals: 0 }` indented below `units:`, e.g. `  POINTS: { decimals: 0, name: points }`")
            }
            return []
        }
        var out: [UnitDecl] = []
        for (key, value) in pairs {
            guard let code = text(key, "a unit code") else { continue }
            if let digits = Currency(code: code)?.minorUnitDigits {
                report(DiagnosticText.unitShadowsCurrency(code, digits: digits), key.location)
                continue
            }
            guard Currency.isUnitCode(code) else {
                let upper = code.uppercased()
                report(DiagnosticText.invalidUnitCode(code, suggested: Currency.isUnitCode(upper) && Currency(code: upper) == nil ? upper : nil),
                       key.location)
                continue
            }
            guard let f = fields(value, .unit, "unit `\(code)`", V.UnitKey.self, required: [.decimals], at: key.location) else { continue }
            let name = f[.name].flatMap { text($0, "`name`") }
            let symbol = f[.symbol].flatMap { text($0, "`symbol`") }
            guard let node = f[.decimals], let decimals = unitDecimals(node, code) else { continue }
            let decl = UnitDecl(code: code, decimals: decimals, name: name, symbol: symbol, location: key.location)
            out.append(decl)
            units.append(decl.currency)
        }
        return out
    }

    /// A unit's `decimals`: a whole number from 0 to 18.
    private mutating func unitDecimals(_ node: YNode, _ code: String) -> Int? {
        guard case .scalar(let t, _) = node.kind, !node.isNull else {
            wrongType(node, "`decimals`", "a whole number", help: "write the digits after the decimal point its amounts have, e.g. `decimals: 0`")
            return nil
        }
        guard let v = Int(t), v >= 0, v <= Currency.maxUnitDecimals else {
            report(DiagnosticText.unitDecimals(code, t), node.location)
            return nil
        }
        return v
    }

    /// `unknown_events` and `other_currencies` at the top level.
    mutating func eventSettings(_ top: KeyedFields<V.TopKey>, into model: inout PolicyModel) {
        if let node = top[.unknownEvents], let h = eventHandling(node, "`unknown_events`") { model.unknownEvents = h }
        if let node = top[.otherCurrencies], let h = eventHandling(node, "`other_currencies`") { model.otherCurrencies = h }
    }

    /// An event type's `currency` (its amounts are in it) and `other_currencies`.
    mutating func eventAmountSettings(_ decl: inout EventTypeDecl, _ f: KeyedFields<V.EventTypeKey>) {
        if let node = f[.currency], let code = text(node, "`currency`"), let c = currencyNamed(code, node.location, units: units) {
            decl.currency = c
            if !decl.hasAmount { report(DiagnosticText.currencyWithoutAmount(decl.name), node.location) }
        }
        if let node = f[.otherCurrencies], let h = eventHandling(node, "`other_currencies`") {
            decl.otherCurrencies = h
            if !decl.hasAmount { report(DiagnosticText.otherCurrenciesWithoutAmount(decl.name), node.location) }
        }
    }

    /// `error` or `ignore`.
    private mutating func eventHandling(_ node: YNode, _ what: String) -> EventHandling? {
        guard let word = text(node, what) else { return nil }
        guard let h = EventHandling(rawValue: word) else {
            invalidChoice(word, what, EventHandling.allCases.map(\.rawValue), node.location)
            return nil
        }
        return h
    }

    /// Settings that change nothing: `other_currencies` where no event carries an amount.
    mutating func checkEventSettings(_ model: PolicyModel, _ top: KeyedFields<V.TopKey>) {
        if let node = top[.otherCurrencies], !model.declarationsIncomplete, !model.events.contains(where: \.hasAmount) {
            report(DiagnosticText.otherCurrenciesWithoutAmounts, node.location)
        }
    }

    /// The currency the amounts of `event` are in: its own, else the policy's.
    func amountCurrency(ofEvent event: String) -> Currency {
        eventCurrencies[event] ?? currency
    }

    /// The currency a reward's `of` requirement sums in (its tiers' `at_least` are in it).
    func measuredCurrency(of: String, scope: String) -> Currency {
        func find(_ r: RequirementModel) -> String? {
            switch r.kind {
            case .sum(let event, _, _): return r.id.id == "\(scope).\(of)" ? event : nil
            case .count: return nil
            case .all(let c), .any(let c): return c.lazy.compactMap(find).first
            case .not(let c): return find(c)
            }
        }
        return typeRequirements.lazy.compactMap(find).first.map(amountCurrency(ofEvent:)) ?? currency
    }
}
