import Foundation
import Testing
@testable import ReferralPolicy

/// Properties of the program's time zone and of calendar durations over generated snapshots,
/// with Foundation's calendar as an independent oracle where one is needed.
@Suite struct TimePropertyTests {
    typealias G = PropertyTests.Generator

    /// The shipped program with `time_zone: UTC` added: every decision is the one the shipped
    /// program makes (only the content hash, which is of the text, differs).
    @Test func namingUTCChangesNoDecision() throws {
        var versions: [Policy] = []
        for file in ["marketplace-v1.yaml", "marketplace-v2.yaml"] {
            let text = try String(contentsOfFile: T.packageRoot + "/policies/" + file, encoding: .utf8)
            let zoned = text.replacingOccurrences(of: "\ncurrency: USD\n", with: "\ncurrency: USD\ntime_zone: UTC\n")
            #expect(zoned != text)
            versions.append(try T.policy(zoned))
        }
        let set = try #require(PolicySet.make(versions).set)
        func hashless(_ text: String) -> String {
            text.replacingOccurrences(of: #""content_hash":"sha256:[0-9a-f]{64}""#, with: "", options: .regularExpression)
        }
        var compared = 0
        for seed in PropertyTests.seeds.prefix(3000) {
            let s = PropertyTests.snapshot(seed: seed)
            let shipped = PropertyTests.answer(s)
            let utc: String
            do { utc = DecisionEncoder.json(try set.evaluate(s, explain: true)) } catch { utc = "error: \(error)" }
            #expect(hashless(utc) == hashless(shipped), "seed \(seed)")
            compared += 1
        }
        #expect(compared == 3000)
    }

    static let london = """
        program: uk
        version: "1"
        currency: GBP
        time_zone: Europe/London
        events:
          purchase:
            amount: true
        referral_types:
          friend:
            window: { months: 2 }
            requirements:
              - id: days_with_a_purchase
                count: purchase
                at_least: 1000
                distinct_days: true
            rewards:
              - to: referrer
                kind: cash
                amount: 10.00

        """

    static func snapshot(_ g: inout G, events count: Int64) -> Snapshot {
        // Around the changes of the clocks of 2024 and 2025, at any hour.
        let signup = Instant(secondsSinceEpoch: Instant.date(year: 2024, month: 2, day: 1)!.secondsSinceEpoch + g.int(0...600) * 86_400
                                 + g.int(0...86_399))
        var events: [Snapshot.Event] = []
        for _ in 0..<count {
            let at = Instant(secondsSinceEpoch: signup.secondsSinceEpoch + g.int(-3...70) * 86_400 + g.int(0...86_399))
            events.append(Snapshot.Event(type: "purchase", at: at, amountMinor: 100))
        }
        return Snapshot(id: "r", type: "friend", asOf: Instant(secondsSinceEpoch: signup.secondsSinceEpoch + 100 * 86_400),
                        referrer: Snapshot.Referrer(id: "a", status: "active"),
                        referee: Snapshot.Referee(id: "b", signupAt: signup), events: events)
    }

    /// The days a London program counts are the distinct UK calendar dates Foundation's
    /// calendar gives for the events in the window, which ends 2 calendar months after sign-up
    /// at the same UK time (Foundation's `date(byAdding: .month)`).
    @Test func distinctDaysAreTheUKDatesFoundationGives() throws {
        let policy = try T.policy(Self.london)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/London"))
        var g = G(state: 2025)
        for round in 0..<1500 {
            let s = Self.snapshot(&g, events: g.int(0...30))
            let decision = try policy.evaluate(s)
            let progress = try #require(decision.progress.first)
            let signup = Date(timeIntervalSince1970: TimeInterval(s.referee.signupAt.secondsSinceEpoch))
            let end = try #require(calendar.date(byAdding: .month, value: 2, to: signup))
            #expect(progress.deadline?.secondsSinceEpoch == Int64(end.timeIntervalSince1970), "round \(round)")
            let days = Set(s.events.map { Date(timeIntervalSince1970: TimeInterval($0.at.secondsSinceEpoch)) }
                .filter { $0 >= signup && $0 <= end }
                .map { calendar.dateComponents([.year, .month, .day], from: $0) })
            #expect(progress.have == Int64(days.count), "round \(round)")
        }
    }

    /// More purchases never count fewer days, in any zone.
    @Test func morePurchasesNeverCountFewerDays() throws {
        let policies = try ["Europe/London", "Australia/Sydney", "America/New_York", "UTC"].map {
            try T.policy(Self.london.replacingOccurrences(of: "Europe/London", with: $0))
        }
        var g = G(state: 7)
        for _ in 0..<800 {
            var s = Self.snapshot(&g, events: g.int(0...15))
            let before = try policies.map { try $0.evaluate(s).progress.first?.have ?? 0 }
            s.events.append(Snapshot.Event(type: "purchase", at: Instant(secondsSinceEpoch: s.referee.signupAt.secondsSinceEpoch + g.int(0...60) * 86_400),
                                           amountMinor: 100))
            let after = try policies.map { try $0.evaluate(s).progress.first?.have ?? 0 }
            for (a, b) in zip(before, after) { #expect(b >= a && b <= a + 1) }
        }
    }

    /// Months add up: a + b months is a months, then b more, when the day of the month exists in
    /// every month (1 to 28) and no change of the clocks is near.
    @Test func monthsAddUp() throws {
        let rules = try TimeZoneTests.rules("Europe/London")
        try withExtendedLifetime(rules) {
            var g = G(state: 11)
            var checked = 0
            for _ in 0..<5000 {
                let t = Instant(secondsSinceEpoch: Instant.date(year: 1990, month: 1, day: 1)!.secondsSinceEpoch + g.int(0...(80 * 365)) * 86_400
                                    + g.int(0...86_399))
                let (a, b) = (g.int(0...30), g.int(0...30))
                guard ZonedCalendar.civil(t, rules.view).day <= 28 else { continue }
                let once = try #require(ZonedCalendar.adding(months: a + b, to: t, rules.view))
                let twice = try #require(ZonedCalendar.adding(months: a, to: t, rules.view).flatMap { ZonedCalendar.adding(months: b, to: $0, rules.view) })
                let middle = try #require(ZonedCalendar.adding(months: a, to: t, rules.view))
                func near(_ x: Instant) -> Bool { rules.view.offset(at: x.secondsSinceEpoch - 7200) != rules.view.offset(at: x.secondsSinceEpoch + 7200) }
                if near(t) || near(middle) || near(once) { continue }
                #expect(once == twice, "\(t) + \(a) + \(b) months")
                // 12 months is a year, whichever way it is said.
                #expect(ZonedCalendar.adding(months: 12, to: t, rules.view) == ZonedCalendar.adding(months: CalendarSpan(count: 1, unit: .years).months, to: t, rules.view))
                checked += 1
            }
            #expect(checked > 4000)
        }
    }
}
