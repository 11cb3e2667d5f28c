/// RP2xx names and references, RP3xx money, RP4xx time.
extension DiagnosticText {
    // MARK: RP201 undefined-event-type

    static func undefinedEventType(_ name: String, suggestion help: String?) -> DiagnosticText {
        DiagnosticText(.undefinedEventType, "event type `\(clip(name))` is not declared under `events`", help: help ?? "declare it under `events:`")
    }

    // MARK: RP202 undefined-field

    static func unknownField(_ path: String, help: String) -> DiagnosticText {
        DiagnosticText(.undefinedField, "unknown field `\(clip(path))`", help: help)
    }

    static func eventHasNoAmount(_ event: String) -> DiagnosticText {
        DiagnosticText(.undefinedField, "`\(event)` events carry no amount",
                       help: "declare `amount: true` on `\(event)`, or filter on one of its attributes")
    }

    static func eventHasNoAttribute(_ event: String, _ attribute: String, suggestion help: String?) -> DiagnosticText {
        DiagnosticText(.undefinedField, "`\(event)` events have no attribute `\(clip(attribute))`",
                       help: help ?? "declare it under `events: \(event): attributes:`")
    }

    // MARK: RP203 undefined-requirement

    static func undefinedRequirement(_ of: String, type: String, suggestion help: String?) -> DiagnosticText {
        DiagnosticText(.undefinedRequirement, "no requirement `\(clip(of))` in referral type `\(type)`",
                       help: help ?? "`of` names a `sum` requirement of the same type by its `id`")
    }

    // MARK: RP204 field-type-mismatch

    static func listComparedAsValue(_ name: String) -> DiagnosticText {
        DiagnosticText(.fieldTypeMismatch, "`\(name)` is a list; compare it with `contains_any` or `contains_none`",
                       help: "for example `contains_none: [fraud]`")
    }

    static func listComparisonOnValue(_ comparison: String, _ name: String, kind: String) -> DiagnosticText {
        DiagnosticText(.fieldTypeMismatch, "`\(comparison)` applies to lists, but `\(name)` is \(kind)", help: "use `in` or `not_in`")
    }

    static func numberComparisonOnText(_ comparison: String, _ name: String, kind: String) -> DiagnosticText {
        DiagnosticText(.fieldTypeMismatch, "`\(comparison)` compares numbers, but `\(name)` is \(kind)",
                       help: "use `in`, `not_in`, `equals` or `not_equals`")
    }

    static func sumWithoutAmount(_ event: String) -> DiagnosticText {
        DiagnosticText(.fieldTypeMismatch, "`\(event)` events carry no amount, so they cannot be summed",
                       help: "use `count: \(event)`, or declare `amount: true` on the event type")
    }

    static let amountFilterComparison = DiagnosticText(.fieldTypeMismatch, "filter `amount` with `at_least` or `at_most`",
                                                       help: "for example `amount: { at_least: 10.00 }`")

    static func ofNotASum(_ of: String) -> DiagnosticText {
        DiagnosticText(.fieldTypeMismatch, "`of` must name a `sum` requirement, but `\(of)` is not one",
                       help: "a percent is taken of an amount of money; to take it of one event a `count` counts, add `taking: first` or `taking: largest`")
    }

    static func notAWholeNumber(_ name: String, _ value: String) -> DiagnosticText {
        DiagnosticText(.fieldTypeMismatch, "`\(name)` is a whole number, but `\(clip(value))` is not",
                       help: "write a whole number such as `3`, without quotes or units")
    }

    static func notTrueOrFalse(_ name: String, _ value: String) -> DiagnosticText {
        DiagnosticText(.fieldTypeMismatch, "`\(name)` is true or false, but `\(clip(value))` is neither",
                       help: "write `true` or `false`")
    }

    // MARK: RP301-RP307 money

    static func tooPrecise(_ what: String, _ text: String, currency: String, unit: String) -> DiagnosticText {
        DiagnosticText(.amountTooPrecise, "\(what) `\(clip(text))` is finer than \(currency) allows (\(unit))",
                       help: "round it to \(unit == "no minor unit" ? "a whole number" : unit)")
    }

    static func negativeAmount(_ what: String, _ text: String) -> DiagnosticText {
        DiagnosticText(.negativeAmount, "\(what) cannot be negative: `\(clip(text))`", help: "amounts are 0 or more")
    }

    static func numberTooLarge(_ what: String, _ text: String) -> DiagnosticText {
        DiagnosticText(.amountOverflow, "\(what) is too large: `\(clip(text))`", help: "use a number below 9223372036854775807")
    }

    static func amountTooLarge(_ what: String, _ text: String, currency: String) -> DiagnosticText {
        DiagnosticText(.amountOverflow, "\(what) `\(clip(text))` is too large",
                       help: "amounts must fit in 64-bit minor units (at most 92233720368547758.07 \(currency))")
    }

    static func unknownCurrency(_ code: String, suggestion help: String?) -> DiagnosticText {
        DiagnosticText(.unknownCurrency, "unknown currency `\(clip(code))`", help: help ?? "use an ISO 4217 code such as `USD`, `EUR`, `GBP`")
    }

    static func amountInOtherCurrency(_ what: String, _ text: String, written: String, policy: String) -> DiagnosticText {
        DiagnosticText(.mixedCurrencies, "\(what) `\(clip(text))` is in \(written), but amounts here are in \(policy)",
                       help: "write the amount as a plain number in \(policy), e.g. `25.00`")
    }

    static func percentOfOtherCurrency(_ id: String, pays: String, measures: String) -> DiagnosticText {
        DiagnosticText(.mixedCurrencies, "reward `\(id)` pays \(pays) as a percent of an amount in \(measures)",
                       help: "pay the reward in \(measures), or measure an amount in \(pays)")
    }

    static func percentOutOfRange(_ text: String) -> DiagnosticText {
        DiagnosticText(.invalidPercent, "`percent` must be more than 0 and at most 1000, found `\(clip(text))`",
                       help: "write the percentage as a number, `20` for 20%")
    }

    static func percentTooPrecise(_ text: String) -> DiagnosticText {
        DiagnosticText(.invalidPercent, "`percent` has more than 2 decimals: `\(clip(text))`", help: "round it to 2 decimals")
    }

    static func percentNotANumber(_ text: String) -> DiagnosticText {
        DiagnosticText(.invalidPercent, "`percent` must be a number such as `20` or `12.5`, found `\(clip(text))`",
                       help: "write the percentage as a number, `20` for 20%")
    }

    /// `percent: 0.1`: probably a fraction (10%) written where percent points are expected.
    static func percentBelowOne(_ text: String) -> DiagnosticText {
        let asPercent = Double(text).map { Self.trimmed($0 * 100) } ?? "10"
        return DiagnosticText(.percentBelowOne, "`percent: \(clip(text))` pays \(clip(text))% of the amount; `percent` is in percent, not a fraction",
                              help: "for \(asPercent)% write `percent: \(asPercent)`; if \(clip(text))% is meant, write `percent: \(clip(text))%`")
    }

    private static func trimmed(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int64(rounded)) : String(rounded)
    }

    // MARK: RP401-RP405 time

    static func invalidDate(_ what: String, _ text: String, help: String? = nil) -> DiagnosticText {
        DiagnosticText(.invalidDate, "\(what) is not a valid date: `\(clip(text))`",
                       help: help ?? "write a date that exists, `2025-07-01`, or an instant, `2025-07-01T00:00:00Z`")
    }

    static let zeroDayWindow = DiagnosticText(.emptyWindow, "a window of 0 days can never be met",
                                              help: "give the window at least 1 day, or remove it")

    static func windowEndsBeforeVersion(until: String, from: String) -> DiagnosticText {
        DiagnosticText(.emptyWindow, "the window ends at \(until), before this version takes effect (\(from))",
                       help: "every referral of this version signs up after `effective.from`, so no event could count; move `until` later")
    }

    static func negativeDuration(_ what: String, _ text: String) -> DiagnosticText {
        DiagnosticText(.negativeDuration, "\(what) cannot be negative: `\(clip(text))`", help: "write a number of days, 0 or more")
    }

    static func emptyEffectivePeriod(until: String, from: String) -> DiagnosticText {
        DiagnosticText(.emptyEffectivePeriod, "`effective.until` (\(until)) is not after `effective.from` (\(from))",
                       help: "`until` is the first instant the version is no longer in force; make it later than `from`")
    }

    /// A hold or a credit lifetime far beyond every window and reversal period of the program.
    static func longDuration(_ key: String, days: Int64, longest: Int64) -> DiagnosticText {
        let years = Double(days) / 365.25
        let about = years >= 1 ? " (about \(Int(years.rounded())) year\(Int(years.rounded()) == 1 ? "" : "s"))" : ""
        let what = key == "hold_days" ? "the reward is held \(days) days\(about) before it is paid"
                                      : "the credit lasts \(days) days\(about)"
        return DiagnosticText(.longDuration, "`\(key): \(days)`: \(what), far beyond every window and reversal period here (at most \(longest) days)",
                              help: key == "hold_days"
                                  ? "a hold usually matches the reversal period (`within_days`); check the number, or lengthen `reversal.within_days` to match if the hold is meant"
                                  : "check the number; a credit lifetime is usually a year or two")
    }
}
