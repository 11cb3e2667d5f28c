/// Dates as a person reads them for one program: the local date in the program's time zone,
/// or the UTC date when it names none. Text output (`evaluate --format text`, summaries)
/// prints these; decisions in JSON carry instants, which need no zone.
package struct LocalDates: Sendable {
    /// Dates of a program without a time zone.
    package static let utc = LocalDates(zone: nil)

    private let zone: TimeZoneRules?

    init(zone: TimeZoneRules?) {
        self.zone = zone
    }

    /// `Europe/London`, or nil when the dates are UTC dates.
    package var zoneName: String? { zone?.name }

    /// `2025-07-01`: the local date holding `t`.
    package func date(_ t: Instant) -> String {
        Instant(secondsSinceEpoch: ZonedCalendar.local(t, zone?.view)).dateString
    }
}

extension PolicySet {
    /// The dates of this program's time zone (every version of a set has the same one).
    package var localDates: LocalDates { LocalDates(zone: policies.first?.compiled.timeZone) }
}
