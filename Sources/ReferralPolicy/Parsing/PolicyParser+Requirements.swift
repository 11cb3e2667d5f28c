/// Requirements (leaves that count or sum events, the groups that combine them) and the
/// `where:` filters on their events.
extension PolicyParser {
    mutating func requirement(_ node: YNode, scope: String, path: String) -> RequirementModel? {
        guard let f = fields(node, .requirement, "a requirement", V.RequirementKey.self) else { return nil }
        ruleCount += 1
        let id = ruleID(f[.id], scope: scope, derived: path, at: node.location)
        let description = f[.description].flatMap { text($0, "`description`") }
        let forms = V.RequirementForm.allCases.filter { f.fields[$0.rawValue] != nil }
        guard let form = forms.first, let formNode = f.fields[form.rawValue] else {
            // `nth_referral` here was reported as misplaced: needing a form would only repeat it.
            if f.fields[V.ReferrerMilestoneKey.nthReferral.rawValue] == nil, !Self.holdsReferrerMilestone(node) {
                report(DiagnosticText.requirementNeedsForm(id.id), node.location)
            }
            return nil
        }
        if forms.count > 1, let second = f.fields.keyLocation(forms[1].rawValue) {
            report(DiagnosticText.twoRequirementForms(id.id, form.rawValue, forms[1].rawValue), second)
        }
        var model = RequirementModel(id: id, description: description, kind: .all([]), filters: [],
                                     window: f[.window].flatMap { window($0, "the window of `\(id.id)`") }, location: node.location)
        switch form {
        case .count, .sum:
            guard let events = measuredEventTypes(formNode, form.rawValue, id: id.id), let (event, eventLocation) = events.first else { return nil }
            model.moreEvents = Array(events.dropFirst())
            if form == .count {
                let atLeast = f[.atLeast].flatMap { integer($0, "`at_least`", min: 0) } ?? 1
                let distinct = f[.distinctDays].flatMap { bool($0, "`distinct_days`") } ?? false
                model.kind = .count(event: event, eventLocation: eventLocation, atLeast: atLeast, distinctDays: distinct)
            } else {
                guard let atNode = f[.atLeast] else {
                    report(DiagnosticText.sumNeedsAtLeast(id.id, event: events.map(\.name).joined(separator: "`, `")), formNode.location)
                    return nil
                }
                if let d = f[.distinctDays] {
                    report(DiagnosticText.distinctDaysOnSum, d.location)
                }
                guard let amount = money(atNode, "`at_least`", currency: amountCurrency(ofEvent: event)) else { return nil }
                model.kind = .sum(event: event, eventLocation: eventLocation, atLeast: amount)
            }
            if let whereNode = f[.where] { model.filters = filters(whereNode, amountCurrency: amountCurrency(ofEvent: event)) }
        case .all, .any, .not:
            for key in [V.RequirementKey.atLeast, .distinctDays, .where] {
                if let loc = f.keyLocation(key) {
                    report(DiagnosticText.leafKeyOnGroup(key.rawValue, form: form.rawValue), loc)
                }
            }
            if form == .not {
                guard let child = requirement(formNode, scope: scope, path: "\(id.given ? id.id : path).not") else { return nil }
                model.kind = .not(child)
                break
            }
            guard let items = items(formNode, "`\(form.rawValue)`", example: "- count: signed_contract") else { return nil }
            if items.isEmpty { report(DiagnosticText.groupListsNothing(form.rawValue, id: id.id), formNode.location) }
            let children = items.enumerated().compactMap { index, item in
                requirement(item, scope: scope, path: "\(id.given ? id.id : path).\(form.rawValue)[\(index)]")
            }
            model.kind = form == .all ? .all(children) : .any(children)
        }
        return model
    }

    /// `amountCurrency`: the currency the filtered events' amounts are in (the policy's by default).
    mutating func filters(_ node: YNode, amountCurrency: Currency? = nil) -> [EventFilter] {
        let currency = amountCurrency ?? currency
        guard case .mapping(let pairs) = node.kind else {
            wrongType(node, "`where`", "a mapping from attribute to the values it must have",
                      help: "write `where: { attribute: value }`, or the attributes indented below `where:`")
            return []
        }
        var out: [EventFilter] = []
        for (key, value) in pairs {
            guard let name = identifier(key, "an attribute name") else { continue }
            if name == "amount" {
                // The event's own amount: exact, not negative, in the policy's currency.
                guard case .mapping(let ops) = value.kind else {
                    wrongType(value, "the `amount` filter", "a mapping such as `{ at_least: 10.00 }`",
                              help: "write `amount: { at_least: \(value.scalar.map { DiagnosticText.clip($0) } ?? "10.00") }`")
                    continue
                }
                for (opKey, opValue) in ops {
                    guard let word = opKey.scalar, let comparison = Comparison(rawValue: word), V.amountComparisons.contains(comparison) else {
                        report(DiagnosticText.unknownComparison(opKey.scalar ?? "?", for: "amount",
                                                                suggestion: Suggestion.help(for: opKey.scalar ?? "", among: V.amountComparisons.map(\.rawValue))),
                               opKey.location)
                        continue
                    }
                    guard let m = money(opValue, "`amount.\(word)`", currency: currency) else { continue }
                    let text = Money.decimalString(m.minorUnits, digits: currency.minorUnitDigits)
                    out.append(EventFilter(attribute: name, location: key.location, comparison: comparison,
                                           values: [Literal(text: text, quoted: false, location: opValue.location)]))
                }
                continue
            }
            switch value.kind {
            case .scalar:
                out.append(EventFilter(attribute: name, location: key.location, comparison: .equals, values: literals(value, .equals)))
            case .sequence:
                out.append(EventFilter(attribute: name, location: key.location, comparison: .in, values: literals(value, .in)))
            case .mapping(let ops):
                for (opKey, opValue) in ops {
                    if let word = opKey.scalar, let relation = FieldRelation(rawValue: word) {
                        if let filter = relationFilter(name, key.location, relation, opValue) { out.append(filter) }
                        continue
                    }
                    guard let word = opKey.scalar, let comparison = Comparison(rawValue: word), V.filterComparisons.contains(comparison) else {
                        report(DiagnosticText.unknownComparison(opKey.scalar ?? "?", for: name,
                                                                suggestion: Suggestion.help(for: opKey.scalar ?? "", among: V.filterComparisons.map(\.rawValue) + V.filterRelations.map(\.rawValue))),
                               opKey.location)
                        continue
                    }
                    out.append(EventFilter(attribute: name, location: key.location, comparison: comparison,
                                           values: literals(opValue, comparison)))
                }
            }
        }
        return out
    }
}

import Foundation
