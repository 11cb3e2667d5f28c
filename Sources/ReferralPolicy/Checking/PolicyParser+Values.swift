/// The keys of one mapping, looked up by name, with the places of the keys themselves.
struct Fields {
    var values: [String: (key: YNode, value: YNode)]
    var location: SourceLocation

    subscript(_ key: String) -> YNode? { values[key]?.value }

    func keyLocation(_ key: String) -> SourceLocation? { values[key]?.key.location }
}

/// Reads YAML nodes into typed values, collecting diagnostics. Shared by the policy parser
/// and the policy test file parser, so both are equally strict.
protocol NodeReader {
    var file: String? { get }
    var diagnostics: [Diagnostic] { get set }
}

/// Typed readers: each reports a diagnostic and returns nil when the value is not what it must be.
extension NodeReader {
    mutating func report(_ code: DiagnosticCode, _ message: String, _ location: SourceLocation?, help: String? = nil) {
        diagnostics.append(Diagnostic(code: code, message: message, location: location, help: help, file: file))
    }

    func isMarkedDuplicate(_ key: YNode) -> Bool {
        key.scalar?.contains(YAMLLoader.duplicateMarker) ?? false
    }

    /// A mapping's keys, reporting unknown keys (with "did you mean") and missing ones.
    mutating func fields(_ node: YNode, _ what: String, allowed: [String], required: [String],
                         at: SourceLocation? = nil) -> Fields? {
        guard case .mapping(let pairs) = node.kind else {
            wrongType(node, what, "a mapping of keys")
            return nil
        }
        var values: [String: (key: YNode, value: YNode)] = [:]
        for (key, value) in pairs where !isMarkedDuplicate(key) {
            guard case .scalar(let name, _) = key.kind else {
                report(.wrongType, "keys in \(what) must be names, found \(key.typeName)", key.location)
                continue
            }
            guard allowed.contains(name) else {
                report(.unknownKey, "unknown key `\(name)` in \(what)", key.location,
                       help: Suggestion.help(for: name, among: allowed, listUpTo: 12))
                continue
            }
            values[name] = (key, value)
        }
        for name in required where values[name] == nil {
            report(.missingKey, "\(what) is missing `\(name)`", at ?? node.location, help: missingHelp[name])
        }
        return Fields(values: values, location: node.location)
    }

    var missingHelp: [String: String] { PolicyParser.missingHelp }
}

extension PolicyParser {
    static let missingHelp: [String: String] = [
        "program": "add `program: your-program-id` at the top",
        "version": "add `version: \"1\"` at the top",
        "currency": "add `currency: USD` (the currency amounts are written in)",
        "events": "declare the event types the rules count, e.g. `events:` with `  earned: { amount: true }`",
        "referral_types": "add `referral_types:` with at least one type and its requirements and rewards",
        "requirements": "add `requirements:` listing what the referee must do",
        "rewards": "add `rewards:` listing what is paid, to whom",
        "to": "add `to: referrer` or `to: referee`",
        "at_least": "add `at_least:` with the threshold",
        "amount": "add `amount:` with the reward amount",
        "on": "add `on: [refund, chargeback]`: the event types that take the reward back",
        "within_days": "add `within_days: 60`: how long after qualifying a reversal counts",
    ]
}

extension NodeReader {

    mutating func wrongType(_ node: YNode, _ what: String, _ expected: String) {
        var found = node.typeName
        if case .scalar(let t, _) = node.kind, !node.isNull { found += " `\(t)`" }
        report(.wrongType, "\(what) must be \(expected), found \(found)", node.location)
    }

    mutating func invalidChoice(_ word: String, _ what: String, _ choices: [String], _ location: SourceLocation) {
        report(.invalidValue, "\(what) cannot be `\(word)`", location,
               help: Suggestion.help(for: word, among: choices, listUpTo: 12))
    }

    /// Any scalar, as text.
    mutating func text(_ node: YNode, _ what: String) -> String? {
        guard case .scalar(let t, _) = node.kind, !node.isNull else {
            wrongType(node, what, "text")
            return nil
        }
        return t
    }

    /// A name used as an id or key: lowercase letters, digits, `_` and `-`, starting with a letter.
    mutating func identifier(_ node: YNode, _ what: String) -> String? {
        guard let t = text(node, what) else { return nil }
        guard PolicyParser.isIdentifier(t) else {
            report(.invalidID, "`\(t)` is not a valid name for \(what)", node.location,
                   help: "use lowercase letters, digits, `_` and `-`, starting with a letter, e.g. `\(PolicyParser.suggestIdentifier(t))`")
            return nil
        }
        return t
    }

    static func isIdentifier(_ t: String) -> Bool {
        guard let first = t.unicodeScalars.first, ("a"..."z").contains(first), t.utf8.count <= 64 else { return false }
        return t.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    static func suggestIdentifier(_ t: String) -> String {
        var out = ""
        for s in t.lowercased().unicodeScalars {
            if ("a"..."z").contains(s) || ("0"..."9").contains(s) { out.unicodeScalars.append(s) } else if !out.hasSuffix("_") { out += "_" }
        }
        while out.hasSuffix("_") { out.removeLast() }
        if out.isEmpty || !("a"..."z").contains(out.unicodeScalars.first ?? "0") { out = "rule_" + out }
        return out
    }

    /// The rule's id: given (and qualified by its referral type) or derived from its place.
    mutating func ruleID(_ node: YNode?, scope: String?, derived: String, at: SourceLocation) -> RuleID {
        if let node, let given = identifier(node, "an id") {
            return RuleID(id: scope.map { "\($0).\(given)" } ?? given, location: node.location, given: true)
        }
        return RuleID(id: derived, location: at, given: false)
    }

    mutating func bool(_ node: YNode, _ what: String) -> Bool? {
        if case .scalar(let t, false) = node.kind {
            if ["true", "True", "TRUE"].contains(t) { return true }
            if ["false", "False", "FALSE"].contains(t) { return false }
        }
        wrongType(node, what, "`true` or `false`")
        return nil
    }

    /// A whole number no smaller than `min`.
    mutating func integer(_ node: YNode, _ what: String, min: Int64) -> Int64? {
        guard case .scalar(let t, _) = node.kind, !node.isNull else {
            wrongType(node, what, "a whole number")
            return nil
        }
        guard let v = Int64(t.replacingOccurrences(of: "_", with: "")) else {
            if !t.isEmpty, t.allSatisfy({ $0.isNumber || $0 == "_" }) {
                report(.amountOverflow, "\(what) is too large: `\(t)`", node.location, help: "use a number below 9223372036854775807")
            } else {
                wrongType(node, what, "a whole number")
            }
            return nil
        }
        guard v >= min else {
            report(.invalidValue, "\(what) must be at least \(min), found `\(t)`", node.location)
            return nil
        }
        return v
    }

    /// A whole number of days, at most 100 years.
    mutating func days(_ node: YNode, _ what: String, allowZero: Bool) -> Int64? {
        guard case .scalar(let t, _) = node.kind, !node.isNull else {
            wrongType(node, what, "a whole number of days")
            return nil
        }
        guard let v = Int64(t) else {
            if let d = Double(t), d.isFinite {
                report(.wrongType, "\(what) must be a whole number of days, found `\(t)`", node.location,
                       help: "durations are whole days")
            } else {
                wrongType(node, what, "a whole number of days")
            }
            return nil
        }
        if v < 0 {
            report(.negativeDuration, "\(what) cannot be negative: `\(t)`", node.location, help: "write a number of days, 0 or more")
            return nil
        }
        if v == 0, !allowZero {
            if what.contains("window") {
                report(.emptyWindow, "a window of 0 days can never be met", node.location,
                       help: "give the window at least 1 day, or remove it")
            } else {
                report(.invalidValue, "\(what) must be at least 1 day", node.location)
            }
            return nil
        }
        if v > 36_525 {
            report(.invalidValue, "\(what) is more than 100 years: `\(t)`", node.location, help: "durations are whole days")
            return nil
        }
        return v
    }

    /// A date (`2025-07-01`, midnight UTC) or an instant with an offset.
    mutating func instant(_ node: YNode, _ what: String) -> Instant? {
        guard let t = text(node, what) else { return nil }
        if let i = Instant.parse(t, allowDateOnly: true) { return i }
        report(.invalidDate, "\(what) is not a valid date: `\(t)`", node.location,
               help: "write a date that exists, `2025-07-01`, or an instant, `2025-07-01T00:00:00Z`")
        return nil
    }

    mutating func currencyNamed(_ code: String, _ location: SourceLocation) -> Currency? {
        if let c = Currency(code: code) { return c }
        if let c = Currency(code: code.uppercased()) {
            report(.unknownCurrency, "unknown currency `\(code)`", location, help: "did you mean `\(c.code)`?")
            return nil
        }
        report(.unknownCurrency, "unknown currency `\(code)`", location,
               help: Suggestion.help(for: code, among: Currency.knownCodes) ?? "use an ISO 4217 code such as `USD`, `EUR`, `GBP`")
        return nil
    }

    /// An exact, non-negative amount in `currency`'s minor units.
    mutating func money(_ node: YNode, _ what: String, currency: Currency) -> Money? {
        guard case .scalar(let t, _) = node.kind, !node.isNull else {
            wrongType(node, what, "an amount such as `25.00`")
            return nil
        }
        var cleaned = t.trimmingCharacters(in: .whitespaces)
        let symbols: [(String, String)] = [("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY")]
        if let (symbol, code) = symbols.first(where: { cleaned.hasPrefix($0.0) }) {
            guard code == currency.code else {
                report(.mixedCurrencies, "\(what) `\(t)` is in \(code), but amounts here are in \(currency.code)", node.location,
                       help: "write the amount as a plain number in \(currency.code), e.g. `25.00`")
                return nil
            }
            cleaned = String(cleaned.dropFirst(symbol.count))
        }
        switch Money.parseMinorUnits(cleaned, digits: currency.minorUnitDigits) {
        case .success(let v):
            if v < 0 {
                report(.negativeAmount, "\(what) cannot be negative: `\(t)`", node.location, help: "amounts are 0 or more")
                return nil
            }
            return Money(minorUnits: v, currency: currency)
        case .failure(.tooPrecise(let allowed)):
            let unit = allowed == 0 ? "no minor unit" : "\(allowed) decimal\(allowed == 1 ? "" : "s")"
            report(.amountTooPrecise, "\(what) `\(t)` is finer than \(currency.code) allows (\(unit))", node.location,
                   help: "round it to \(unit == "no minor unit" ? "a whole number" : unit)")
        case .failure(.overflow):
            report(.amountOverflow, "\(what) `\(t)` is too large", node.location,
                   help: "amounts must fit in 64-bit minor units (at most 92233720368547758.07 \(currency.code))")
        case .failure(.notANumber):
            wrongType(node, what, "an amount such as `25.00`")
        }
        return nil
    }

    /// A list's items; nothing (`key:` with no value) is an empty list.
    mutating func list(_ node: YNode, _ what: String) -> [YNode] {
        switch node.kind {
        case .sequence(let items): return items
        default:
            if node.isNull { return [] }
            wrongType(node, what, "a list (items starting with `- `)")
            return []
        }
    }

    /// A list of scalars; a single scalar counts as a list of one.
    mutating func scalarList(_ node: YNode, _ what: String) -> [YNode] {
        switch node.kind {
        case .sequence(let items):
            return items.filter { item in
                if case .scalar = item.kind, !item.isNull { return true }
                wrongType(item, "an item of \(what)", "a single value")
                return false
            }
        case .scalar:
            if node.isNull { wrongType(node, what, "a list of values"); return [] }
            return [node]
        case .mapping:
            wrongType(node, what, "a list of values")
            return []
        }
    }
}

import Foundation
