/// Compares a value with another field of the snapshot (`equals_field`, `not_equals_field`),
/// for eligibility rules and `where` filters.
///
/// A missing value on either side fails both relations: with one side unknown, neither "the
/// same" nor "different" can be told. Text is compared as everywhere (``TextBytes``); values
/// of different kinds (a text attribute sent as a number) are different.
enum FieldRelationCheck {
    typealias Plan = EvaluationPlan

    /// One side's value: text, a whole number or true/false; nil when missing.
    enum Scalar {
        case text(TextRef)
        case integer(Int64)
        case bool(Bool)
    }

    static func holds(_ plan: Plan, _ field: Plan.Field, _ other: Plan.FieldTest, _ f: FactsView) -> Bool {
        holds(plan, EligibilityCheck.value(plan, field, f), other, f)
    }

    static func holds(_ plan: Plan, _ value: EligibilityCheck.Value, _ other: Plan.FieldTest, _ f: FactsView) -> Bool {
        guard let a = scalar(value), let b = scalar(EligibilityCheck.value(plan, other.field, f)) else { return false }
        return same(a, b, f) != other.relation.negated
    }

    static func scalar(_ value: EligibilityCheck.Value) -> Scalar? {
        switch value {
        case .text(let t): return t.isMissing ? nil : .text(t)
        case .list: return nil  // the checker compares no list field
        case .attribute(nil): return nil
        case .attribute(.text(let t)?): return t.isMissing ? nil : .text(t)
        case .attribute(.integer(let i)?): return .integer(i)
        case .attribute(.bool(let b)?): return .bool(b)
        }
    }

    static func same(_ a: Scalar, _ b: Scalar, _ f: FactsView) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)): return EligibilityCheck.sameText(f, x, y)
        case (.integer(let x), .integer(let y)): return x == y
        case (.bool(let x), .bool(let y)): return x == y
        default: return false
        }
    }

    /// How a value reads in an explanation: `` `FR` ``, `3`, `true`; nil when missing.
    static func shown(_ value: EligibilityCheck.Value, _ f: FactsView) -> String? {
        switch scalar(value) {
        case .text(let t)?: return "`\(f.string(t) ?? "")`"
        case .integer(let i)?: return String(i)
        case .bool(let b)?: return b ? "true" : "false"
        case nil: return nil
        }
    }

    /// "referee.country is `FR`, referrer.country is `DE`; must be the same"; with a side
    /// missing, which one: "...; must be the same (fails: referee.country is missing)".
    static func describe(_ plan: Plan, leftPath: String, _ field: Plan.Field, _ other: Plan.FieldTest, _ f: FactsView) -> String {
        let rightPath = plan.strings[Int(other.path)]
        let left = shown(EligibilityCheck.value(plan, field, f), f)
        let right = shown(EligibilityCheck.value(plan, other.field, f), f)
        var out = "\(leftPath) is \(left ?? "missing"), \(rightPath) is \(right ?? "missing"); must \(other.relation.negated ? "differ" : "be the same")"
        let missing = [left == nil ? leftPath : nil, right == nil ? rightPath : nil].compactMap { $0 }
        if !missing.isEmpty {
            out += " (fails: \(missing.joined(separator: " and ")) \(missing.count == 1 ? "is" : "are") missing)"
        }
        return out
    }
}
