import Testing
@testable import ReferralPolicy

/// The rule diff of the program's time zone and of durations in months and years: each shows
/// as its rule's value, old -> new.
@Suite struct TimeRuleDiffTests {
    @Test func aTimeZoneAndCalendarDurationsShowOldAndNew() throws {
        let new = RuleDiffTests.edited([
            ("currency: USD\n", "currency: USD\ntime_zone: Europe/London\n"),
            ("    period: lifetime", "    rolling: { months: 12 }"),
            ("      days: 60", "      months: 2"),
            ("        to: referrer\n        of: first_purchase", "        to: referrer\n        hold: { months: 1 }\n        of: first_purchase"),
            ("            amount: 5.00\n            kind: credit", "            amount: 5.00\n            kind: credit\n            credit_expires: { years: 1 }"),
            ("      within_days: 30", "      within: { months: 1 }"),
        ])
        let diff = RuleDiff.compare(base: [try RuleDiffTests.policy(RuleDiffTests.base, "old.yaml")],
                                    new: [try RuleDiffTests.policy(new, "new.yaml")])
        #expect(diff.changes.map(\.headline) == [
            "policy: time_zone UTC -> Europe/London",
            "cap: period lifetime -> rolling 12 months",
            "buyer: window 60 days -> 2 months",
            "buyer.bonus: hold 0 days -> 1 month",
            "buyer.bonus.small: credit_expires never -> 1 year",
            "buyer.reversal: within 30 days -> 1 month",
        ], "\(diff.changes.map(\.headline).joined(separator: "\n"))")
    }

    @Test func namingUTCChangesNothing() throws {
        let new = RuleDiffTests.edited([("currency: USD\n", "currency: USD\ntime_zone: UTC\n")])
        let diff = RuleDiff.compare(base: [try RuleDiffTests.policy(RuleDiffTests.base, "old.yaml")],
                                    new: [try RuleDiffTests.policy(new, "new.yaml")])
        #expect(diff.changes.isEmpty)
        #expect(diff.cosmetic.map(\.headline) == ["policy: comments or layout changed"])
    }

    /// A plain date is midnight in the program's zone: the same date text in a new zone is a
    /// new instant, and the diff says so.
    @Test func aNewTimeZoneMovesThePlainDates() throws {
        let base = RuleDiffTests.base.replacingOccurrences(of: "  from: 2025-01-01", with: "  from: 2025-07-01")
        let new = base.replacingOccurrences(of: "currency: USD\n", with: "currency: USD\ntime_zone: Europe/London\n")
        let diff = RuleDiff.compare(base: [try RuleDiffTests.policy(base, "old.yaml")], new: [try RuleDiffTests.policy(new, "new.yaml")])
        #expect(diff.changes.map(\.headline) == [
            "policy: effective from 2025-07-01 -> from 2025-06-30T23:00:00Z",
            "policy: time_zone UTC -> Europe/London",
        ], "\(diff.changes.map(\.headline).joined(separator: "\n"))")
    }
}
