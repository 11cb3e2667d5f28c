/// A duration said in calendar units, as a person says it: "3 months", "1 year". Added in the
/// program's time zone, keeping the local time of day and the day of the month (clamped to the
/// month's last day), by ``ZonedCalendar/adding(months:to:_:)``. A year is 12 months.
/// Durations in days stay whole days of exactly 24 hours (`Int64` days in the model).
struct CalendarSpan: Sendable, Hashable, BitwiseCopyable, CustomStringConvertible {
    enum Unit: String, Sendable, BitwiseCopyable, CaseIterable {
        case months, years
    }

    var count: Int64
    var unit: Unit

    /// The months this span adds.
    var months: Int64 { unit == .years ? count * 12 : count }

    /// `3 months`, `1 year`.
    var text: String {
        let word = unit == .years ? "year" : "month"
        return "\(Money.decimalString(count, digits: 0, grouped: true)) \(word)\(count == 1 ? "" : "s")"
    }

    var description: String { text }

    /// About how many days it lasts (30 a month), for comparing it with durations in days.
    var approximateDays: Int64 { months * 30 }

    /// The longest a calendar span may be: 100 years, as for durations in days.
    static func maximum(_ unit: Unit) -> Int64 { unit == .years ? 100 : 1_200 }
}
