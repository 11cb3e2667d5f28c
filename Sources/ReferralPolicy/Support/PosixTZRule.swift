/// A time zone's yearly rule, as the footer of a tz database file states it in POSIX `TZ`
/// form (`GMT0BST,M3.5.0/1,M10.5.0`: GMT, UTC+0, and from the last Sunday of March at 01:00
/// to the last Sunday of October at 02:00, BST, UTC+1). It gives the offset for instants past
/// the file's table of transitions. Plain values, so the evaluator reads it without counting
/// a reference.
struct PosixTZRule: BitwiseCopyable, Sendable, Hashable {
    /// The day a change happens on, and the local time of day it happens at.
    struct Change: BitwiseCopyable, Sendable, Hashable {
        enum Day: BitwiseCopyable, Sendable, Hashable {
            /// `Jn`: day 1...365, 29 February never counted.
            case julianNoLeap(Int32)
            /// `n`: day 0...365, 29 February counted.
            case zeroBased(Int32)
            /// `Mm.w.d`: weekday `d` (0 is Sunday) of week `w` (5: the last) of month `m`.
            case monthWeekDay(month: Int32, week: Int32, weekday: Int32)
        }

        var day: Day
        /// Seconds after local midnight (in the offset in force before the change); may be
        /// negative or past 24 hours.
        var time: Int32

        /// Days since 1970-01-01 of this change's day in `year`.
        func dayNumber(in year: Int64) -> Int64 {
            let jan1 = Instant.days(fromCivil: year, 1, 1)
            switch day {
            case .julianNoLeap(let n):
                let leapShift: Int64 = Instant.isLeap(year) && n >= 60 ? 1 : 0
                return jan1 + Int64(n) - 1 + leapShift
            case .zeroBased(let n):
                return jan1 + Int64(n)
            case .monthWeekDay(let month, let week, let weekday):
                let first = Instant.days(fromCivil: year, Int64(month), 1)
                // 1970-01-01 was a Thursday (weekday 4).
                let firstWeekday = ((first % 7) + 7 + 4) % 7
                var day = first + (Int64(weekday) - firstWeekday + 7) % 7 + Int64(week - 1) * 7
                let length = Instant.daysInMonth(year: year, month: Int64(month))
                while day >= first + length { day -= 7 }
                return day
            }
        }
    }

    /// Seconds east of UTC outside daylight saving time.
    var standardOffset: Int32
    /// Seconds east of UTC during daylight saving time; equal to `standardOffset` without it.
    var daylightOffset: Int32
    var hasDaylight: Bool
    var start: Change
    var end: Change

    /// The offset (seconds east of UTC) at `t` (seconds since the epoch, UTC).
    func offset(at t: Int64) -> Int64 {
        let standard = Int64(standardOffset)
        guard hasDaylight else { return standard }
        let daylight = Int64(daylightOffset)
        let year = Instant.civil(fromDays: floorDiv(t + standard, Instant.secondsPerDay)).year
        // The start is a standard-time wall clock, the end a daylight-time one.
        let begins = start.dayNumber(in: year) * Instant.secondsPerDay + Int64(start.time) - standard
        let ends = end.dayNumber(in: year) * Instant.secondsPerDay + Int64(end.time) - daylight
        let inDaylight = begins < ends ? (t >= begins && t < ends) : (t < ends || t >= begins)
        return inDaylight ? daylight : standard
    }

    /// Reads a POSIX `TZ` string (`EST5EDT,M3.2.0,M11.1.0`, `<+0330>-3:30`, `AEST-10AEDT,M10.1.0,M4.1.0/3`);
    /// nil when it is not one.
    static func parse(_ text: String) -> PosixTZRule? {
        var reader = Reader(bytes: Array(text.utf8))
        guard reader.name(), let std = reader.offset() else { return nil }
        let standard = -std
        if reader.atEnd {
            return PosixTZRule(standardOffset: standard, daylightOffset: standard, hasDaylight: false,
                               start: Change(day: .zeroBased(0), time: 0), end: Change(day: .zeroBased(0), time: 0))
        }
        guard reader.name() else { return nil }
        var daylight = standard + 3600
        if !reader.atEnd, reader.peek != UInt8(ascii: ",") {
            guard let d = reader.offset() else { return nil }
            daylight = -d
        }
        // Without rules, POSIX leaves the dates to the implementation; the US rules are the usual default.
        var start = Change(day: .monthWeekDay(month: 3, week: 2, weekday: 0), time: 7200)
        var end = Change(day: .monthWeekDay(month: 11, week: 1, weekday: 0), time: 7200)
        if !reader.atEnd {
            guard reader.take(","), let s = reader.change(), reader.take(","), let e = reader.change(), reader.atEnd else { return nil }
            start = s
            end = e
        }
        return PosixTZRule(standardOffset: standard, daylightOffset: daylight, hasDaylight: true, start: start, end: end)
    }

    private struct Reader {
        let bytes: [UInt8]
        var i = 0

        var atEnd: Bool { i >= bytes.count }
        var peek: UInt8? { atEnd ? nil : bytes[i] }

        mutating func take(_ c: Character) -> Bool {
            guard let p = peek, p == c.asciiValue else { return false }
            i += 1
            return true
        }

        /// `GMT` (three or more letters) or `<+0330>`.
        mutating func name() -> Bool {
            if take("<") {
                let start = i
                while let p = peek, p != UInt8(ascii: ">") {
                    guard Self.isAlnum(p) || p == UInt8(ascii: "+") || p == UInt8(ascii: "-") else { return false }
                    i += 1
                }
                guard i - start >= 3, take(">") else { return false }
                return true
            }
            let start = i
            while let p = peek, Self.isAlpha(p) { i += 1 }
            return i - start >= 3
        }

        /// `[+-]hh[:mm[:ss]]`, in seconds; the POSIX sign (positive is west of UTC).
        mutating func offset() -> Int32? {
            var sign: Int32 = 1
            if take("-") { sign = -1 } else { _ = take("+") }
            guard let t = time(maxHours: 24) else { return nil }
            return sign * t
        }

        /// `hh[:mm[:ss]]` in seconds, hours up to `maxHours`.
        mutating func time(maxHours: Int32) -> Int32? {
            guard let h = number(), h <= maxHours else { return nil }
            var seconds = h * 3600
            if take(":") {
                guard let m = number(), m < 60 else { return nil }
                seconds += m * 60
                if take(":") {
                    guard let s = number(), s < 60 else { return nil }
                    seconds += s
                }
            }
            return seconds
        }

        mutating func number() -> Int32? {
            let start = i
            var v: Int32 = 0
            while let p = peek, p >= 48, p <= 57, i - start < 3 {
                v = v * 10 + Int32(p - 48)
                i += 1
            }
            return i > start ? v : nil
        }

        /// `Mm.w.d`, `Jn` or `n`, then `/time` (which may be negative or up to 167 hours).
        mutating func change() -> Change? {
            let day: Change.Day
            if take("M") {
                guard let m = number(), (1...12).contains(m), take("."), let w = number(), (1...5).contains(w), take("."),
                      let d = number(), (0...6).contains(d) else { return nil }
                day = .monthWeekDay(month: m, week: w, weekday: d)
            } else if take("J") {
                guard let n = number(), (1...365).contains(n) else { return nil }
                day = .julianNoLeap(n)
            } else {
                guard let n = number(), (0...365).contains(n) else { return nil }
                day = .zeroBased(n)
            }
            var time: Int32 = 7200
            if take("/") {
                var sign: Int32 = 1
                if take("-") { sign = -1 } else { _ = take("+") }
                guard let t = self.time(maxHours: 167) else { return nil }
                time = sign * t
            }
            return Change(day: day, time: time)
        }

        static func isAlpha(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
        static func isAlnum(_ c: UInt8) -> Bool { isAlpha(c) || (c >= 48 && c <= 57) }
    }
}
