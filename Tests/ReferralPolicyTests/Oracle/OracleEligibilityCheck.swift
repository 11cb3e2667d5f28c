@testable import ReferralPolicy

// The evaluator ReferralPolicy had before the one-evaluator redesign, kept as a test oracle:
// every decision and error record of the library must equal what it gives.

/// Applies eligibility rules and event filters to snapshot values.
///
/// A missing value (no country, an undeclared attribute absent from the snapshot) is in no
/// list: `in`, `equals`, `contains_any`, `at_least`, `at_most` fail on it; `not_in`,
/// `not_equals`, `contains_none` hold.
enum OracleEligibility {
    /// The value a field holds in a snapshot.
    enum Value {
        case text(String?)
        case list([String])
        case attribute(AttributeValue?)
    }

    static func value(_ field: OracleField, _ s: Snapshot) -> Value {
        switch field {
        case .refereeID: .text(s.referee.id)
        case .refereeAttribution: .text(s.referee.attribution)
        case .refereeCountry: .text(s.referee.country)
        case .refereeFlags: .list(s.referee.flags)
        case .referrerID: .text(s.referrer.id)
        case .referrerStatus: .text(s.referrer.status)
        case .referrerCountry: .text(s.referrer.country)
        case .refereeAttribute(let n): .attribute(s.referee.attributes[n])
        case .referrerAttribute(let n): .attribute(s.referrer.attributes[n])
        }
    }

    static func holds(_ rule: OracleRule, _ s: Snapshot) -> Bool {
        switch rule.condition {
        case .selfReferral(let allowed):
            return allowed || s.referrer.id != s.referee.id
        case .field(let field, let test):
            return apply(test, to: value(field, s))
        }
    }

    static func apply(_ test: OracleTest, to value: Value) -> Bool {
        switch value {
        case .text(let t):
            return apply(test, text: t)
        case .list(let items):
            let hit = items.contains { test.containsText($0) }
            return test.comparison == .containsAny ? hit : !hit
        case .attribute(let a):
            return apply(test, attribute: a)
        }
    }

    static func apply(_ test: OracleTest, text: String?) -> Bool {
        let member = text.map { test.containsText($0) } ?? false
        switch test.comparison {
        case .in, .equals, .containsAny: return member
        case .notIn, .notEquals, .containsNone: return !member
        case .atLeast, .atMost: return false
        }
    }

    static func apply(_ test: OracleTest, attribute: AttributeValue?) -> Bool {
        switch attribute {
        case .string(let s)?: return apply(test, text: s)
        case nil: return apply(test, text: nil)
        case .integer(let i)?: return apply(test, compare: .integer(i))
        case .bool(let b)?: return apply(test, compare: .bool(b))
        }
    }

    static func apply(_ test: OracleTest, compare v: OracleValue) -> Bool {
        let member = test.values.contains(v)
        switch test.comparison {
        case .in, .equals, .containsAny: return member
        case .notIn, .notEquals, .containsNone: return !member
        case .atLeast, .atMost:
            guard case .integer(let x) = v, case .integer(let bound)? = test.values.first else { return false }
            return test.comparison == .atLeast ? x >= bound : x <= bound
        }
    }

    /// What a rule saw, for the explanation: "referee.country is `US`; must not be in [CU, IR, KP, SY]".
    static func describe(_ rule: OracleRule, _ s: Snapshot) -> String {
        switch rule.condition {
        case .selfReferral(let allowed):
            let same = s.referrer.id == s.referee.id
            return "referrer.id `\(s.referrer.id)` \(same ? "is" : "is not") referee.id `\(s.referee.id)`\(allowed ? "; self-referral allowed" : "")"
        case .field(let field, let test):
            let seen: String
            switch value(field, s) {
            case .text(let t): seen = t.map { "`\($0)`" } ?? "missing"
            case .list(let items): seen = "[" + items.joined(separator: ", ") + "]"
            case .attribute(let a): seen = a?.display ?? "missing"
            }
            // Issue 13: text constants are quoted in explanations.
            let list = test.values.map { v in if case .text(let t) = v { ExplanationRecorder.quoted(t) } else { v.display } }.joined(separator: ", ")
            let wanted: String
            switch test.comparison {
            case .in: wanted = "must be in [\(list)]"
            case .notIn: wanted = "must not be in [\(list)]"
            case .equals: wanted = "must be \(list)"
            case .notEquals: wanted = "must not be \(list)"
            case .containsAny: wanted = "must contain one of [\(list)]"
            case .containsNone: wanted = "must contain none of [\(list)]"
            case .atLeast: wanted = "must be at least \(list)"
            case .atMost: wanted = "must be at most \(list)"
            }
            return "\(field.path) is \(seen); \(wanted)"
        }
    }
}

/// Applies a requirement's `where:` filters to one event.
enum OracleFilterCheck {
    static func passes(_ filters: [OracleFilter], _ event: Snapshot.Event) -> Bool {
        for filter in filters {
            if filter.isAmount {
                guard let amount = event.amountMinor,
                      OracleEligibility.apply(filter.test, compare: .integer(amount)) else { return false }
                continue
            }
            if !OracleEligibility.apply(filter.test, attribute: event.attributes[filter.attribute]) { return false }
        }
        return true
    }
}
