import Testing
@testable import ReferralPolicy

@Suite struct ReferrerSummaryTests {
    static let usd = Currency(code: "USD")
    static let eur = Currency(code: "EUR")
    static let identity = PolicyIdentity(program: "p", version: "1", contentHash: "sha256:00")

    static func decision(_ id: String, _ status: Decision.Status, reason: String? = nil,
                         rewards: [Decision.Reward] = [], progress: [Decision.Progress] = []) -> Decision {
        Decision(referralID: id, referralType: "client", policy: identity, asOf: T.at("2025-08-01"),
                 status: status, reason: reason, rewards: rewards, progress: progress)
    }

    static func reward(_ minor: Int64, _ kind: RewardKind, to beneficiary: Beneficiary = .referrer,
                       currency: Currency? = usd) throws -> Decision.Reward {
        let currency = try #require(currency)
        return Decision.Reward(rule: "client.r", beneficiary: beneficiary, kind: kind,
                               amount: Money(minorUnits: minor, currency: currency),
                               earnedAt: T.at("2025-07-20"), payableAt: T.at("2025-07-20"))
    }

    @Test func countsEveryStatusAndSumsReferrerRewardsPerCurrencyAndKind() throws {
        var aggregator = ReferrerSummary.Aggregator()
        let progress = Decision.Progress(requirement: "client.spent_enough", eventType: "spent", unit: .money,
                                         have: 32_000, need: 50_000, currency: Self.usd)
        try aggregator.add(Self.decision("r-1", .qualified, rewards: [
            try Self.reward(10_000, .cash), try Self.reward(5_000, .credit, to: .referee),
        ]), referrerID: "u-1")
        try aggregator.add(Self.decision("r-2", .qualified, rewards: [
            try Self.reward(2_500, .credit), try Self.reward(700, .cash, currency: Self.eur),
        ]), referrerID: "u-1")
        try aggregator.add(Self.decision("r-3", .pending, progress: [progress]), referrerID: "u-1")
        try aggregator.add(Self.decision("r-4", .notEligible, reason: "no_self_referral"), referrerID: "u-1")
        try aggregator.add(Self.decision("r-5", .notEligible, reason: "came_through_link"), referrerID: "u-1")
        try aggregator.add(Self.decision("r-6", .notEligible, reason: "no_self_referral"), referrerID: "u-1")
        try aggregator.add(Self.decision("r-7", .reversed, rewards: [try Self.reward(10_000, .cash)]), referrerID: "u-1")
        try aggregator.add(Self.decision("r-8", .expired), referrerID: "u-0")

        let summaries = aggregator.summaries
        #expect(summaries.map(\.referrerID) == ["u-0", "u-1"])
        let u1 = try #require(summaries.last)
        #expect(u1.referrals == 7)
        #expect(Decision.Status.allCases.map { u1.count($0) } == [2, 1, 0, 3, 1])
        #expect(u1.owed == [
            ReferrerSummary.Owed(currency: try #require(Self.eur), cashMinor: 700),
            ReferrerSummary.Owed(currency: try #require(Self.usd), cashMinor: 10_000, creditMinor: 2_500),
        ])
        #expect(u1.pending == [ReferrerSummary.PendingReferral(referralID: "r-3", referralType: "client",
                                                               asOf: T.at("2025-08-01"), progress: [progress])])
        #expect(u1.notEligibleReasons == [ReferrerSummary.Reason(rule: "came_through_link", count: 1),
                                          ReferrerSummary.Reason(rule: "no_self_referral", count: 2)])
        #expect(summaries.first?.count(.expired) == 1)
        #expect(summaries.first?.owed == [])
    }

    @Test func overflowIsAnErrorAndLeavesTheSummaryAsItWas() throws {
        var summary = ReferrerSummary(referrerID: "u-1")
        try summary.add(Self.decision("r-1", .qualified, rewards: [try Self.reward(.max - 10, .cash)]))
        let before = summary
        #expect(throws: EvaluationError.self) {
            try summary.add(Self.decision("r-2", .qualified, rewards: [
                try Self.reward(5, .credit), try Self.reward(11, .cash),
            ]))
        }
        #expect(summary == before)
        let third = Self.decision("r-3", .qualified, rewards: [try Self.reward(11, .cash)])
        do throws(EvaluationError) {
            try summary.add(third)
            Issue.record("expected an overflow")
        } catch {
            #expect(error.code == .overflow)
            #expect(error.message == "the cash owed to referrer `u-1` in USD is past what can be represented")
        }
    }

    @Test func emptyAggregator() {
        let aggregator = ReferrerSummary.Aggregator()
        #expect(aggregator.isEmpty)
        #expect(aggregator.summaries == [])
    }
}
