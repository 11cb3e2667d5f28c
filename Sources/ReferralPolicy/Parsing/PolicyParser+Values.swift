import Foundation

/// Reads YAML nodes into typed values, collecting diagnostics. Shared by the policy parser
/// and the policy test file parser, so both are equally strict.
package protocol NodeReader {
    var file: String? { get }
    var diagnostics: [Diagnostic] { get set }
}

/// Typed readers: each reports a diagnostic and returns nil when the value is not what it must be.
extension NodeReader {
    package mutating func report(_ code: DiagnosticCode, _ message: String, _ location: SourceLocation?, help: String? = nil) {
        report(DiagnosticText(code, message, help: help), location)
    }

    mutating func report(_ text: DiagnosticText, _ location: SourceLocation?) {
        diagnostics.append(text.at(location, file: file))
    }

    /// Duplicate keys are taken out by the loader (and reported there); kept for readers written
    /// against the earlier loader.
    func isMarkedDuplicate(_ key: YNode) -> Bool { false }

    /// A mapping's keys, reporting unknown keys (with "did you mean") and missing ones.
    package mutating func fields(_ node: YNode, _ what: String, allowed: [String], required: [String],
                         at: SourceLocation? = nil) -> Fields? {
        guard case .mapping(let pairs) = node.kind else {
            wrongType(node, what, "a mapping of keys", help: "write the keys below it, indented, or as `{ key: value }`")
            return nil
        }
        var values: [String: (key: YNode, value: YNode)] = [:]
        for (key, value) in pairs {
            guard case .scalar(let name, _) = key.kind else {
                report(DiagnosticText.keyNotAName(in: what, found: key.typeName), key.location)
                continue
            }
            guard allowed.contains(name) else {
                report(DiagnosticText.unknownKey(name, in: what, suggestion: Suggestion.help(for: name, among: allowed, listUpTo: 12)),
                       key.location)
                continue
            }
            values[name] = (key, value)
        }
        for name in required where values[name] == nil {
            report(DiagnosticText.missingKey(name, in: what), at ?? node.location)
        }
        return Fields(values: values, location: node.location)
    }

    /// A mapping of one part of the policy, read by its vocabulary. Beyond "unknown key", says
    /// when a key belongs elsewhere: under the key with no value just above it (`days:` not
    /// indented under `window:`), or on another part (`hold_days` in a tier is a reward's key).
    mutating func fields<Key>(_ node: YNode, _ context: PolicyVocabulary.Context, _ what: String, _ keys: Key.Type,
                              required: [Key] = [], at: SourceLocation? = nil,
                              notAMapping: DiagnosticText? = nil) -> KeyedFields<Key>? {
        guard case .mapping(let pairs) = node.kind else {
            if let notAMapping { report(notAMapping, node.location) } else {
                wrongType(node, what, "a mapping of keys", help: "write the keys below it, indented, or as `{ key: value }`")
            }
            return nil
        }
        let allowed = Key.allCases.map(\.rawValue)
        var values: [String: (key: YNode, value: YNode)] = [:]
        var orphaned: Set<String> = []
        var previous: (name: String, value: YNode, context: PolicyVocabulary.Context, named: Bool)? = nil
        for (key, value) in pairs {
            guard case .scalar(let name, _) = key.kind else {
                report(DiagnosticText.keyNotAName(in: what, found: key.typeName), key.location)
                continue
            }
            if allowed.contains(name) {
                values[name] = (key, value)
                previous = nil
                if value.isNull {
                    if let held = PolicyVocabulary.Context.held(by: name, in: context) {
                        previous = (name, value, held, false)
                    } else if let named = PolicyVocabulary.Context.named(by: name, in: context) {
                        previous = (name, value, named, true)
                    }
                }
                continue
            }
            if let parent = previous,
               parent.named ? Self.looksLike(value, parent.context) : parent.context.keys.contains(name) {
                // `window:` with nothing after it, then `days: 90` at the same indentation (or
                // `referral_types:`, then `freelancer:` not indented below it): one diagnostic for
                // the first, the keys after it are the same mistake.
                if !orphaned.contains(parent.name) {
                    report(DiagnosticText.notIndentedUnder(name, parent: parent.name), key.location)
                }
                orphaned.insert(parent.name)
                continue
            }
            // Past a thousand problems only the count is shown; spare the search for suggestions.
            if diagnostics.count > 1_000 {
                report(DiagnosticText.unknownKey(name, in: what, suggestion: nil), key.location)
                continue
            }
            let near = Suggestion.closest(to: name, among: allowed)
            let typo = near.map { Suggestion.distance($0, name) <= 2 || $0.contains(name) } ?? false
            let owners = PolicyVocabulary.Context.owners(of: name, besides: context)
            if !owners.isEmpty, !typo {
                report(DiagnosticText.belongsElsewhere(name, in: context.name, owners: Array(owners.prefix(3)),
                                                       help: Self.moveHelp(name, from: context, to: owners)), key.location)
                continue
            }
            report(DiagnosticText.unknownKey(name, in: what, suggestion: Suggestion.help(for: name, among: allowed, listUpTo: context == .policy ? 16 : 12)),
                   key.location)
        }
        for name in required where values[name.rawValue] == nil {
            report(DiagnosticText.missingKey(name.rawValue, in: what), at ?? node.location)
        }
        return KeyedFields(fields: Fields(values: values, location: node.location), orphaned: orphaned)
    }

    /// True when `node` reads as the rules of a `context` (a mapping of its keys; for an event
    /// type, nothing at all is enough).
    static func looksLike(_ node: YNode, _ context: PolicyVocabulary.Context) -> Bool {
        if node.isNull { return context == .eventType }
        guard case .mapping(let pairs) = node.kind else { return false }
        if pairs.isEmpty { return context == .eventType }
        return pairs.allSatisfy { $0.key.scalar.map(context.keys.contains) ?? false }
    }

    /// Where a key of another part goes, from `context`.
    static func moveHelp(_ key: String, from context: PolicyVocabulary.Context, to owners: [PolicyVocabulary.Context]) -> String {
        switch (context, owners.first) {
        case (.tier, .reward?): "move `\(key)` up to the reward, next to `tiers:`; it applies to every tier"
        case (.reward, .tier?): "move `\(key)` into each tier under `tiers:`"
        case (.reward, .amountTable?), (.tier, .amountTable?):
            "put `\(key)` under `amount:`, e.g. `amount: { by: referee.country, table: { GB: 20.00 }, default: 10.00 }`"
        case (.referralType, .requirement?): "put `\(key)` on a requirement under `requirements:`"
        case (.referralType, .reward?): "put `\(key)` on a reward under `rewards:`"
        case (.requirement, .window?), (.referralType, .window?): "put `\(key)` under `window:`, e.g. `window: { \(key): … }`"
        case (.reward, .reversal?), (.requirement, .reversal?): "put `\(key)` under `reversal:` of the referral type, e.g. `reversal: { on: [refund], \(key): … }`"
        case (.reward, .requirement?): "put `\(key)` on the requirement under `requirements:` it belongs to"
        case (.requirement, .reward?): "put `\(key)` on a reward under `rewards:`"
        case (.requirement, .referrerMilestone?):
            "make `\(key)` an entry of a reward's or a milestone's `when:`; it counts the referrer's qualified referrals, so it is not a requirement of the referee"
        case (.policy, .referralType?): "put `\(key)` on a referral type under `referral_types:`"
        case (.referralType, .policy?): "move `\(key)` to the top of the policy, not indented"
        default: "move `\(key)` to \(owners.map(\.name).joined(separator: " or ")), where it belongs"
        }
    }
}

extension NodeReader {
    package mutating func wrongType(_ node: YNode, _ what: String, _ expected: String, help: String? = nil) {
        var found = node.typeName
        if case .scalar(let t, _) = node.kind, !node.isNull { found += " `\(DiagnosticText.clip(t))`" }
        report(DiagnosticText.wrongType(what, expected: expected, found: found, help: help), node.location)
    }

    package mutating func invalidChoice(_ word: String, _ what: String, _ choices: [String], _ location: SourceLocation) {
        // Words people use for a choice: `yearly` for `calendar_year`, `forever` for `lifetime`.
        let synonyms = ["yearly": "calendar_year", "annual": "calendar_year", "annually": "calendar_year", "year": "calendar_year",
                        "monthly": "calendar_month", "month": "calendar_month", "forever": "lifetime", "all_time": "lifetime",
                        "ever": "lifetime", "money": "cash", "store_credit": "credit", "voucher": "credit", "coupon": "credit",
                        "earliest": "first", "initial": "first", "biggest": "largest", "highest": "largest", "max": "largest",
                        "maximum": "largest", "total": "sum", "all": "sum"]
        if let meant = synonyms[word.lowercased()], choices.contains(meant) {
            report(DiagnosticText.invalidChoice(word, for: what, suggestion: "did you mean `\(meant)`?"), location)
            return
        }
        report(DiagnosticText.invalidChoice(word, for: what, suggestion: Suggestion.help(for: word, among: choices, listUpTo: 12)), location)
    }

    /// Any scalar, as text.
    package mutating func text(_ node: YNode, _ what: String) -> String? {
        guard case .scalar(let t, _) = node.kind, !node.isNull else {
            wrongType(node, what, "text", help: node.isNull ? "write the value after `:` on the same line" : "write it as one line of text")
            return nil
        }
        return t
    }

    /// A name used as an id or key: lowercase letters, digits, `_` and `-`, starting with a letter.
    mutating func identifier(_ node: YNode, _ what: String) -> String? {
        guard let t = text(node, what) else { return nil }
        guard PolicyParser.isIdentifier(t) else {
            report(DiagnosticText.invalidName(t, for: what, suggested: PolicyParser.suggestIdentifier(t)), node.location)
            return nil
        }
        return t
    }

    static func isIdentifier(_ t: String) -> Bool {
        guard let first = t.unicodeScalars.first, ("a"..."z").contains(first), t.utf8.count <= 64 else { return false }
        return t.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" }
    }

    package static func suggestIdentifier(_ t: String) -> String {
        var out = ""
        for s in t.lowercased().unicodeScalars.prefix(64) {
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
        let word = node.scalar?.lowercased() ?? ""
        let help = ["yes", "y", "on"].contains(word) ? "write `true` for yes"
            : ["no", "n", "off"].contains(word) ? "write `false` for no" : "write `true` or `false`, without quotes"
        wrongType(node, what, "`true` or `false`", help: help)
        return nil
    }

    /// A whole number no smaller than `min`.
    package mutating func integer(_ node: YNode, _ what: String, min: Int64) -> Int64? {
        guard case .scalar(let t, _) = node.kind, !node.isNull else {
            wrongType(node, what, "a whole number", help: "write a whole number such as `20`")
            return nil
        }
        guard let v = Int64(t.withoutUnderscores) else {
            if !t.isEmpty, t.allSatisfy({ $0.isNumber || $0 == "_" }) {
                report(DiagnosticText.numberTooLarge(what, t), node.location)
            } else {
                wrongType(node, what, "a whole number", help: ValueWriting.wholeNumberHelp(t))
            }
            return nil
        }
        guard v >= min else {
            report(DiagnosticText.belowMinimum(what, min: min, found: t), node.location)
            return nil
        }
        return v
    }

    /// A whole number of days, at most 100 years.
    mutating func days(_ node: YNode, _ what: String, allowZero: Bool) -> Int64? {
        guard case .scalar(let t, _) = node.kind, !node.isNull else {
            wrongType(node, what, "a whole number of days", help: "write a number of days such as `30`")
            return nil
        }
        guard let v = Int64(t) else {
            if let d = Double(t), d.isFinite {
                report(DiagnosticText.fractionalDays(what, t), node.location)
            } else {
                wrongType(node, what, "a whole number of days", help: ValueWriting.daysHelp(t, key: what))
            }
            return nil
        }
        if v < 0 {
            report(DiagnosticText.negativeDuration(what, t), node.location)
            return nil
        }
        if v == 0, !allowZero {
            report(what.contains("window") ? DiagnosticText.zeroDayWindow : DiagnosticText.atLeastOneDay(what), node.location)
            return nil
        }
        if v > 36_525 {
            report(DiagnosticText.moreThanACentury(what, t), node.location)
            return nil
        }
        return v
    }

    /// A date (`2025-07-01`, midnight UTC) or an instant with an offset.
    package mutating func instant(_ node: YNode, _ what: String) -> Instant? {
        guard let t = text(node, what) else { return nil }
        if let i = Instant.parse(t, allowDateOnly: true) { return i }
        report(DiagnosticText.invalidDate(what, t, help: ValueWriting.dateHelp(t)), node.location)
        return nil
    }

    /// An ISO 4217 code, or one of the `units` the policy declares.
    package mutating func currencyNamed(_ code: String, _ location: SourceLocation, units: [Currency] = []) -> Currency? {
        if let c = Currency.named(code, units: units) { return c }
        if let c = Currency.named(code.uppercased(), units: units) {
            report(DiagnosticText.unknownCurrency(code, suggestion: "did you mean `\(c.code)`?"), location)
            return nil
        }
        // A code that could name a unit: `POINTS`, or anything once the policy declares units.
        if Currency.isUnitCode(code), !units.isEmpty || code.unicodeScalars.count != 3 {
            report(DiagnosticText.undeclaredUnit(code, declared: units.map(\.code)), location)
            return nil
        }
        report(DiagnosticText.unknownCurrency(code, suggestion: ValueWriting.currencyHelp(code)
                   ?? Suggestion.help(for: code, among: Currency.knownCodes)), location)
        return nil
    }

    /// An exact, non-negative amount in `currency`'s minor units.
    package mutating func money(_ node: YNode, _ what: String, currency: Currency) -> Money? {
        guard case .scalar(let t, _) = node.kind, !node.isNull else {
            wrongType(node, what, "an amount such as `25.00`", help: "write the amount as a number, e.g. `25.00`")
            return nil
        }
        var cleaned = t.trimmedOfBlanks
        let symbols: [(String, String)] = [("$", "USD"), ("€", "EUR"), ("£", "GBP"), ("¥", "JPY")]
        if let (symbol, code) = symbols.first(where: { cleaned.hasPrefix($0.0) }) {
            guard code == currency.code else {
                report(DiagnosticText.amountInOtherCurrency(what, t, written: code, policy: currency.code), node.location)
                return nil
            }
            cleaned = String(cleaned.dropFirst(symbol.count))
        }
        switch Money.parseMinorUnits(cleaned, digits: currency.minorUnitDigits) {
        case .success(let v):
            if v < 0 {
                report(DiagnosticText.negativeAmount(what, t), node.location)
                return nil
            }
            return Money(minorUnits: v, currency: currency)
        case .failure(.tooPrecise(let allowed)) where currency.isDeclaredUnit:
            report(DiagnosticText.tooPreciseForUnit(what, t, unit: currency.code, decimals: allowed), node.location)
        case .failure(.tooPrecise(let allowed)):
            let unit = allowed == 0 ? "no minor unit" : "\(allowed) decimal\(allowed == 1 ? "" : "s")"
            report(DiagnosticText.tooPrecise(what, t, currency: currency.code, unit: unit), node.location)
        case .failure(.overflow):
            report(DiagnosticText.amountTooLarge(what, t, currency: currency.code), node.location)
        case .failure(.notANumber):
            wrongType(node, what, "an amount such as `25.00`", help: ValueWriting.amountHelp(cleaned, currency: currency))
        }
        return nil
    }

    /// A list's items; nothing (`key:` with no value) is an empty list, anything else is reported.
    package mutating func list(_ node: YNode, _ what: String) -> [YNode] {
        items(node, what) ?? []
    }

    /// A list's items, or nil (reported) when it is not a list; `example` is an item, for the help
    /// line, and marks a list of rules, which may have been written without its `- `.
    mutating func items(_ node: YNode, _ what: String, example: String? = nil) -> [YNode]? {
        switch node.kind {
        case .sequence(let items): return items
        case .mapping(let pairs) where example != nil && !pairs.isEmpty:
            // The rules are there, but without the `- ` that makes each one an item.
            report(DiagnosticText.listWithoutDashes(what, example: example!), pairs[0].key.location)
            return nil
        default:
            if node.isNull { return [] }
            wrongType(node, what, "a list (items starting with `- `)",
                      help: example.map { "start each item with `- `, e.g. `\($0)`" } ?? "write each item on its own line, starting with `- `")
            return nil
        }
    }

    /// A list of scalars; a single scalar counts as a list of one.
    mutating func scalarList(_ node: YNode, _ what: String) -> [YNode] {
        switch node.kind {
        case .sequence(let items):
            return items.filter { item in
                if case .scalar = item.kind, !item.isNull { return true }
                wrongType(item, "an item of \(what)", "a single value", help: "write one value per item, e.g. `[link, code]`")
                return false
            }
        case .scalar:
            if node.isNull { wrongType(node, what, "a list of values", help: "write the values in brackets, e.g. `[link, code]`"); return [] }
            return [node]
        case .mapping:
            wrongType(node, what, "a list of values", help: "write the values in brackets, e.g. `[link, code]`")
            return []
        }
    }
}
