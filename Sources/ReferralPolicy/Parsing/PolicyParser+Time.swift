/// The program's time zone, plain dates read in it, and durations in days, months or years.
extension PolicyParser {
    /// A duration as written: whole days (24 hours each), or calendar months or years.
    enum Duration: Equatable {
        case days(Int64)
        case calendar(CalendarSpan)
    }

    /// `time_zone: Europe/London`, resolved from the tz database into the rules the plan keeps.
    mutating func timeZone(_ node: YNode) -> TimeZoneModel? {
        guard let name = text(node, "`time_zone`") else { return nil }
        let database = TimeZoneDatabase.system
        switch database.rules(named: name) {
        case .success(let rules):
            return TimeZoneModel(name: name, location: node.location, rules: rules)
        case .failure(.notAName) where Self.looksLikeOffset(name), .failure(.unknown) where Self.looksLikeOffset(name):
            report(DiagnosticText.offsetAsTimeZone(name), node.location)
        case .failure(.notAName):
            report(DiagnosticText.unknownTimeZone(name, suggestion: database.suggestion(for: name), directory: database.directory), node.location)
        case .failure(.unknown(let suggestion)):
            report(DiagnosticText.unknownTimeZone(name, suggestion: suggestion, directory: database.directory), node.location)
        case .failure(.noDatabase):
            report(DiagnosticText.noTimeZoneDatabase(name, directory: database.directory), node.location)
        case .failure(.unreadable(let path, let reason)):
            report(DiagnosticText.unreadableTimeZone(name, path: path, reason: reason), node.location)
        }
        return nil
    }

    /// `+01:00`, `UTC+1`, `GMT-05:00`: an offset from UTC written where a zone's name belongs.
    static func looksLikeOffset(_ name: String) -> Bool {
        var rest = Substring(name.uppercased())
        for prefix in ["UTC", "GMT"] where rest.hasPrefix(prefix) { rest = rest.dropFirst(prefix.count) }
        guard let sign = rest.first, sign == "+" || sign == "-" else { return false }
        let digits = rest.dropFirst()
        return !digits.isEmpty && digits.count <= 5 && digits.allSatisfy { $0.isNumber || $0 == ":" }
    }

    /// The zone plain dates and calendar units are read in; nil is UTC.
    var zone: ZoneView? { timeZone?.rules?.view }

    /// A date or an instant; a plain date is the start of that day in the program's time zone.
    mutating func zonedInstant(_ node: YNode, _ what: String) -> Instant? {
        guard let instant = instant(node, what) else { return nil }
        guard let zone, node.scalar?.utf8.count == 10 else { return instant }
        let (y, m, d) = instant.civil
        return ZonedCalendar.startOfDay(year: y, month: m, day: d, zone) ?? instant
    }

    /// A window's `until`: an instant, or a plain date meaning through the end of that day
    /// in the program's time zone.
    mutating func windowEnd(_ node: YNode, _ what: String) -> Instant? {
        guard let instant = instant(node, what) else { return nil }
        guard node.scalar?.utf8.count == 10 else { return instant }
        let next = Instant(secondsSinceEpoch: instant.secondsSinceEpoch + Instant.secondsPerDay).civil
        guard let zone, let start = ZonedCalendar.startOfDay(year: next.year, month: next.month, day: next.day, zone) else {
            return Instant(secondsSinceEpoch: instant.secondsSinceEpoch + Instant.secondsPerDay - 1)
        }
        return Instant(secondsSinceEpoch: start.secondsSinceEpoch - 1)
    }

    /// `{ days: 14 }`, `{ months: 3 }` or `{ years: 1 }` under `key`: exactly one unit.
    mutating func duration(_ node: YNode, _ key: String, allowZero: Bool) -> Duration? {
        let what = "`\(key)`"
        let example = "\(key): { months: 3 }"
        if case .scalar(let t, _) = node.kind, !node.isNull {
            wrongType(node, what, "a duration such as `{ months: 3 }`", help: Self.durationHelp(t, key: key))
            return nil
        }
        guard let f = fields(node, what, allowed: V.DurationKey.names, required: []) else { return nil }
        let given = V.DurationKey.allCases.compactMap { unit in f.keyLocation(unit.rawValue).map { (unit, $0) } }.sorted { $0.1 < $1.1 }
        guard let (unit, _) = given.first else {
            if f.values.isEmpty { report(DiagnosticText.durationNeedsUnit(what, example: example), node.location) }
            return nil
        }
        if given.count > 1 {
            let examples = given.prefix(2).map { "\(key): { \($0.0.rawValue): \(f[$0.0.rawValue]?.scalar ?? "…") }" }
            report(DiagnosticText.twoDurationUnits(what, unit.rawValue, given[1].0.rawValue, examples: examples), given[1].1)
            return nil
        }
        guard let value = f[unit.rawValue] else { return nil }
        return durationValue(value, unit: unit, what: "`\(key).\(unit.rawValue)`", allowZero: allowZero, window: false)
    }

    /// The number under a unit key: whole, not negative, above 0 unless `allowZero`, at most
    /// 100 years. Days go through the reader of day counts, so they read exactly as `*_days` keys.
    mutating func durationValue(_ node: YNode, unit: V.DurationKey, what: String, allowZero: Bool, window: Bool) -> Duration? {
        let calendarUnit: CalendarSpan.Unit
        switch unit {
        case .days: return days(node, window ? "`window.days`" : what, allowZero: allowZero).map { .days($0) }
        case .months: calendarUnit = .months
        case .years: calendarUnit = .years
        }
        guard case .scalar(let t, _) = node.kind, !node.isNull else {
            wrongType(node, what, "a whole number of \(calendarUnit.rawValue)", help: "write a number of \(calendarUnit.rawValue) such as `3`")
            return nil
        }
        guard let v = Int64(t.withoutUnderscores) else {
            if let d = Double(t), d.isFinite {
                report(DiagnosticText.fractionalCalendar(what, t, unit: calendarUnit), node.location)
            } else {
                report(DiagnosticText.notACalendarCount(what, t, unit: calendarUnit), node.location)
            }
            return nil
        }
        if v < 0 {
            report(DiagnosticText.negativeCalendar(what, t, unit: calendarUnit), node.location)
            return nil
        }
        if v == 0, !allowZero {
            report(window ? DiagnosticText.zeroCalendarWindow(calendarUnit) : DiagnosticText.zeroCalendar(what, unit: calendarUnit), node.location)
            return nil
        }
        if v > CalendarSpan.maximum(calendarUnit) {
            report(DiagnosticText.calendarTooLong(what, t), node.location)
            return nil
        }
        return .calendar(CalendarSpan(count: v, unit: calendarUnit))
    }

    /// A duration given the old way (`hold_days: 14`) or the new (`hold: { months: 1 }`), not both.
    /// `oldWhat` names the old key in its own diagnostics (`reversal.within_days`).
    mutating func eitherDuration(old: YNode?, oldKey: String, oldWhat: String? = nil, new: YNode?, newKey: String,
                                 newKeyLocation: SourceLocation?, allowZero: Bool) -> Duration? {
        if old != nil, new != nil, let at = newKeyLocation {
            report(DiagnosticText.durationGivenTwice(oldKey, newKey), at)
            return nil
        }
        if let old { return days(old, oldWhat ?? "`\(oldKey)`", allowZero: allowZero).map { .days($0) } }
        if let new { return duration(new, newKey, allowZero: allowZero) }
        return nil
    }

    /// `3 months` → `{ months: 3 }`; `90 days` → `{ days: 90 }`.
    static func durationHelp(_ text: String, key: String) -> String {
        let parts = text.lowercased().split(separator: " ")
        if parts.count == 2, let n = Int64(parts[0]) {
            switch parts[1] {
            case "day", "days": return "write `\(key): { days: \(n) }`"
            case "week", "weeks": return "write it in days, `\(key): { days: \(n * 7) }`"
            case "month", "months": return "write `\(key): { months: \(n) }`"
            case "year", "years": return "write `\(key): { years: \(n) }`"
            default: break
            }
        }
        return "write the number with its unit, e.g. `\(key): { months: 3 }` or `\(key): { days: 90 }`"
    }
}
