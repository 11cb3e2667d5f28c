import Foundation
import Testing
import ReferralPolicy

/// The claims `docs/policy-language.md` makes with numbers: its walk-through quotes the example
/// policy, and its worked examples (§7, §8) give the decisions the evaluator really reaches.
@Suite struct PolicyLanguageTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func policy(_ name: String) throws -> Policy {
        let result = Policy.load(contentsOf: root.appendingPathComponent("policies/\(name).yaml").path)
        return try #require(result.policy, "\(result.diagnostics)")
    }

    static func at(_ text: String) throws -> Instant {
        try #require(Instant.parse(text, allowDateOnly: true), "not an instant: \(text)")
    }

    static func event(_ type: String, _ at: String, cents: Int64? = nil,
                      _ attributes: [String: AttributeValue] = [:]) throws -> Snapshot.Event {
        Snapshot.Event(type: type, at: try Self.at(at), amountMinor: cents, attributes: attributes)
    }

    static func snapshot(_ type: String, asOf: String, signup: String = "2025-07-01T00:00:00Z",
                         events: [Snapshot.Event], history: [Snapshot.PastReward] = []) throws -> Snapshot {
        Snapshot(id: "ref-1", type: type, asOf: try at(asOf),
                 referrer: Snapshot.Referrer(id: "alice", status: "active", country: "US", rewards: history),
                 referee: Snapshot.Referee(id: "bob", signupAt: try at(signup), attribution: "link", country: "US"),
                 events: events)
    }

    // MARK: - §1 quotes the real policy

    /// Every line of the §1 snippets (comments aside) is a line of marketplace-v2.yaml, in order.
    @Test func walkThroughQuotesTheExamplePolicy() throws {
        let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/policy-language.md"), encoding: .utf8)
        let sectionOne = try #require(doc.components(separatedBy: "## 1. Reading a policy").last?
            .components(separatedBy: "## 2.").first)
        let policy = try String(contentsOf: Self.root.appendingPathComponent("policies/marketplace-v2.yaml"), encoding: .utf8)
        func stripped(_ line: Substring) -> String {
            var text = String(line)
            if let hash = text.range(of: " #") { text = String(text[..<hash.lowerBound]) }
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        let policyLines = policy.split(separator: "\n").map(stripped).filter { !$0.isEmpty && !$0.hasPrefix("#") }
        let blocks = sectionOne.components(separatedBy: "```yaml\n").dropFirst().map { $0.components(separatedBy: "```").first ?? "" }
        #expect(blocks.count == 5)
        for block in blocks {
            var position = policyLines.startIndex
            for line in block.split(separator: "\n").map(stripped) where !line.isEmpty {
                guard let found = policyLines[position...].firstIndex(of: line) else {
                    Issue.record("`\(line)` is not in marketplace-v2.yaml (after line \(position))")
                    break
                }
                position = found + 1
            }
        }
    }

    // MARK: - §7 worked example: a freelancer under version 2

    @Test func freelancerPendingThenQualified() throws {
        let v2 = try Self.policy("marketplace-v2")
        let first = try Self.event("earned", "2025-07-10T10:00:00Z", cents: 6000)
        let second = try Self.event("earned", "2025-07-12T10:00:00Z", cents: 5000)

        let pending = try v2.evaluate(try Self.snapshot("freelancer", asOf: "2025-07-11T00:00:00Z", events: [first]))
        #expect(pending.status == .pending)
        #expect(pending.progress.map { [$0.requirement, "\($0.have)", "\($0.need)", "\($0.deadline!)"] }
            == [["freelancer.first_earnings", "6000", "10000", "2025-09-29T00:00:00Z"]])

        let qualified = try v2.evaluate(try Self.snapshot("freelancer", asOf: "2025-08-01T00:00:00Z", events: [first, second]))
        #expect(qualified.status == .qualified)
        #expect(qualified.qualifiedAt == (try Self.at("2025-07-12T10:00:00Z")))
        let reward = try #require(qualified.rewards.first)
        #expect(qualified.rewards.count == 1)
        #expect(reward.rule == "freelancer.referrer_bonus.starter")
        #expect(reward.kind == .credit)
        #expect(reward.amount.minorUnits == 2500)
        #expect(reward.earnedAt == (try Self.at("2025-07-12T10:00:00Z")))
        #expect(reward.payableAt == (try Self.at("2025-07-26T10:00:00Z")))
        #expect(reward.expiresAt == (try Self.at("2026-07-26T10:00:00Z")))

        let expired = try v2.evaluate(try Self.snapshot("freelancer", asOf: "2025-10-01T00:00:00Z", events: [first]))
        #expect(expired.status == .expired)
    }

    @Test func freelancerMovesUpATierThenIsReversed() throws {
        let v2 = try Self.policy("marketplace-v2")
        let events = [
            try Self.event("earned", "2025-07-10T10:00:00Z", cents: 6000),
            try Self.event("earned", "2025-07-12T10:00:00Z", cents: 5000),
            try Self.event("earned", "2025-08-20T10:00:00Z", cents: 90000),
        ]
        let pro = try v2.evaluate(try Self.snapshot("freelancer", asOf: "2025-08-31T00:00:00Z", events: events))
        #expect(pro.status == .qualified)
        let reward = try #require(pro.rewards.first)
        #expect(reward.rule == "freelancer.referrer_bonus.pro")
        #expect(reward.kind == .cash)
        #expect(reward.amount.minorUnits == 10000)
        #expect(reward.earnedAt == (try Self.at("2025-08-20T10:00:00Z")))
        #expect(reward.payableAt == (try Self.at("2025-09-03T10:00:00Z")))
        #expect(reward.expiresAt == nil)

        let refund = try Self.event("refund", "2025-09-01T10:00:00Z", cents: 5000)
        let reversed = try v2.evaluate(try Self.snapshot("freelancer", asOf: "2025-09-02T00:00:00Z", events: events + [refund]))
        #expect(reversed.status == .reversed)
        #expect(reversed.reason == "freelancer.reversal")
        #expect(reversed.rewards.map(\.rule) == ["freelancer.referrer_bonus.pro"])
    }

    // MARK: - §7 worked example: a client under version 2

    static func clientEvents() throws -> [Snapshot.Event] {
        [
            try event("posted_job", "2025-07-03T12:00:00Z"),
            try event("hired", "2025-07-05T12:00:00Z"),
            try event("spent", "2025-07-06T12:00:00Z", cents: 30000, ["paid_from": .string("card")]),
            try event("spent", "2025-07-07T12:00:00Z", cents: 25000, ["paid_from": .string("balance")]),
            try event("spent", "2025-07-08T12:00:00Z", cents: 25000, ["paid_from": .string("card")]),
        ]
    }

    @Test func clientQualifiesAndBothArePaid() throws {
        let v2 = try Self.policy("marketplace-v2")
        let decision = try v2.evaluate(try Self.snapshot("client", asOf: "2025-08-01T00:00:00Z", events: try Self.clientEvents()))
        #expect(decision.status == .qualified)
        #expect(decision.qualifiedAt == (try Self.at("2025-07-08T12:00:00Z")))
        #expect(decision.rewards.map(\.rule) == ["client.referrer_cash", "client.referee_credit"])
        let cash = decision.rewards[0], credit = decision.rewards[1]
        #expect(cash.beneficiary == .referrer && cash.kind == .cash && cash.amount.minorUnits == 10000)
        #expect(cash.payableAt == (try Self.at("2025-08-07T12:00:00Z")))
        #expect(credit.beneficiary == .referee && credit.kind == .credit && credit.amount.minorUnits == 5000)
        #expect(credit.payableAt == (try Self.at("2025-07-08T12:00:00Z")))
        #expect(credit.expiresAt == (try Self.at("2025-10-06T12:00:00Z")))
    }

    @Test func yearlyCapWithholdsOnlyTheReferrerReward() throws {
        let v2 = try Self.policy("marketplace-v2")
        let history = try (1...20).map { day in
            Snapshot.PastReward(referralID: "old-\(day)", amountMinor: 1000, currency: "USD", kind: .cash,
                                grantedAt: try Self.at("2025-03-\(day < 10 ? "0" : "")\(day)T00:00:00Z"))
        }
        let decision = try v2.evaluate(try Self.snapshot("client", asOf: "2025-08-01T00:00:00Z",
                                                         events: try Self.clientEvents(), history: history))
        #expect(decision.status == .qualified)
        #expect(decision.rewards.map(\.amount.minorUnits) == [0, 5000])
        #expect(decision.rewards.map(\.limitedBy) == ["yearly_cap", nil])
        #expect(decision.rewards.first?.uncappedMinor == 10000)
    }

    // MARK: - §7 step 8: a percent is rounded down

    @Test func percentIsRoundedDown() throws {
        let text = """
            program: demo
            version: "1"
            currency: USD
            events:
              earned: { amount: true }
            referral_types:
              freelancer:
                requirements:
                  - id: first_earnings
                    sum: earned
                    at_least: 100.00
                rewards:
                  - to: referrer
                    kind: credit
                    percent: 12.5
                    of: first_earnings
            """
        let policy = try #require(Policy.load(yaml: text).policy)
        let decision = try policy.evaluate(try Self.snapshot("freelancer", asOf: "2025-08-01T00:00:00Z",
                                                             events: [try Self.event("earned", "2025-07-10T10:00:00Z", cents: 12354)]))
        #expect(decision.rewards.map(\.amount.minorUnits) == [1544])
    }

    // MARK: - §8 which version governs

    @Test(arguments: [
        ("2025-06-30T23:59:59Z", "1"),
        ("2025-07-01T00:00:00Z", "2"),
        ("2025-07-01T01:00:00+02:00", "1"),
    ])
    func versionIsChosenBySignup(signup: String, version: String) throws {
        let made = PolicySet.make([try Self.policy("marketplace-v1"), try Self.policy("marketplace-v2")])
        let set = try #require(made.set, "\(made.diagnostics)")
        let snapshot = try Self.snapshot("client", asOf: "2025-08-15T00:00:00Z", signup: signup, events: [])
        #expect(try set.governingPolicy(for: snapshot).identity.version == version)
    }
}
