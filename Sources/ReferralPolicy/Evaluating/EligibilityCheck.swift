/// Applies eligibility rules and event filters to a snapshot's facts.
///
/// A missing value (no country, an undeclared attribute absent from the snapshot) is in no
/// list: `in`, `equals`, `contains_any`, `at_least`, `at_most` fail on it; `not_in`,
/// `not_equals`, `contains_none` hold.
enum EligibilityCheck {
    typealias Plan = EvaluationPlan

    /// The value a field holds in a snapshot.
    enum Value {
        case text(TextRef)
        case list(UnsafeBufferPointer<TextRef>)
        /// nil: the attribute is absent.
        case attribute(AttributeFact.Value?)
    }

    static func value(_ plan: Plan, _ field: Plan.Field, _ f: FactsView) -> Value {
        let h = f.head
        switch field {
        case .refereeID: return .text(h.refereeID)
        case .refereeAttribution: return .text(h.attribution)
        case .refereeCountry: return .text(h.refereeCountry)
        case .refereeFlags: return .list(f.flags)
        case .referrerID: return .text(h.referrerID)
        case .referrerStatus: return .text(h.referrerStatus)
        case .referrerCountry: return .text(h.referrerCountry)
        case .refereeAttribute(let k):
            return .attribute(attribute(f, h.refereeAttributes, plan.refereeAttributes, Int(k)))
        case .referrerAttribute(let k):
            return .attribute(attribute(f, h.referrerAttributes, plan.referrerAttributes, Int(k)))
        }
    }

    /// The value of declared attribute `k` of `names` in a run, or nil: the declared names'
    /// ASCII check was made when the plan was built.
    @inline(__always)
    static func attribute(_ f: FactsView, _ run: Span32, _ names: NameTable, _ k: Int) -> AttributeFact.Value? {
        let name = names.bytes(k)
        return attribute(f, run, name, ascii: names.allASCII || TextBytes.isASCII(name))
    }

    /// The value of the attribute `name` in a run, or nil.
    static func attribute(_ f: FactsView, _ run: Span32, _ name: UnsafeBufferPointer<UInt8>) -> AttributeFact.Value? {
        attribute(f, run, name, ascii: TextBytes.isASCII(name))
    }

    static func attribute(_ f: FactsView, _ run: Span32, _ name: UnsafeBufferPointer<UInt8>, ascii: Bool) -> AttributeFact.Value? {
        for a in f.attributes[run.range] where TextBytes.equal(f.bytes(a.name), name, ascii: ascii && a.name.ascii) {
            return a.value
        }
        return nil
    }

    @inline(__always)
    static func holds(_ plan: Plan, _ rule: Plan.Rule, _ f: FactsView) -> Bool {
        switch rule.condition {
        case .selfReferral(let allowed):
            return allowed || !sameText(f, f.head.referrerID, f.head.refereeID)
        case .field(let field, let test):
            // Most rules test a text of the head: each case reads its own text (no `Value`
            // formed, and no other text of the head read).
            let t: TextRef
            switch field {
            case .refereeID: t = f.head.refereeID
            case .refereeAttribution: t = f.head.attribution
            case .refereeCountry: t = f.head.refereeCountry
            case .referrerID: t = f.head.referrerID
            case .referrerStatus: t = f.head.referrerStatus
            case .referrerCountry: t = f.head.referrerCountry
            case .refereeFlags, .refereeAttribute, .referrerAttribute: return applyToValue(plan, test, field, f)
            }
            return apply(plan, test, text: t, f)
        case .fields(let field, let other):
            return FieldRelationCheck.holds(plan, field, other, f)
        }
    }

    /// A rule on the flags or an attribute: apart from the texts of the head, the usual rules.
    private static func applyToValue(_ plan: Plan, _ test: Plan.Test, _ field: Plan.Field, _ f: FactsView) -> Bool {
        apply(plan, test, to: value(plan, field, f), f)
    }

    static func sameText(_ f: FactsView, _ a: TextRef, _ b: TextRef) -> Bool {
        TextBytes.equal(f.bytes(a), f.bytes(b), ascii: a.ascii && b.ascii)
    }

    static func apply(_ plan: Plan, _ test: Plan.Test, to value: Value, _ f: FactsView) -> Bool {
        switch value {
        case .text(let t):
            return apply(plan, test, text: t, f)
        case .list(let items):
            let hit = items.contains { containsText(plan, test, f.bytes($0), ascii: $0.ascii) }
            return test.comparison == .containsAny ? hit : !hit
        case .attribute(let a):
            return apply(plan, test, attribute: a, f)
        }
    }

    @inline(__always)
    static func apply(_ plan: Plan, _ test: Plan.Test, text: TextRef, _ f: FactsView) -> Bool {
        let member = text.isMissing ? false : containsText(plan, test, f.bytes(text), ascii: text.ascii)
        switch test.comparison {
        case .in, .equals, .containsAny: return member
        case .notIn, .notEquals, .containsNone: return !member
        case .atLeast, .atMost: return false
        }
    }

    static func apply(_ plan: Plan, _ test: Plan.Test, attribute: AttributeFact.Value?, _ f: FactsView) -> Bool {
        switch attribute {
        case .text(let t)?: return apply(plan, test, text: t, f)
        case nil: return apply(plan, test, text: .missing, f)
        case .integer(let i)?: return apply(plan, test, compare: .integer(i))
        case .bool(let b)?: return apply(plan, test, compare: .bool(b))
        }
    }

    /// An integer or a boolean against the constants.
    static func apply(_ plan: Plan, _ test: Plan.Test, compare v: Plan.Constant) -> Bool {
        var member = false
        for c in plan.constants.buffer(test.values) {
            switch (c, v) {
            case (.integer(let a), .integer(let b)) where a == b: member = true
            case (.bool(let a), .bool(let b)) where a == b: member = true
            default: continue
            }
            break
        }
        switch test.comparison {
        case .in, .equals, .containsAny: return member
        case .notIn, .notEquals, .containsNone: return !member
        case .atLeast, .atMost:
            guard case .integer(let x) = v, test.values.count > 0, case .integer(let bound) = plan.constants[test.values.start] else { return false }
            return test.comparison == .atLeast ? x >= bound : x <= bound
        }
    }

    /// Whether `bytes` is one of the test's text constants: a lookup in their name table (the
    /// compiler makes one for every list of texts), else a comparison with each constant.
    @inline(__always)
    static func containsText(_ plan: Plan, _ test: Plan.Test, _ bytes: UnsafeBufferPointer<UInt8>, ascii: Bool) -> Bool {
        if test.longList >= 0 {
            // Read in place: a copy of the table would be a dozen words moved for each rule.
            return NameTable.index(in: plan.longLists.pointer(Int(test.longList)), of: bytes, ascii: ascii) != nil
        }
        for c in plan.constants.buffer(test.values) {
            if case .text(let span, let cAscii, _) = c, TextBytes.equal(plan.bytes.buffer(span), bytes, ascii: ascii && cAscii) {
                return true
            }
        }
        return false
    }
}

/// Applies a requirement's `where:` filters to one event.
enum EventFilterCheck {
    static func passes(_ plan: EvaluationPlan, _ filters: Span32, _ event: EventFact, _ f: FactsView) -> Bool {
        for filter in plan.filters.buffer(filters) {
            if filter.isAmount {
                // The currency filter (`other_currencies: ignore`) is an amount filter: attribute
                // filters, the usual ones, pay nothing for it.
                if filter.currency >= 0 {
                    if !inCurrency(plan, event, filter.currency, f) { return false }
                    continue
                }
                guard let amount = event.amount,
                      EligibilityCheck.apply(plan, filter.test, compare: .integer(amount)) else { return false }
                continue
            }
            let value = EligibilityCheck.attribute(f, event.attributes, plan.bytes.buffer(filter.name), ascii: filter.nameIsASCII)
            if let other = filter.compared {
                if !FieldRelationCheck.holds(plan, .attribute(value), other, f) { return false }
                continue
            }
            if !EligibilityCheck.apply(plan, filter.test, attribute: value, f) { return false }
        }
        return true
    }

    /// Whether an event's amount is in plan currency `c`: an event that names no currency is
    /// in its event type's, which is the one a measure of that type reads.
    static func inCurrency(_ plan: EvaluationPlan, _ event: EventFact, _ c: Int32, _ f: FactsView) -> Bool {
        event.currency.isMissing || TextBytes.equal(f.bytes(event.currency), plan.code(ofCurrency: Int(c)), ascii: event.currency.ascii)
    }
}
