/// How a reward's amount is set: amount tables (RP140, RP141, RP240, RP241), tiers of a count
/// (RP340, RP341), and percents of one qualifying event (RP242, RP243).
extension DiagnosticText {
    // MARK: RP140 empty-amount-table

    static func emptyAmountTable(_ owner: String, field: String) -> DiagnosticText {
        DiagnosticText(.emptyAmountTable, "the amount table of `\(clip(owner))` lists no value of `\(clip(field))`",
                       help: "list each value with its amount, e.g. `table: { GB: 20.00, FR: 15.00 }`; for one amount for everyone write `amount: 10.00`")
    }

    // MARK: RP141 duplicate-table-key

    static func duplicateTableKey(_ key: String, same earlier: String, line: Int, field: String) -> DiagnosticText {
        DiagnosticText(.duplicateTableKey, "`\(clip(key))` is the same value of `\(clip(field))` as `\(clip(earlier))` on line \(line)",
                       help: "list each value once; remove one of the two")
    }

    // MARK: RP240 table-key-type

    static func tableKeyNotWhole(_ key: String, field: String) -> DiagnosticText {
        DiagnosticText(.tableKeyType, "`\(clip(field))` is a whole number, but the table lists `\(clip(key))`",
                       help: "write each value as a whole number such as `3`, without quotes or units")
    }

    static func tableKeyNotBoolean(_ key: String, field: String) -> DiagnosticText {
        DiagnosticText(.tableKeyType, "`\(clip(field))` is true or false, but the table lists `\(clip(key))`",
                       help: "write `true:` and `false:`, each with its amount")
    }

    // MARK: RP241 table-field-is-a-list

    static func tableFieldIsAList(_ field: String) -> DiagnosticText {
        DiagnosticText(.tableFieldIsAList, "`\(clip(field))` is a list, so it cannot pick one amount from a table",
                       help: "key the table by a field with one value, such as `referee.country` or a declared attribute")
    }

    // MARK: RP242 taking-without-amounts

    static func takingWithoutAmounts(_ id: String, taking: String, requirement: String, event: String) -> DiagnosticText {
        DiagnosticText(.takingWithoutAmounts,
                       "reward `\(clip(id))` takes a percent of the \(taking) `\(event)` event of `\(clip(requirement))`, but `\(event)` events carry no amount",
                       help: "declare `amount: true` on `\(event)`, or pay a fixed `amount`")
    }

    // MARK: RP243 of-not-a-measure

    static func ofNotAMeasure(_ of: String, what: String) -> DiagnosticText {
        DiagnosticText(.ofNotAMeasure, "`of` must name a `count` or `sum` requirement, but `\(clip(of))` combines requirements",
                       help: "\(what) is measured on the events of one requirement: give the `count` or `sum` under it an `id` and name that")
    }

    // MARK: RP340 count-tier-not-whole

    static func countTierNotWhole(_ tier: String, _ text: String, event: String, below: Int64) -> DiagnosticText {
        DiagnosticText(.countTierNotWhole,
                       "tier `\(clip(tier))` starts at `\(clip(text))`, but its tiers count `\(event)` events, a whole number",
                       help: "write a whole number of events, e.g. `at_least: \(below + 1)`")
    }

    // MARK: RP341 count-tier-as-money

    static func countTierAsMoney(_ tier: String, _ text: String, event: String, whole: Int64) -> DiagnosticText {
        DiagnosticText(.countTierAsMoney,
                       "tier `\(clip(tier))` starts at `\(clip(text))`, written as money, but its tiers count `\(event)` events",
                       help: "write the number of events, `at_least: \(whole)`; to measure money, name a `sum` requirement in `of`")
    }
}
