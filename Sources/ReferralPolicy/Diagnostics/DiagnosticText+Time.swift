/// The program's time zone (RP420, RP421, RP620) and durations in calendar units (RP422, and
/// the day checks of RP104, RP105, RP402, RP403 and RP405 said for months and years).
extension DiagnosticText {
    // MARK: RP420 unknown-time-zone

    /// `directory`: the tz database the names were looked up in.
    static func unknownTimeZone(_ name: String, suggestion: String?, directory: String = TimeZoneDatabase.defaultDirectory) -> DiagnosticText {
        DiagnosticText(.unknownTimeZone, "unknown time zone `\(clip(name))`",
                       help: suggestion.map { "did you mean `\($0)`?" }
                           ?? "write an IANA time zone name such as `Europe/London` or `America/New_York` (the names in the tz database, \(TerminalText.escaped(directory)))")
    }

    /// `+01:00`, `UTC+1`, `GMT+2`: an offset, which would not follow summer time.
    static func offsetAsTimeZone(_ text: String) -> DiagnosticText {
        DiagnosticText(.unknownTimeZone, "`\(clip(text))` is not a time zone name",
                       help: "write the IANA name of the program's place, such as `Europe/London`, so that summer time follows the zone's rules")
    }

    // MARK: RP421 no-time-zone-database

    static func noTimeZoneDatabase(_ name: String, directory: String) -> DiagnosticText {
        DiagnosticText(.noTimeZoneDatabase, "cannot read time zone `\(clip(name))`: there is no time zone database at `\(TerminalText.escaped(directory))`",
                       help: "install it (Debian and Ubuntu: `apt-get install tzdata`), or set `TZDIR` to the folder that holds it")
    }

    static func unreadableTimeZone(_ name: String, path: String, reason: String) -> DiagnosticText {
        DiagnosticText(.noTimeZoneDatabase, "cannot read time zone `\(clip(name))` from `\(TerminalText.escaped(path))`: \(reason)",
                       help: "reinstall the time zone database (Debian and Ubuntu: `apt-get install --reinstall tzdata`), or set `TZDIR` to a complete copy")
    }

    // MARK: RP422 duration-units

    /// `examples`: the duration written in each unit alone, `window: { days: 30 }`.
    static func twoDurationUnits(_ what: String, _ first: String, _ second: String, examples: [String]) -> DiagnosticText {
        DiagnosticText(.durationUnits, "\(what) has both `\(first)` and `\(second)`; a duration is given in one unit",
                       help: "keep one: " + examples.map { "`\(clip($0))`" }.joined(separator: " or "))
    }

    static func durationNeedsUnit(_ what: String, example: String) -> DiagnosticText {
        DiagnosticText(.durationUnits, "\(what) needs `days`, `months` or `years`", help: "for example `\(example)`")
    }

    static func durationGivenTwice(_ old: String, _ new: String) -> DiagnosticText {
        DiagnosticText(.durationUnits, "both `\(old)` and `\(new)` are given; they say the same thing",
                       help: "keep one: `\(new)` takes days, months or years, `\(old)` days only")
    }

    // MARK: Months and years: the day checks

    static func fractionalCalendar(_ what: String, _ text: String, unit: CalendarSpan.Unit) -> DiagnosticText {
        DiagnosticText(.wrongType, "\(what) must be a whole number of \(unit.rawValue), found `\(clip(text))`",
                       help: unit == .years ? "write whole years, or the duration in months" : "write whole months, or the duration in days")
    }

    static func notACalendarCount(_ what: String, _ text: String, unit: CalendarSpan.Unit) -> DiagnosticText {
        DiagnosticText(.wrongType, "\(what) must be a whole number of \(unit.rawValue), found `\(clip(text))`",
                       help: "write the number alone, such as `\(unit == .years ? "1" : "3")`")
    }

    static func negativeCalendar(_ what: String, _ text: String, unit: CalendarSpan.Unit) -> DiagnosticText {
        DiagnosticText(.negativeDuration, "\(what) cannot be negative: `\(clip(text))`", help: "write a number of \(unit.rawValue), 1 or more")
    }

    static func zeroCalendarWindow(_ unit: CalendarSpan.Unit) -> DiagnosticText {
        DiagnosticText(.emptyWindow, "a window of 0 \(unit.rawValue) can never be met", help: "give the window at least 1 \(unit == .years ? "year" : "month"), or remove it")
    }

    static func zeroCalendar(_ what: String, unit: CalendarSpan.Unit) -> DiagnosticText {
        DiagnosticText(.invalidValue, "\(what) must be at least 1 \(unit == .years ? "year" : "month")",
                       help: "write 1 or more \(unit.rawValue), or remove the key")
    }

    static func calendarTooLong(_ what: String, _ text: String) -> DiagnosticText {
        DiagnosticText(.invalidValue, "\(what) is more than 100 years: `\(clip(text))`", help: "durations are at most 100 years (1200 months)")
    }

    /// RP405 for a hold or credit lifetime written in months or years.
    static func longCalendarDuration(_ key: String, _ span: CalendarSpan, longest: Int64) -> DiagnosticText {
        let years = Double(span.months) / 12
        let about = span.unit == .months && years >= 1 ? " (about \(Int(years.rounded())) year\(Int(years.rounded()) == 1 ? "" : "s"))" : ""
        let what = key == "hold" ? "the reward is held \(span.text)\(about) before it is paid" : "the credit lasts \(span.text)\(about)"
        return DiagnosticText(.longDuration, "`\(key): { \(span.unit.rawValue): \(span.count) }`: \(what), far beyond every window and reversal period here (at most about \(longest) days)",
                              help: key == "hold"
                                  ? "a hold usually matches the reversal period (`within_days`); check the number, or lengthen the reversal period to match if the hold is meant"
                                  : "check the number; a credit lifetime is usually a year or two")
    }

    // MARK: RP620 mixed-time-zones

    static func mixedTimeZones(_ zone: String, first: String, in file: String) -> DiagnosticText {
        DiagnosticText(.mixedTimeZones, "`time_zone` is `\(clip(zone))` here but `\(clip(first))` in `\(file)`",
                       help: "all versions of a program read their days, months and dates in the same time zone")
    }
}
