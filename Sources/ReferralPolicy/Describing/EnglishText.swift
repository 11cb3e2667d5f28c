import Foundation

/// Small pieces of English the description is written with: lists, dates, counts, names.
enum EnglishText {
    typealias Inline = DescriptionDocument.Inline

    /// `a`, `a or b`, `a, b or c` (or `and`), each item its own runs.
    static func join(_ items: [[Inline]], _ conjunction: String) -> [Inline] {
        var out: [Inline] = []
        for (i, item) in items.enumerated() {
            if i > 0 { out.append(.text(i == items.count - 1 ? " \(conjunction) " : ", ")) }
            out += item
        }
        return out
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                         "October", "November", "December"]

    /// `1 July 2025`, or `1 July 2025, 09:30 UTC` when the instant is not the start of a day;
    /// in the program's time zone when it has one (`1 July 2025, 09:30 London time`).
    static func date(_ instant: Instant, in zone: TimeZoneRules? = nil) -> String {
        let local = ZonedCalendar.local(instant, zone?.view)
        let days = floorDiv(local, Instant.secondsPerDay)
        let (y, m, d) = Instant.civil(fromDays: days)
        let day = "\(d) \(months[Int(m) - 1]) \(y)"
        let seconds = local - days * Instant.secondsPerDay
        if seconds == 0 { return day }
        return day + ", " + time(seconds) + (zone.map { " \($0.place) time" } ?? " UTC")
    }

    /// A window's last instant: `the end of 30 September 2025` for 23:59:59, else the instant.
    static func deadline(_ instant: Instant, in zone: TimeZoneRules? = nil) -> String {
        let local = ZonedCalendar.local(instant, zone?.view)
        let days = floorDiv(local, Instant.secondsPerDay)
        if local - days * Instant.secondsPerDay == Instant.secondsPerDay - 1 {
            let (y, m, d) = Instant.civil(fromDays: days)
            return "the end of \(d) \(months[Int(m) - 1]) \(y)"
        }
        return date(instant, in: zone)
    }

    private static func time(_ seconds: Int64) -> String {
        func two(_ v: Int64) -> String { v < 10 ? "0\(v)" : "\(v)" }
        let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60)
        return s == 0 ? "\(two(h)):\(two(m))" : "\(two(h)):\(two(m)):\(two(s))"
    }

    /// `two`, `three`... up to ten, then digits.
    static func small(_ n: Int) -> String {
        let words = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        return n >= 0 && n < words.count ? words[n] : grouped(Int64(n))
    }

    /// `1 day`, `90 days`.
    static func days(_ n: Int64) -> String { n == 1 ? "1 day" : "\(grouped(n)) days" }

    /// `90 days`, `3 months`, `1 year`: a duration as written.
    static func duration(days n: Int64, _ calendar: CalendarSpan?) -> String { calendar?.text ?? days(n) }

    /// `one`, `3`, `1,000`: a count in running text.
    static func count(_ n: Int64) -> String { n == 1 ? "one" : grouped(n) }

    static func grouped(_ n: Int64) -> String {
        Money.decimalString(n, digits: 0, grouped: true)
    }

    /// `posted_job` as words: `posted job`.
    static func words(_ name: String) -> String {
        name.replacingOccurrences(of: "_", with: " ").replacingOccurrences(of: "-", with: " ")
    }

    /// `freelancer` as a heading: `Freelancer referrals`.
    static func typeHeading(_ name: String) -> String {
        let w = words(name)
        return w.prefix(1).uppercased() + w.dropFirst() + " referrals"
    }

    /// `20%`, `12.5%`.
    static func percent(basisPoints bp: Int64) -> String {
        var text = Money.decimalString(bp, digits: 2)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text + "%"
    }
}
