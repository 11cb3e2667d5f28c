/// Eligibility rules (a field compared with constants, with another field, or the
/// self-referral check) and the constants a comparison lists.
extension PolicyParser {
    mutating func eligibilityRule(_ node: YNode, scope: String?, path: String) -> EligibilityRule? {
        guard let f = fields(node, .eligibilityRule, "an eligibility rule", V.EligibilityKey.self) else { return nil }
        ruleCount += 1
        let id = ruleID(f[.id], scope: scope, derived: path, at: node.location)
        let description = f[.description].flatMap { text($0, "`description`") }
        if let sr = f[.selfReferral] {
            if f.has(.field) {
                report(DiagnosticText.fieldAndSelfReferral, sr.location)
                return nil
            }
            guard let word = text(sr, "`self_referral`") else { return nil }
            guard let choice = V.SelfReferral(rawValue: word) else {
                invalidChoice(word, "`self_referral`", V.SelfReferral.names, sr.location)
                return nil
            }
            return EligibilityRule(id: id, description: description, condition: .selfReferral(allowed: choice == .allow), location: node.location)
        }
        guard let fieldNode = f[.field] else {
            report(DiagnosticText.eligibilityNeedsField(id.id), node.location)
            return nil
        }
        guard let path = text(fieldNode, "`field`") else { return nil }
        if let key = V.EligibilityKey.allCases.first(where: { $0.relation != nil && f.has($0) }) {
            return fieldRelationRule(f, key, id: id, description: description, field: FieldRef(path: path, location: fieldNode.location),
                                     at: node.location)
        }
        let comparisons = V.EligibilityKey.allCases.filter { $0.comparison != nil && f.has($0) }
        guard let key = comparisons.first, let comparison = key.comparison, let valueNode = f[key] else {
            report(DiagnosticText.eligibilityComparesNothing(id.id, field: path), fieldNode.location)
            return nil
        }
        if comparisons.count > 1, let second = f[comparisons[1]] {
            report(DiagnosticText.twoComparisons(id.id, key.rawValue, comparisons[1].rawValue), second.location)
        }
        let values = literals(valueNode, comparison)
        return EligibilityRule(id: id, description: description,
                               condition: .field(FieldRef(path: path, location: fieldNode.location), comparison, values),
                               location: node.location)
    }

    /// The constants of a comparison: a list for `in`/`not_in`/`contains_*`, one scalar otherwise.
    mutating func literals(_ node: YNode, _ comparison: Comparison) -> [Literal] {
        switch comparison {
        case .in, .notIn, .containsAny, .containsNone:
            let items = scalarList(node, "`\(comparison.rawValue)`").map {
                if case .scalar(let t, let q) = $0.kind { return Literal(text: t, quoted: q, location: $0.location) }
                return Literal(text: "", quoted: false, location: $0.location)
            }
            // `in: link, code` is the one text "link, code", not two values.
            if case .scalar(let t, false) = node.kind, t.contains(",") {
                report(DiagnosticText.commaInValue(comparison.rawValue, t), node.location)
            }
            return items
        default:
            guard case .scalar(let t, let q) = node.kind, !node.isNull else {
                wrongType(node, "`\(comparison.rawValue)`", "a single value",
                          help: "compare with one value, or use `in:` with a list of values")
                return []
            }
            return [Literal(text: t, quoted: q, location: node.location)]
        }
    }
}

import Foundation
