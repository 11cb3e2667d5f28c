/// Units a policy declares (`units:`), and the event settings `unknown_events` and
/// `other_currencies`: RP310-RP312, RP510, RP610, and the unit forms of RP108, RP301 and RP304.
extension DiagnosticText {
    // MARK: RP310 invalid-unit-code

    static func invalidUnitCode(_ code: String, suggested: String?) -> DiagnosticText {
        DiagnosticText(.invalidUnitCode, "`\(clip(code))` is not a valid unit code",
                       help: suggested.map { "unit codes are capital letters, digits and `_`, starting with a letter (at most 16): did you mean `\($0)`?" }
                           ?? "unit codes are capital letters, digits and `_`, starting with a letter (at most 16), e.g. `POINTS`, `MB`")
    }

    // MARK: RP311 unit-shadows-currency

    static func unitShadowsCurrency(_ code: String, digits: Int) -> DiagnosticText {
        DiagnosticText(.unitShadowsCurrency, "`\(code)` is an ISO 4217 currency, so it cannot be declared as a unit",
                       help: "use `\(code)` without declaring it (it has \(digits) decimal\(digits == 1 ? "" : "s")), or give the unit a code of its own, e.g. `\(code)_POINTS`")
    }

    // MARK: RP312 unit-decimals

    static func unitDecimals(_ code: String, _ text: String) -> DiagnosticText {
        DiagnosticText(.unitDecimals, "unit `\(code)` cannot have `decimals: \(clip(text))`",
                       help: "write a whole number from 0 to \(Currency.maxUnitDecimals): the digits after the decimal point its amounts have (0 for points or megabytes, 8 for bitcoin)")
    }

    // MARK: RP301 amount-too-precise, for a unit

    static func tooPreciseForUnit(_ what: String, _ text: String, unit: String, decimals: Int) -> DiagnosticText {
        DiagnosticText(.amountTooPrecise,
                       "\(what) `\(clip(text))` is finer than \(unit) allows (\(decimals == 0 ? "no decimals" : "\(decimals) decimal\(decimals == 1 ? "" : "s")"))",
                       help: "round it to \(decimals == 0 ? "a whole number" : "\(decimals) decimal\(decimals == 1 ? "" : "s")"); `\(unit)` is declared with `decimals: \(decimals)` under `units:`")
    }

    // MARK: RP304 unknown-currency, for a code that could be a unit

    static func undeclaredUnit(_ code: String, declared: [String]) -> DiagnosticText {
        let near = Suggestion.closest(to: code, among: declared).map { "did you mean `\($0)`, declared under `units:`?" }
            ?? Suggestion.closest(to: code, among: Currency.knownCodes).map { "did you mean `\($0)`?" }
        return DiagnosticText(.unknownCurrency, "unknown currency `\(clip(code))`",
                              help: near
                                  ?? "`\(clip(code))` is not an ISO 4217 code; to use it as a unit, declare it under `units:`, e.g. `units: { \(clip(code)): { decimals: 0 } }`")
    }

    // MARK: RP305 mixed-currencies, for a measure of several event types

    static func measureOfMixedCurrencies(_ id: String, first: String, in currency: String, other: String, otherIn: String) -> DiagnosticText {
        DiagnosticText(.mixedCurrencies, "requirement `\(id)` reads `\(first)` amounts in \(currency) and `\(other)` amounts in \(otherIn)",
                       help: "give the event types the same `currency`, or measure each in a requirement of its own; amounts are never converted")
    }

    // MARK: RP108 conflicting-keys

    static func currencyWithoutAmount(_ event: String) -> DiagnosticText {
        DiagnosticText(.conflictingKeys, "event type `\(event)` has a `currency`, but its events carry no amount",
                       help: "add `amount: true` to `\(event)`, or remove `currency`")
    }

    // MARK: RP510 setting-without-effect

    static func otherCurrenciesWithoutAmount(_ event: String) -> DiagnosticText {
        DiagnosticText(.settingWithoutEffect, "`other_currencies` on `\(event)` changes nothing: its events carry no amount",
                       help: "remove it, or add `amount: true` to `\(event)`")
    }

    static let otherCurrenciesWithoutAmounts = DiagnosticText(
        .settingWithoutEffect, "`other_currencies` changes nothing: no event type carries an amount",
        help: "remove it; it applies to event types declared with `amount: true`")

    static func limitCurrencyWithoutAmount(_ id: String) -> DiagnosticText {
        DiagnosticText(.settingWithoutEffect, "limit `\(id)` has a `currency` but no `max_amount`, so the currency changes nothing",
                       help: "add `max_amount` in that currency, or remove `currency`")
    }

    // MARK: RP610 unit-differs-between-versions

    static func unitDiffersBetweenVersions(_ code: String, decimals: Int, earlier: String, earlierDecimals: Int) -> DiagnosticText {
        DiagnosticText(.unitDiffersBetweenVersions,
                       "unit `\(code)` has \(decimals) decimal\(decimals == 1 ? "" : "s") here, but \(earlierDecimals) in version \(earlier)",
                       help: "give `\(code)` the same `decimals` in every version (past rewards in it are counted by every version), or give the new unit another code")
    }
}
