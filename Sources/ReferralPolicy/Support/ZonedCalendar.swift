/// Calendar arithmetic in a program's time zone (UTC when the zone is nil): which local day
/// an instant falls on, where a local day, month or year begins, and an instant moved by
/// calendar months. Pure arithmetic on a ``ZoneView``'s table: no Foundation calendar.
enum ZonedCalendar {
    /// Seconds since 1970-01-01 00:00 of the local wall clock at `t`.
    @inline(__always) static func local(_ t: Instant, _ zone: ZoneView?) -> Int64 {
        guard let zone else { return t.secondsSinceEpoch }
        return t.secondsSinceEpoch + zone.offset(at: t.secondsSinceEpoch)
    }

    /// The instant of a local wall-clock time (see ``ZoneView/utc(fromLocal:)`` for the hour
    /// skipped and the hour repeated when clocks change).
    @inline(__always) static func instant(local: Int64, _ zone: ZoneView?) -> Instant {
        Instant(secondsSinceEpoch: zone.map { $0.utc(fromLocal: local) } ?? local)
    }

    /// Days since 1970-01-01 of the local date holding `t`.
    @inline(__always) static func dayNumber(_ t: Instant, _ zone: ZoneView?) -> Int64 {
        floorDiv(local(t, zone), Instant.secondsPerDay)
    }

    /// The local date holding `t`.
    static func civil(_ t: Instant, _ zone: ZoneView?) -> (year: Int64, month: Int64, day: Int64) {
        Instant.civil(fromDays: dayNumber(t, zone))
    }

    /// The first instant of a local date (its midnight, or the first instant after it when
    /// the clocks skip midnight), or nil when the date does not exist.
    static func startOfDay(year: Int64, month: Int64, day: Int64, _ zone: ZoneView?) -> Instant? {
        guard let utcMidnight = Instant.date(year: year, month: month, day: day) else { return nil }
        return instant(local: utcMidnight.secondsSinceEpoch, zone)
    }

    /// The first instant of the local month holding `t`.
    static func startOfMonth(_ t: Instant, _ zone: ZoneView?) -> Instant? {
        let (y, m, _) = civil(t, zone)
        return startOfDay(year: y, month: m, day: 1, zone)
    }

    /// The first instant of the local year holding `t`.
    static func startOfYear(_ t: Instant, _ zone: ZoneView?) -> Instant? {
        startOfDay(year: civil(t, zone).year, month: 1, day: 1, zone)
    }

    /// `t` moved by `months` calendar months (negative: back) in the zone: the same local time
    /// of day on the same day of the month, or on the month's last day when it is shorter
    /// (31 January plus 1 month is 28 or 29 February); nil when it leaves 0001...9999.
    static func adding(months: Int64, to t: Instant, _ zone: ZoneView?) -> Instant? {
        let wall = local(t, zone)
        let days = floorDiv(wall, Instant.secondsPerDay)
        let timeOfDay = wall - days * Instant.secondsPerDay
        let (y, m, d) = Instant.civil(fromDays: days)
        let (index, overflow) = (y * 12 + (m - 1)).addingReportingOverflow(months)
        guard !overflow else { return nil }
        let year = floorDiv(index, 12)
        let month = index - year * 12 + 1
        guard year >= 1, year <= 9999 else { return nil }
        let day = min(d, Instant.daysInMonth(year: year, month: month))
        let moved = instant(local: Instant.days(fromCivil: year, month, day) * Instant.secondsPerDay + timeOfDay, zone)
        guard moved >= Instant.earliest, moved <= Instant.latest else { return nil }
        return moved
    }
}
