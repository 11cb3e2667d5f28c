/// An instant in time, stored as whole seconds since 1970-01-01T00:00:00Z (UTC).
///
/// Policies and snapshots write instants in ISO 8601 with an offset
/// (`2025-03-01T12:00:00Z`, `2025-03-01T14:00:00+02:00`); policies may also write a
/// plain date (`2025-03-01`), which means midnight UTC. Fractions of a second are
/// accepted and dropped. Evaluation never reads the clock: "now" is a snapshot's `as_of`.
public struct Instant: Sendable, Hashable, Comparable, CustomStringConvertible, BitwiseCopyable {
    /// Seconds since the Unix epoch, UTC.
    public var secondsSinceEpoch: Int64

    public init(secondsSinceEpoch: Int64) {
        self.secondsSinceEpoch = secondsSinceEpoch
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool {
        lhs.secondsSinceEpoch < rhs.secondsSinceEpoch
    }

    /// Seconds in one day; durations in policies are whole days.
    static let secondsPerDay: Int64 = 86_400

    /// Years outside 0001...9999 are rejected, so day arithmetic on parsed instants never overflows.
    static let earliest = Instant(secondsSinceEpoch: -62_135_596_800)  // 0001-01-01T00:00:00Z
    static let latest = Instant(secondsSinceEpoch: 253_402_300_799)    // 9999-12-31T23:59:59Z

    /// This instant moved by a whole number of days, or `nil` when the result leaves 0001...9999.
    func adding(days: Int64) -> Instant? {
        let (delta, o1) = days.multipliedReportingOverflow(by: Instant.secondsPerDay)
        let (sum, o2) = secondsSinceEpoch.addingReportingOverflow(delta)
        guard !o1, !o2, sum >= Instant.earliest.secondsSinceEpoch, sum <= Instant.latest.secondsSinceEpoch else {
            return nil
        }
        return Instant(secondsSinceEpoch: sum)
    }

    /// The calendar date (UTC) holding this instant.
    var civil: (year: Int64, month: Int64, day: Int64) {
        Instant.civil(fromDays: floorDiv(secondsSinceEpoch, Instant.secondsPerDay))
    }

    /// Days since the epoch of the UTC date holding this instant.
    var dayNumber: Int64 { floorDiv(secondsSinceEpoch, Instant.secondsPerDay) }

    /// `2025-03-01T12:00:00Z`.
    public var description: String {
        let days = floorDiv(secondsSinceEpoch, Instant.secondsPerDay)
        let rem = secondsSinceEpoch - days * Instant.secondsPerDay
        let (y, m, d) = Instant.civil(fromDays: days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rem / 3600, 2)):\(pad(rem % 3600 / 60, 2)):\(pad(rem % 60, 2))Z"
    }

    /// `2025-03-01`: the UTC date only.
    package var dateString: String {
        let (y, m, d) = civil
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    /// The first instant of the given UTC date, or `nil` when the date does not exist.
    package static func date(year: Int64, month: Int64, day: Int64) -> Instant? {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1,
              day <= daysInMonth(year: year, month: month) else { return nil }
        return Instant(secondsSinceEpoch: days(fromCivil: year, month, day) * secondsPerDay)
    }

    /// Parses `YYYY-MM-DDTHH:MM:SS[.fff](Z|±HH:MM)`, or a plain date `YYYY-MM-DD` when
    /// `allowDateOnly` is set. Returns `nil` for anything else, including impossible dates.
    public static func parse(_ text: String, allowDateOnly: Bool = false) -> Instant? {
        var copy = text
        return copy.withUTF8 { parse(bytes: UnsafeRawBufferPointer($0), allowDateOnly: allowDateOnly) }
    }

    /// Byte-level parser shared by the policy loader and the snapshot decoder.
    static func parse(bytes b: UnsafeRawBufferPointer, allowDateOnly: Bool) -> Instant? {
        let n = b.count
        func digits(_ at: Int, _ count: Int) -> Int64? {
            guard at + count <= n else { return nil }
            var v: Int64 = 0
            for i in at..<(at + count) {
                let c = b[i]
                guard c >= 48, c <= 57 else { return nil }
                v = v * 10 + Int64(c - 48)
            }
            return v
        }
        guard n >= 10, let year = digits(0, 4), b[4] == 45, let month = digits(5, 2), b[7] == 45,
              let day = digits(8, 2) else { return nil }
        guard let midnight = date(year: year, month: month, day: day) else { return nil }
        if n == 10 { return allowDateOnly ? midnight : nil }
        guard n >= 20, b[10] == 84 || b[10] == 116, let hh = digits(11, 2), b[13] == 58,
              let mm = digits(14, 2), b[16] == 58, let ss = digits(17, 2),
              hh <= 23, mm <= 59, ss <= 59 else { return nil }
        var i = 19
        if b[i] == 46 {  // fraction, dropped
            i += 1
            let start = i
            while i < n, b[i] >= 48, b[i] <= 57 { i += 1 }
            guard i > start, i - start <= 9 else { return nil }
        }
        guard i < n else { return nil }
        var offset: Int64 = 0
        switch b[i] {
        case 90, 122:  // Z z
            guard i + 1 == n else { return nil }
        case 43, 45:  // + -
            guard i + 6 == n, let oh = digits(i + 1, 2), b[i + 3] == 58, let om = digits(i + 4, 2),
                  oh <= 23, om <= 59 else { return nil }
            offset = (oh * 3600 + om * 60) * (b[i] == 43 ? 1 : -1)
        default:
            return nil
        }
        let seconds = midnight.secondsSinceEpoch + hh * 3600 + mm * 60 + ss - offset
        guard seconds >= earliest.secondsSinceEpoch, seconds <= latest.secondsSinceEpoch else { return nil }
        return Instant(secondsSinceEpoch: seconds)
    }

    static func isLeap(_ y: Int64) -> Bool { (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 }

    static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
    static func days(fromCivil y0: Int64, _ m: Int64, _ d: Int64) -> Int64 {
        let y = m <= 2 ? y0 - 1 : y0
        let era = floorDiv(y, 400)
        let yoe = y - era * 400
        let mp = (m + 9) % 12
        let doy = (153 * mp + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays z0: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = z0 + 719_468
        let era = floorDiv(z, 146_097)
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}

func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
}

private func pad(_ v: Int64, _ width: Int) -> String {
    let s = String(v)
    return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
}
