import Foundation
import Testing
@testable import ReferralPolicy

/// The time zone machinery under the language: the tz database reader (TZif and its POSIX
/// rule), the zone's offsets checked against Foundation's `TimeZone` as an independent
/// oracle, local time back to UTC across the changes of the clocks, and calendar months.
@Suite struct TimeZoneTests {
    /// The zones read so far, kept for the whole run: a ``ZoneView`` is valid only while its
    /// rules live.
    nonisolated(unsafe) static var kept: [String: TimeZoneRules] = [:]
    static let lock = NSLock()

    static func rules(_ name: String) throws -> TimeZoneRules {
        lock.lock()
        defer { lock.unlock() }
        if let rules = kept[name] { return rules }
        switch TimeZoneDatabase.system.rules(named: name) {
        case .success(let rules?):
            kept[name] = rules
            return rules
        case .success(nil): throw Unexpected(what: "\(name) read as UTC")
        case .failure(let failure): throw Unexpected(what: "\(name): \(failure)")
        }
    }

    struct Unexpected: Error, CustomStringConvertible {
        var what: String
        var description: String { what }
    }

    static func at(_ text: String) -> Instant { T.at(text) }

    static func isUTC(_ result: Result<TimeZoneRules?, TimeZoneDatabase.Failure>) -> Bool {
        if case .success(nil) = result { return true }
        return false
    }
    static func s(_ text: String) -> Int64 { at(text).secondsSinceEpoch }

    // MARK: - Offsets

    @Test func londonGoesToSummerTimeAndBackAtOneInTheMorningUTC() throws {
        let london = try Self.rules("Europe/London").view
        #expect(london.offset(at: Self.s("2025-03-30T00:59:59Z")) == 0)
        #expect(london.offset(at: Self.s("2025-03-30T01:00:00Z")) == 3600)
        #expect(london.offset(at: Self.s("2025-10-26T00:59:59Z")) == 3600)
        #expect(london.offset(at: Self.s("2025-10-26T01:00:00Z")) == 0)
        // Past the table (the file lists changes up to 2037), from the zone's rule.
        #expect(london.offset(at: Self.s("2087-07-01T12:00:00Z")) == 3600)
        #expect(london.offset(at: Self.s("2087-12-01T12:00:00Z")) == 0)
        // Before the first change: local mean time, as the database says (-0:01:15).
        #expect(london.offset(at: Self.s("1800-01-01T00:00:00Z")) == -75)
    }

    static let zones = ["Europe/London", "Europe/Paris", "America/New_York", "America/Los_Angeles", "Australia/Sydney",
                        "Australia/Lord_Howe", "Pacific/Auckland", "Asia/Tokyo", "Asia/Kolkata", "America/Sao_Paulo",
                        "Pacific/Chatham", "America/St_Johns"]

    /// Foundation reads the zones with ICU's copy of the database: an independent reading of
    /// the same rules. Instants from 1980 (before the zones' last rule changes) to 2100 (past
    /// every table, where the POSIX rule gives the offset).
    @Test(arguments: zones)
    func offsetsAgreeWithFoundation(_ name: String) throws {
        let view = try Self.rules(name).view
        let foundation = try #require(TimeZone(identifier: name))
        var random = SplitMix(seed: UInt64(name.utf8.reduce(7) { $0 &* 31 &+ UInt64($1) }))
        var disagreements: [String] = []
        for _ in 0..<3000 {
            let t = Self.s("1980-01-01T00:00:00Z") + Int64(random.next() % UInt64(Self.s("2100-01-01T00:00:00Z") - Self.s("1980-01-01T00:00:00Z")))
            let expected = Int64(foundation.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
            let actual = view.offset(at: t)
            if actual != expected { disagreements.append("\(Instant(secondsSinceEpoch: t)): \(actual) vs Foundation's \(expected)") }
        }
        #expect(disagreements.isEmpty, "\(name): \(disagreements.prefix(5))")
    }

    /// Where the table and the zone's rule both apply (the years the rule has held), they agree:
    /// the rule is read right, so the years past the table are too.
    @Test(arguments: ["Europe/London", "Europe/Berlin", "America/New_York", "America/Chicago", "Australia/Sydney",
                      "Australia/Adelaide", "Australia/Lord_Howe", "Pacific/Auckland", "America/St_Johns"])
    func theZonesRuleAgreesWithItsTable(_ name: String) throws {
        let view = try Self.rules(name).view
        let rule = try #require(view.rule)
        var t = Self.s("2012-01-01T00:00:00Z")  // St. John's changed its hour of change in 2011
        let end = view.transitions.last ?? t
        var checked = 0
        while t < end {
            #expect(rule.offset(at: t) == view.offset(at: t), "\(name) at \(Instant(secondsSinceEpoch: t))")
            t += 3 * 3600 + 17
            checked += 1
        }
        #expect(checked > 10_000)
    }

    @Test(arguments: [
        ("GMT0BST,M3.5.0/1,M10.5.0", 0, 3600, true),
        ("EST5EDT,M3.2.0,M11.1.0", -18_000, -14_400, true),
        ("<+0330>-3:30", 12_600, 12_600, false),
        ("AEST-10AEDT,M10.1.0,M4.1.0/3", 36_000, 39_600, true),
        ("<-03>3<-02>,M3.5.0/-2,M10.5.0/-1", -10_800, -7_200, true),
        ("IST-2IDT,M3.4.4/26,M10.5.0", 7_200, 10_800, true),
        ("<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", 37_800, 39_600, true),
        ("JST-9", 32_400, 32_400, false),
    ])
    func posixRulesAreRead(_ text: String, standard: Int32, daylight: Int32, hasDaylight: Bool) throws {
        let rule = try #require(PosixTZRule.parse(text), "\(text)")
        #expect(rule.standardOffset == standard)
        #expect(rule.daylightOffset == daylight)
        #expect(rule.hasDaylight == hasDaylight)
    }

    @Test(arguments: ["", "GMT", "G0", "GMT0BST,M3.5.0", "GMT0BST,M13.5.0,M10.5.0", "GMT0BST,M3.5.0/1,M10.5.0,", "<+03", "GMT+25", "EST5EDT,J0,J365"])
    func brokenPosixRulesAreRefused(_ text: String) {
        #expect(PosixTZRule.parse(text) == nil, "\(text)")
    }

    /// Israel changes on the Friday before the last Sunday of March at 02:00: `M3.4.4/26` is
    /// the fourth Thursday at 26:00.
    @Test func posixTimesPastMidnightLandOnTheNextDay() throws {
        let rule = try #require(PosixTZRule.parse("IST-2IDT,M3.4.4/26,M10.5.0"))
        // 2030: the fourth Thursday of March is the 28th, so 26:00 is 29 March 02:00 local (00:00 UTC).
        #expect(rule.offset(at: Self.s("2030-03-28T23:59:59Z")) == 7_200)
        #expect(rule.offset(at: Self.s("2030-03-29T00:00:00Z")) == 10_800)
    }

    // MARK: - The database files

    @Test func damagedFilesAreRefusedNotRead() throws {
        let london = try Data(contentsOf: URL(fileURLWithPath: TimeZoneDatabase.defaultDirectory + "/Europe/London"))
        #expect(TZif.parse(Array(london.prefix(60))) == .failure(.damaged("the second header is cut short")) ||
                TZif.parse(Array(london.prefix(60))) == .failure(.damaged("the data is cut short")))
        #expect(TZif.parse(Array(london.prefix(london.count - 5))) == .failure(.damaged("the footer is not closed")))
        #expect(TZif.parse(Array("# tzdb data\n".utf8)) == .failure(.notAZone))
        var empty = Array("TZif2".utf8) + Array(repeating: 0, count: 39)
        #expect(TZif.parse(empty) == .failure(.damaged("the second header is cut short")))
        empty[4] = 0
        #expect(TZif.parse(empty) == .failure(.damaged("it defines no local time type")))
        // Every prefix of a real file is refused or read, never a crash.
        for length in stride(from: 0, to: london.count, by: 7) { _ = TZif.parse(Array(london.prefix(length))) }
        // Flipped bytes: the same.
        var random = SplitMix(seed: 42)
        for _ in 0..<500 {
            var bytes = Array(london)
            for _ in 0..<4 { bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next()) }
            _ = TZif.parse(bytes)
        }
    }

    @Test func whatTheDatabaseSaysAboutNames() throws {
        let missing = TimeZoneDatabase(directory: "/nonexistent/zoneinfo")
        #expect(Self.isUTC(missing.rules(named: "UTC")))
        #expect(missing.rules(named: "Europe/London").failure == .noDatabase)
        let system = TimeZoneDatabase.system
        #expect(system.rules(named: "../../etc/passwd").failure == .notAName)
        #expect(system.rules(named: "/etc/passwd").failure == .notAName)
        #expect(system.rules(named: "Europe//London").failure == .notAName)
        #expect(system.rules(named: "posix/Europe/London").failure == .unknown(suggestion: "Europe/London"))
        #expect(system.rules(named: "right/Europe/London").failure == .unknown(suggestion: "Europe/London"))
        #expect(system.rules(named: "localtime").failure != nil)
        #expect(system.rules(named: "zone1970").failure != nil)
        #expect(system.rules(named: "Europe").failure != nil)  // a folder
        // A zone that is UTC at every instant changes nothing: it is left out of plans.
        #expect(Self.isUTC(system.rules(named: "Etc/UTC")))
        #expect(Self.isUTC(system.rules(named: "Etc/GMT")))
    }

    @Test(arguments: [("europe/london", "Europe/London"), ("London", "Europe/London"), ("new york", "America/New_York"),
                      ("Europe/Pari", "Europe/Paris"), ("BST", "Europe/London"), ("pst", "America/Los_Angeles"),
                      ("Amercia/Chicago", "America/Chicago")])
    func suggestions(_ written: String, _ meant: String) {
        #expect(TimeZoneDatabase.system.suggestion(for: written) == meant)
    }

    @Test func aDamagedFileInTheDatabaseIsReportedAsSuch() throws {
        let folder = try DiagnosticsTests.TemporaryFolder()
        try FileManager.default.createDirectory(atPath: folder.path + "/Europe", withIntermediateDirectories: true)
        let london = try Data(contentsOf: URL(fileURLWithPath: TimeZoneDatabase.defaultDirectory + "/Europe/London"))
        try london.prefix(100).write(to: URL(fileURLWithPath: folder.path + "/Europe/London"))
        try london.write(to: URL(fileURLWithPath: folder.path + "/Europe/Lisbon"))
        let database = TimeZoneDatabase(directory: folder.path)
        #expect(database.rules(named: "Europe/London").failure == .unreadable(path: folder.path + "/Europe/London", reason: "the second header is cut short"))
        #expect(database.names() == ["Europe/Lisbon", "Europe/London"])
        let lisbon = try #require(try database.rules(named: "Europe/Lisbon").get())
        withExtendedLifetime(lisbon) {
            #expect(lisbon.view.offset(at: Self.s("2025-07-01T00:00:00Z")) == 3600)
        }
    }

    // MARK: - Local time and back

    @Test func localMidnightInSummerIsElevenPMUTC() throws {
        let london = try Self.rules("Europe/London").view
        #expect(ZonedCalendar.startOfDay(year: 2025, month: 7, day: 1, london) == Self.at("2025-06-30T23:00:00Z"))
        #expect(ZonedCalendar.startOfDay(year: 2025, month: 1, day: 1, london) == Self.at("2025-01-01T00:00:00Z"))
        #expect(ZonedCalendar.startOfMonth(Self.at("2025-06-30T23:30:00Z"), london) == Self.at("2025-06-30T23:00:00Z"))
        #expect(ZonedCalendar.startOfYear(Self.at("2025-06-30T23:30:00Z"), london) == Self.at("2025-01-01T00:00:00Z"))
        // 23:30 and 00:30 UK summer time: two local days, one UTC day.
        let a = Self.at("2025-07-01T22:30:00Z"), b = Self.at("2025-07-01T23:30:00Z")
        #expect(ZonedCalendar.dayNumber(a, london) + 1 == ZonedCalendar.dayNumber(b, london))
        #expect(ZonedCalendar.dayNumber(a, nil) == ZonedCalendar.dayNumber(b, nil))
    }

    @Test func theSkippedHourIsTheMomentTheClocksChangeAndTheRepeatedHourItsFirstTime() throws {
        let london = try Self.rules("Europe/London").view
        func local(_ text: String) -> Int64 { Self.s(text) }  // a wall-clock time, written as if UTC
        #expect(london.utc(fromLocal: local("2025-03-30T00:30:00Z")) == Self.s("2025-03-30T00:30:00Z"))
        #expect(london.utc(fromLocal: local("2025-03-30T01:00:00Z")) == Self.s("2025-03-30T01:00:00Z"))
        #expect(london.utc(fromLocal: local("2025-03-30T01:30:00Z")) == Self.s("2025-03-30T01:00:00Z"))
        #expect(london.utc(fromLocal: local("2025-03-30T01:59:59Z")) == Self.s("2025-03-30T01:00:00Z"))
        #expect(london.utc(fromLocal: local("2025-03-30T02:00:00Z")) == Self.s("2025-03-30T01:00:00Z"))
        #expect(london.utc(fromLocal: local("2025-03-30T02:30:00Z")) == Self.s("2025-03-30T01:30:00Z"))
        #expect(london.utc(fromLocal: local("2025-10-26T00:30:00Z")) == Self.s("2025-10-25T23:30:00Z"))
        #expect(london.utc(fromLocal: local("2025-10-26T01:30:00Z")) == Self.s("2025-10-26T00:30:00Z"))
        #expect(london.utc(fromLocal: local("2025-10-26T02:30:00Z")) == Self.s("2025-10-26T02:30:00Z"))
        // Southern hemisphere: Sydney goes forward on 5 October 2025 at 02:00 local.
        let sydney = try Self.rules("Australia/Sydney").view
        #expect(sydney.utc(fromLocal: local("2025-10-05T02:30:00Z")) == Self.s("2025-10-04T16:00:00Z"))
        #expect(sydney.utc(fromLocal: local("2025-04-06T02:30:00Z")) == Self.s("2025-04-05T15:30:00Z"))
    }

    // MARK: - Calendar months

    @Test(arguments: [
        ("2024-01-31T10:00:00Z", 1, "2024-02-29T10:00:00Z"),
        ("2025-01-31T10:00:00Z", 1, "2025-02-28T10:00:00Z"),
        ("2024-01-31T10:00:00Z", 2, "2024-03-31T10:00:00Z"),
        ("2024-02-10T12:00:00Z", 12, "2025-02-10T12:00:00Z"),
        ("2024-02-29T12:00:00Z", 12, "2025-02-28T12:00:00Z"),
        ("2024-02-29T12:00:00Z", 48, "2028-02-29T12:00:00Z"),
        ("2025-12-15T00:00:00Z", 1, "2026-01-15T00:00:00Z"),
        ("2025-03-31T23:59:59Z", -1, "2025-02-28T23:59:59Z"),
        ("9999-11-30T00:00:00Z", 1, "9999-12-30T00:00:00Z"),
    ])
    func monthsInUTCKeepTheDayOrTakeTheMonthsLast(_ start: String, _ months: Int64, _ end: String) {
        #expect(ZonedCalendar.adding(months: months, to: Self.at(start), nil) == Self.at(end))
    }

    @Test func monthsPastTheYears9999AreNil() {
        #expect(ZonedCalendar.adding(months: 1, to: Self.at("9999-12-01T00:00:00Z"), nil) == nil)
        #expect(ZonedCalendar.adding(months: .max, to: Self.at("2025-01-01T00:00:00Z"), nil) == nil)
    }

    @Test func monthsInLondonKeepTheClockTimeAcrossTheChangeOfTheClocks() throws {
        let london = try Self.rules("Europe/London").view
        // 12:00 GMT plus a month is 12:00 BST: 11:00 UTC.
        #expect(ZonedCalendar.adding(months: 1, to: Self.at("2025-03-15T12:00:00Z"), london) == Self.at("2025-04-15T11:00:00Z"))
        #expect(ZonedCalendar.adding(months: 1, to: Self.at("2025-10-15T11:00:00Z"), london) == Self.at("2025-11-15T12:00:00Z"))
        // 00:30 on 1 July (BST) is 23:30 UTC on 30 June; a month later, 00:30 on 1 August.
        #expect(ZonedCalendar.adding(months: 1, to: Self.at("2025-06-30T23:30:00Z"), london) == Self.at("2025-07-31T23:30:00Z"))
        // 01:30 GMT on 30 January plus 2 months is 01:30 on 30 March, skipped: 02:00 BST.
        #expect(ZonedCalendar.adding(months: 2, to: Self.at("2025-01-30T01:30:00Z"), london) == Self.at("2025-03-30T01:00:00Z"))
        // 01:30 BST on 26 September plus a month is 01:30 on 26 October, twice: the first, BST.
        #expect(ZonedCalendar.adding(months: 1, to: Self.at("2025-09-26T00:30:00Z"), london) == Self.at("2025-10-26T00:30:00Z"))
    }

    /// Foundation's calendar as the oracle for month arithmetic in a zone, away from the hours
    /// the clocks change (where the two may resolve a skipped or repeated time differently).
    @Test(arguments: ["Europe/London", "America/New_York", "Australia/Sydney", "Asia/Kolkata"])
    func monthsAgreeWithFoundationsCalendar(_ name: String) throws {
        let view = try Self.rules(name).view
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: name))
        var random = SplitMix(seed: 99)
        var checked = 0
        for _ in 0..<3000 {
            let t = Self.s("2000-01-01T00:00:00Z") + Int64(random.next() % UInt64(60 * 365 * 86_400))
            let months = Int64(random.next() % 40)
            let start = Instant(secondsSinceEpoch: t)
            let ours = try #require(ZonedCalendar.adding(months: months, to: start, view))
            let theirs = try #require(calendar.date(byAdding: .month, value: Int(months), to: Date(timeIntervalSince1970: TimeInterval(t))))
            func nearChange(_ x: Int64) -> Bool { view.offset(at: x - 3 * 3600) != view.offset(at: x + 3 * 3600) }
            if nearChange(t) || nearChange(ours.secondsSinceEpoch) { continue }
            #expect(ours.secondsSinceEpoch == Int64(theirs.timeIntervalSince1970), "\(name): \(start) + \(months) months")
            checked += 1
        }
        #expect(checked > 2500)
    }
}

/// A small, seeded random number generator: the same numbers on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
