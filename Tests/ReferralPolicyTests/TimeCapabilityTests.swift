import Foundation
import Testing
@testable import ReferralPolicy

/// Issue 14, capabilities 7 and 8: the program's time zone and calendar durations, each
/// decided end to end (policy text in, decision out), with the same rules in UTC beside it
/// where the zone is what makes the difference.
@Suite struct TimeCapabilityTests {
    static func header(zone: String?) -> String {
        T.header.replacingOccurrences(of: "currency: USD\n", with: "currency: USD\n" + (zone.map { "time_zone: \($0)\n" } ?? ""))
    }

    static func policy(zone: String? = "Europe/London", _ rules: String) throws -> Policy {
        try T.policy(header(zone: zone) + rules)
    }

    static let twoDays = """
        referral_types:
          freelancer:
            requirements:
              - id: two_days
                count: purchase
                at_least: 2
                distinct_days: true
            rewards:
              - id: bonus
                to: referrer
                kind: cash
                amount: 10.00

        """

    // MARK: - 7. The program's time zone

    /// 23:30 and 00:30 UK summer time are 22:30 and 23:30 UTC: two days in London, one in UTC.
    @Test func purchasesAt2330And0030UKTimeAreOnTwoDays() throws {
        let events = [T.event("purchase", "2025-07-01T22:30:00Z", 500), T.event("purchase", "2025-07-01T23:30:00Z", 500)]
        let snapshot = T.snapshot(asOf: "2025-08-01", signup: "2025-06-20", events: events)
        let london = try Self.policy(Self.twoDays).evaluate(snapshot, explain: true)
        #expect(london.status == .qualified)
        #expect(london.qualifiedAt == T.at("2025-07-01T23:30:00Z"))
        #expect(london.explanation.contains { $0.saw == "2 `purchase` days in the window of 2 needed" })
        let utc = try Self.policy(zone: nil, Self.twoDays).evaluate(snapshot)
        #expect(utc.status == .pending)
        #expect(utc.progress.first?.have == 1)
    }

    /// In winter the UK is on UTC: the same local days either way.
    @Test func inWinterLondonDaysAreUTCDays() throws {
        let events = [T.event("purchase", "2025-01-10T23:30:00Z", 500), T.event("purchase", "2025-01-11T00:30:00Z", 500),
                      T.event("purchase", "2025-01-11T23:59:59Z", 500)]
        let snapshot = T.snapshot(asOf: "2025-02-01", signup: "2025-01-01", events: events)
        for zone in ["Europe/London", nil] {
            let d = try Self.policy(zone: zone, Self.twoDays.replacingOccurrences(of: "at_least: 2", with: "at_least: 3")).evaluate(snapshot)
            #expect(d.status == .pending, "\(zone ?? "UTC")")
            #expect(d.progress.first?.have == 2)
        }
    }

    @Test func southernHemisphereDaysChangeAtLocalMidnightToo() throws {
        // 23:30 and 00:30 in Sydney in January (AEDT, UTC+11) are 12:30 and 13:30 UTC.
        let events = [T.event("purchase", "2025-01-10T12:30:00Z", 500), T.event("purchase", "2025-01-10T13:30:00Z", 500)]
        let snapshot = T.snapshot(asOf: "2025-02-01", signup: "2025-01-01", events: events)
        #expect(try Self.policy(zone: "Australia/Sydney", Self.twoDays).evaluate(snapshot).status == .qualified)
        #expect(try Self.policy(zone: nil, Self.twoDays).evaluate(snapshot).status == .pending)
    }

    static let monthlyCap = """
        limits:
          - id: one_a_month
            period: calendar_month
            max_rewards: 1
        referral_types:
          freelancer:
            requirements:
              - id: first_purchase
                count: purchase
            rewards:
              - id: bonus
                to: referrer
                kind: cash
                amount: 10.00

        """

    /// A reward granted at 23:30 UTC on 30 June is in July in London (00:30 on 1 July).
    @Test func aCalendarMonthBeginsAtLocalMidnight() throws {
        let referrer = Snapshot.Referrer(id: "u-referrer", status: "active", country: "US", rewards: [
            Snapshot.PastReward(referralID: "r-0", amountMinor: 1000, currency: "USD", kind: .cash,
                                grantedAt: T.at("2025-06-30T23:30:00Z")),
        ])
        let snapshot = T.snapshot(asOf: "2025-08-01", signup: "2025-07-10", referrer: referrer,
                                  events: [T.event("purchase", "2025-07-15T12:00:00Z", 500)])
        let london = try Self.policy(Self.monthlyCap).evaluate(snapshot, explain: true)
        #expect(london.rewards.first?.amount.minorUnits == 0)
        #expect(london.rewards.first?.limitedBy == "one_a_month")
        #expect(london.explanation.contains { $0.saw == "1 reward in calendar month 2025-07 before this one, at most 1" })
        let utc = try Self.policy(zone: nil, Self.monthlyCap).evaluate(snapshot)
        #expect(utc.rewards.first?.amount.minorUnits == 1000)
    }

    /// `until: 2025-07-31` is the end of 31 July in London: 22:59:59 UTC.
    @Test func aPlainDateDeadlineIsTheEndOfTheLocalDay() throws {
        let rules = """
            referral_types:
              freelancer:
                window: { until: 2025-07-31 }
                requirements:
                  - id: first_purchase
                    count: purchase
                rewards:
                  - to: referrer
                    kind: cash
                    amount: 10.00

            """
        let late = T.snapshot(asOf: "2025-08-02", signup: "2025-07-10", events: [T.event("purchase", "2025-07-31T23:30:00Z", 500)])
        let london = try Self.policy(rules).evaluate(late)
        #expect(london.status == .expired)
        #expect(london.progress.first?.deadline == T.at("2025-07-31T22:59:59Z"))
        let utc = try Self.policy(zone: nil, rules).evaluate(late)
        #expect(utc.status == .qualified)
    }

    /// `effective.from: 2025-07-01` is midnight in London: 23:00 UTC on 30 June.
    @Test func effectiveDatesAreLocalMidnights() throws {
        let rules = """
            effective: { from: 2025-07-01 }
            referral_types:
              freelancer:
                requirements: [{ count: purchase }]
                rewards: [{ to: referrer, kind: cash, amount: 10.00 }]

            """
        let signup = T.snapshot(asOf: "2025-08-01", signup: "2025-06-30T23:30:00Z")
        #expect(try Self.policy(rules).evaluate(signup).status == .pending)
        #expect(throws: EvaluationError.self) { try Self.policy(zone: nil, rules).evaluate(signup) }
        #expect(try Self.policy(rules).effective.from == T.at("2025-06-30T23:00:00Z"))
    }

    /// A program in UTC pays nothing for the capability: `time_zone: UTC` decides exactly as
    /// no `time_zone` does, and compiles to the same plan.
    @Test func utcIsTheDefault() throws {
        let rules = Self.twoDays
        let plain = try Self.policy(zone: nil, rules)
        for zone in ["UTC", "Etc/UTC"] {
            let utc = try Self.policy(zone: zone, rules)
            #expect(utc.compiled.zone == nil)
            #expect(utc.compiled.outline == plain.compiled.outline)
        }
        #expect(try Self.policy(rules).compiled.outline.contains("time zone Europe/London"))
        #expect(try Self.policy(rules).compiled.outline.contains("distinctLocalDays"))
    }

    // MARK: - 8. Calendar durations

    @Test(arguments: [
        ("2024-01-31T10:00:00Z", "2024-02-29T10:00:00Z"),
        ("2025-01-31T10:00:00Z", "2025-02-28T10:00:00Z"),
        ("2025-03-15T12:00:00Z", "2025-04-15T11:00:00Z"),  // GMT to BST: the clock time is kept
        ("2025-01-30T01:30:00Z", "2025-02-28T01:30:00Z"),
    ])
    func aWindowOfOneMonthEndsAtTheSameLocalTimeAMonthLater(_ signup: String, _ end: String) throws {
        let rules = """
            referral_types:
              freelancer:
                window: { months: 1 }
                requirements: [{ id: first_purchase, count: purchase }]
                rewards: [{ to: referrer, kind: cash, amount: 10.00 }]

            """
        let d = try Self.policy(rules).evaluate(T.snapshot(asOf: "2025-12-31", signup: signup))
        #expect(d.status == .expired)
        #expect(d.progress.first?.deadline == T.at(end))
        // The last instant still counts.
        let onTime = try Self.policy(rules).evaluate(T.snapshot(asOf: "2025-12-31", signup: signup, events: [T.event("purchase", end, 500)]))
        #expect(onTime.status == .qualified)
    }

    @Test func aWindowOfOneYearAndADeadlineEndsAtTheEarlier() throws {
        let rules = """
            referral_types:
              freelancer:
                window: { years: 1, until: 2025-12-31 }
                requirements: [{ id: first_purchase, count: purchase }]
                rewards: [{ to: referrer, kind: cash, amount: 10.00 }]

            """
        #expect(try Self.policy(zone: nil, rules).evaluate(T.snapshot(asOf: "2026-12-31", signup: "2024-02-29T08:00:00Z")).progress.first?.deadline
                == T.at("2025-02-28T08:00:00Z"))
        #expect(try Self.policy(zone: nil, rules).evaluate(T.snapshot(asOf: "2026-12-31", signup: "2025-06-01")).progress.first?.deadline
                == T.at("2025-12-31T23:59:59Z"))
    }

    static func credit(_ lifetime: String, hold: String = "") -> String {
        """
        referral_types:
          freelancer:
            requirements: [{ id: first_purchase, count: purchase }]
            rewards:
              - id: credit
                to: referee
                kind: credit
                amount: 25.00
        \(lifetime.isEmpty ? "" : "        \(lifetime)\n")\(hold.isEmpty ? "" : "        \(hold)\n")
        """
    }

    /// "Credit usable for 1 year": 10 February 2024 plus 1 year is 10 February 2025, not the
    /// 9th (as 366 days of a leap year would give); 29 February plus 1 year is 28 February.
    @Test(arguments: [
        ("credit_expires: { years: 1 }", "2024-02-10T12:00:00Z", "2025-02-10T12:00:00Z"),
        ("credit_expires_days: 365", "2024-02-10T12:00:00Z", "2025-02-09T12:00:00Z"),
        ("credit_expires: { years: 1 }", "2024-02-29T12:00:00Z", "2025-02-28T12:00:00Z"),
        ("credit_expires: { years: 4 }", "2024-02-29T12:00:00Z", "2028-02-29T12:00:00Z"),
        ("credit_expires: { months: 3 }", "2024-11-30T12:00:00Z", "2025-02-28T12:00:00Z"),
        ("credit_expires: { days: 90 }", "2024-11-30T12:00:00Z", "2025-02-28T12:00:00Z"),
    ])
    func creditLastsCalendarMonthsAndYears(_ lifetime: String, _ qualified: String, _ expires: String) throws {
        let d = try Self.policy(zone: nil, Self.credit(lifetime))
            .evaluate(T.snapshot(asOf: "2026-01-01", signup: "2024-01-01", events: [T.event("purchase", qualified, 500)]))
        #expect(d.rewards.first?.expiresAt == T.at(expires), "\(lifetime)")
    }

    /// A hold of a month keeps the UK clock time; a hold of 31 days keeps the hours.
    @Test func aHoldInMonthsKeepsTheLocalClockTimeAcrossTheChangeOfTheClocks() throws {
        let snapshot = T.snapshot(asOf: "2025-06-01", signup: "2025-03-01", events: [T.event("purchase", "2025-03-15T12:00:00Z", 500)])
        let months = try Self.policy(Self.credit("credit_expires: { years: 1 }", hold: "hold: { months: 1 }")).evaluate(snapshot)
        #expect(months.rewards.first?.payableAt == T.at("2025-04-15T11:00:00Z"))
        #expect(months.rewards.first?.expiresAt == T.at("2026-04-15T11:00:00Z"))
        let days = try Self.policy(Self.credit("", hold: "hold_days: 31")).evaluate(snapshot)
        #expect(days.rewards.first?.payableAt == T.at("2025-04-15T12:00:00Z"))
        let sameAsDays = try Self.policy(Self.credit("", hold: "hold: { days: 31 }")).evaluate(snapshot)
        #expect(sameAsDays.rewards.first?.payableAt == days.rewards.first?.payableAt)
    }

    @Test func aTierTakesItsOwnLifetimeOrTheRewards() throws {
        let rules = """
            referral_types:
              freelancer:
                requirements: [{ id: spend, sum: spent, at_least: 10.00 }]
                rewards:
                  - id: bonus
                    to: referee
                    of: spend
                    credit_expires: { months: 6 }
                    tiers:
                      - { id: small, at_least: 10.00, amount: 5.00, kind: credit }
                      - { id: large, at_least: 100.00, amount: 20.00, kind: credit, credit_expires: { years: 2 } }

            """
        let small = try Self.policy(zone: nil, rules).evaluate(T.snapshot(events: [T.event("spent", "2025-07-12T00:00:00Z", 1_000)]))
        #expect(small.rewards.first?.expiresAt == T.at("2026-01-12T00:00:00Z"))
        let large = try Self.policy(zone: nil, rules).evaluate(T.snapshot(events: [T.event("spent", "2025-07-12T00:00:00Z", 10_000)]))
        #expect(large.rewards.first?.expiresAt == T.at("2027-07-12T00:00:00Z"))
    }

    @Test(arguments: [("2025-12-14T23:59:59Z", Decision.Status.reversed), ("2025-12-15T00:00:01Z", .qualified)])
    func aReversalPeriodOfSixMonths(_ chargeback: String, _ status: Decision.Status) throws {
        let rules = """
            referral_types:
              freelancer:
                requirements: [{ id: first_purchase, count: purchase }]
                rewards: [{ id: bonus, to: referrer, kind: cash, amount: 10.00 }]
                reversal:
                  on: [refund]
                  within: { months: 6 }

            """
        let d = try Self.policy(zone: nil, rules).evaluate(T.snapshot(asOf: "2026-01-01", signup: "2025-06-01", events: [
            T.event("purchase", "2025-06-15T00:00:00Z", 500), T.event("refund", chargeback, 500),
        ]), explain: true)
        #expect(d.status == status)
        #expect(d.explanation.contains { $0.rule == "freelancer.reversal" && $0.saw.contains("within 6 months of qualifying") })
    }

    @Test(arguments: [("2024-07-15T12:00:00Z", 1000 as Int64), ("2024-07-15T12:00:01Z", 0)])
    func aRollingLimitOfTwelveMonths(_ granted: String, _ paid: Int64) throws {
        let rules = """
            limits:
              - id: one_a_year
                rolling: { months: 12 }
                max_rewards: 1
            referral_types:
              freelancer:
                requirements: [{ id: first_purchase, count: purchase }]
                rewards: [{ id: bonus, to: referrer, kind: cash, amount: 10.00 }]

            """
        let referrer = Snapshot.Referrer(id: "u-referrer", status: "active", rewards: [
            Snapshot.PastReward(referralID: "r-0", amountMinor: 1000, currency: "USD", kind: .cash,
                                grantedAt: T.at(granted)),
        ])
        let d = try Self.policy(zone: nil, rules).evaluate(T.snapshot(asOf: "2025-08-01", signup: "2025-07-01", referrer: referrer,
                                                                      events: [T.event("purchase", "2025-07-15T12:00:00Z", 500)]),
                                                           explain: true)
        #expect(d.rewards.first?.amount.minorUnits == paid)
        #expect(d.explanation.contains { $0.saw.hasPrefix("\(paid == 0 ? 1 : 0) reward\(paid == 0 ? "" : "s") in the 12 months up to 2025-07-15T12:00:00Z") })
    }

    /// The day a month lands on does not exist at that hour (the clocks go forward): the window
    /// ends when they do. A later sign-up never gets an earlier end.
    @Test func aMonthThatLandsInTheSkippedHourEndsWhenTheClocksChange() throws {
        let rules = """
            referral_types:
              freelancer:
                window: { months: 2 }
                requirements: [{ id: first_purchase, count: purchase }]
                rewards: [{ to: referrer, kind: cash, amount: 10.00 }]

            """
        let policy = try Self.policy(rules)
        // 01:30 GMT on 30 January; two months later, 01:30 on 30 March does not exist in London.
        #expect(try policy.evaluate(T.snapshot(asOf: "2025-12-31", signup: "2025-01-30T01:30:00Z")).progress.first?.deadline
                == T.at("2025-03-30T01:00:00Z"))
        #expect(try policy.evaluate(T.snapshot(asOf: "2025-12-31", signup: "2025-01-30T02:30:00Z")).progress.first?.deadline
                == T.at("2025-03-30T01:30:00Z"))
    }

    @Test func durationsInTheRuleDiffAndInPlainWords() throws {
        let rules = Self.credit("credit_expires: { months: 3 }", hold: "hold: { months: 1 }")
        let description = PolicyDescription(try Self.policy(rules)).markdown
        #expect(description.contains("All dates and times are in London time (the `Europe/London` time zone"))
        #expect(description.contains("payable 1 month after it is earned; the credit expires 3 months after it becomes payable"))
    }
}
