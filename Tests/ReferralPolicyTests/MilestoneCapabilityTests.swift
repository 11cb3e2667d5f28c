import Foundation
import Testing
@testable import ReferralPolicy

/// Rewards with requirements of their own (milestones) and bonuses on a referrer's Nth
/// qualified referral, decided by the one evaluator: what is granted, when, with which status,
/// under limits and reversal, and the decision's milestones and progress toward them.
@Suite struct MilestoneCapabilityTests {
    static let header = """
    program: stays
    version: "1"
    currency: USD
    events:
      stay_completed: { amount: true }
      dispute: {}
      refund: {}

    """

    /// A friend's credit at sign-up, the referrer's cash after a first stay of $100, and a bonus
    /// at the third stay, reached within the year.
    static let stays = """
    referral_types:
      guest:
        window: { days: 90 }
        requirements:
          - id: first_stay
            count: stay_completed
            where:
              amount: { at_least: 100.00 }
        rewards:
          - id: friend_credit
            to: referee
            when: signup
            kind: credit
            amount: 40.00
            credit_expires_days: 365
          - id: referrer_cash
            to: referrer
            kind: cash
            amount: 100.00
            hold_days: 14
        milestones:
          - id: third_stay
            window: { days: 365 }
            when:
              - first_stay
              - id: three_stays
                count: stay_completed
                at_least: 3
            rewards:
              - id: loyalty_bonus
                to: referrer
                kind: cash
                amount: 50.00
        reversal:
          on: [refund]
          within_days: 30
    """

    static func stay(_ at: String, _ dollars: Int64 = 150) -> Snapshot.Event { T.event("stay_completed", at, dollars * 100) }

    static func policy(_ body: String = stays) throws -> Policy { try T.policy(header + body) }

    static func snapshot(asOf: String, events: [Snapshot.Event], referrer: Snapshot.Referrer = Snapshot.Referrer(id: "u-ana"),
                         type: String = "guest", id: String = "r-1") -> Snapshot {
        T.snapshot(type: type, asOf: asOf, signup: "2025-01-10T09:00:00Z", referrer: referrer, events: events, id: id)
    }

    // MARK: granted at its own milestone, whatever the status

    @Test func aSignupCreditIsOwedBeforeTheReferralQualifies() throws {
        let d = try Self.policy().evaluate(Self.snapshot(asOf: "2025-02-01", events: []))
        #expect(d.status == .pending)
        #expect(d.rewards.map(\.rule) == ["guest.friend_credit"])
        #expect(d.rewards[0].earnedAt == T.at("2025-01-10T09:00:00Z"))
        #expect(d.rewards[0].expiresAt == T.at("2026-01-10T09:00:00Z"))
        #expect(d.milestones == [Decision.Milestone(milestone: "guest.friend_credit", status: .reached, reachedAt: T.at("2025-01-10T09:00:00Z")),
                                 Decision.Milestone(milestone: "guest.third_stay", status: .pending)])
        // The type's requirement, then the milestone's own (its deadline is the earlier of the two windows).
        #expect(d.progress.map(\.requirement) == ["guest.first_stay", "guest.first_stay", "guest.three_stays"])
        #expect(d.progress.map(\.milestone) == [nil, "guest.third_stay", "guest.third_stay"])
        #expect(d.progress[1].deadline == T.at("2025-04-10T09:00:00Z"))
        #expect(d.progress[2].deadline == T.at("2026-01-10T09:00:00Z"))
    }

    @Test func theReferrerIsPaidAfterTheFirstStayOfTheMinimumValue() throws {
        let policy = try Self.policy()
        let small = try policy.evaluate(Self.snapshot(asOf: "2025-03-01", events: [Self.stay("2025-02-01T10:00:00Z", 80)]))
        #expect(small.status == .pending)
        #expect(small.rewards.map(\.rule) == ["guest.friend_credit"])
        let d = try policy.evaluate(Self.snapshot(asOf: "2025-03-01", events: [Self.stay("2025-02-01T10:00:00Z", 80),
                                                                                Self.stay("2025-02-14T10:00:00Z", 120)]))
        #expect(d.status == .qualified)
        #expect(d.qualifiedAt == T.at("2025-02-14T10:00:00Z"))
        #expect(d.rewards.map(\.rule) == ["guest.friend_credit", "guest.referrer_cash"])
        #expect(d.rewards[1].payableAt == T.at("2025-02-28T10:00:00Z"))
        // Qualified, with the third stay still to come.
        #expect(d.milestones.map(\.status) == [.reached, .pending])
        #expect(d.progress.map(\.requirement) == ["guest.three_stays"])
        #expect(d.progress[0].have == 2)
    }

    @Test func aSecondBonusAtAHigherMilestoneIsEarnedWhenItIsReached() throws {
        let d = try Self.policy().evaluate(Self.snapshot(asOf: "2025-09-01", events: [
            Self.stay("2025-02-14T10:00:00Z"), Self.stay("2025-03-01T10:00:00Z", 40), Self.stay("2025-06-20T10:00:00Z", 60),
        ]))
        #expect(d.status == .qualified)
        #expect(d.rewards.map(\.rule) == ["guest.friend_credit", "guest.referrer_cash", "guest.loyalty_bonus"])
        // The third stay came after the type's 90 days, within the milestone's year.
        #expect(d.rewards[2].earnedAt == T.at("2025-06-20T10:00:00Z"))
        #expect(d.milestones[1] == Decision.Milestone(milestone: "guest.third_stay", status: .reached, reachedAt: T.at("2025-06-20T10:00:00Z")))
        #expect(d.progress.isEmpty)
    }

    @Test func aMilestoneIsReachedOnlyWithinItsWindow() throws {
        let policy = try Self.policy()
        let stays = [Self.stay("2025-02-14T10:00:00Z"), Self.stay("2025-03-01T10:00:00Z"), Self.stay("2026-02-01T10:00:00Z")]
        let late = try policy.evaluate(Self.snapshot(asOf: "2026-03-01", events: stays))
        #expect(late.status == .qualified)
        #expect(late.milestones[1].status == .expired)
        #expect(!late.rewards.map(\.rule).contains("guest.loyalty_bonus"))
        #expect(late.progress.map(\.requirement) == ["guest.three_stays"])
    }

    @Test func anExpiredReferralKeepsTheRewardsOfTheMilestonesItReached() throws {
        let d = try Self.policy().evaluate(Self.snapshot(asOf: "2025-06-01", events: [Self.stay("2025-02-14T10:00:00Z", 50)]))
        #expect(d.status == .expired)
        #expect(d.rewards.map(\.rule) == ["guest.friend_credit"])
        #expect(d.milestones.map(\.status) == [.reached, .expired])
    }

    @Test func aReversalTakesBackTheMilestonesRewardsToo() throws {
        let d = try Self.policy().evaluate(Self.snapshot(asOf: "2025-04-01", events: [
            Self.stay("2025-02-14T10:00:00Z"), Self.stay("2025-02-15T10:00:00Z"), Self.stay("2025-02-16T10:00:00Z"),
            T.event("refund", "2025-03-01T00:00:00Z"),
        ]))
        #expect(d.status == .reversed)
        #expect(d.reason == "guest.reversal")
        #expect(d.rewards.map(\.rule) == ["guest.friend_credit", "guest.referrer_cash", "guest.loyalty_bonus"])
        #expect(d.progress.isEmpty)
        #expect(d.milestones.map(\.status) == [.reached, .reached])
    }

    @Test func aMilestoneWithANotStopsBeingReachedWhenItBreaks() throws {
        let policy = try Self.policy("""
        referral_types:
          guest:
            requirements:
              - id: first_stay
                count: stay_completed
            rewards:
              - id: calm_bonus
                to: referee
                kind: credit
                amount: 5.00
                when:
                  - first_stay
                  - not: { id: disputed, count: dispute }
        """)
        let calm = try policy.evaluate(Self.snapshot(asOf: "2025-03-01", events: [Self.stay("2025-02-01T00:00:00Z")]))
        #expect(calm.rewards.map(\.rule) == ["guest.calm_bonus"])
        let disputed = try policy.evaluate(Self.snapshot(asOf: "2025-03-01", events: [Self.stay("2025-02-01T00:00:00Z"),
                                                                                       T.event("dispute", "2025-02-10T00:00:00Z")]))
        #expect(disputed.status == .qualified)
        #expect(disputed.rewards.isEmpty)
        #expect(disputed.milestones == [Decision.Milestone(milestone: "guest.calm_bonus", status: .expired)])
    }

    // MARK: limits count a milestone reward when it is earned

    static let capped = """
    limits:
      - id: one_reward
        period: lifetime
        max_rewards: 1
    referral_types:
      guest:
        requirements:
          - id: first_stay
            count: stay_completed
        rewards:
          - id: stay_cash
            to: referrer
            kind: cash
            amount: 20.00
          - id: signup_cash
            to: referrer
            when: signup
            kind: cash
            amount: 5.00
    """

    @Test func limitsCountEachRewardAtTheInstantItWasEarned() throws {
        let policy = try Self.policy(Self.capped)
        // Written second, earned first: the sign-up reward takes the only place.
        let d = try policy.evaluate(Self.snapshot(asOf: "2025-03-01", events: [Self.stay("2025-02-01T00:00:00Z")]))
        #expect(d.rewards.map(\.rule) == ["guest.stay_cash", "guest.signup_cash"])
        #expect(d.rewards.map(\.amount.minorUnits) == [0, 500])
        #expect(d.rewards[0].limitedBy == "one_reward")
        // A past reward granted between the two leaves the first earned (at sign-up) paid.
        let history = [Snapshot.PastReward(referralID: "r-0", amountMinor: 100, currency: "USD", kind: .cash, grantedAt: T.at("2025-01-20"))]
        let later = try policy.evaluate(Self.snapshot(asOf: "2025-03-01", events: [Self.stay("2025-02-01T00:00:00Z")],
                                                      referrer: Snapshot.Referrer(id: "u-ana", rewards: history)))
        #expect(later.rewards.map(\.amount.minorUnits) == [0, 500])
    }

    // MARK: referrer milestones

    static let nth = """
    referral_types:
      guest:
        requirements:
          - id: first_stay
            count: stay_completed
        rewards:
          - id: referrer_cash
            to: referrer
            kind: cash
            amount: 20.00
        milestones:
          - id: fifth_friend
            when:
              - nth_referral: 5
            rewards:
              - id: fifth_friend_bonus
                to: referrer
                kind: cash
                amount: 50.00
      host:
        requirements:
          - id: first_hosted
            count: stay_completed
        rewards:
          - to: referrer
            kind: cash
            amount: 10.00
        milestones:
          - id: third_of_any
            when:
              - nth_referral: 3
                types: [guest, host]
            rewards:
              - to: referrer
                kind: cash
                amount: 30.00
    """

    static func referrals(_ entries: [(String, String, String)]) -> Snapshot.Referrer {
        Snapshot.Referrer(id: "u-ana", referrals: entries.map { Snapshot.QualifiedReferral(referralID: $0.0, referralType: $0.1, qualifiedAt: T.at($0.2)) })
    }

    @Test func theNthQualifiedReferralEarnsTheBonus() throws {
        let policy = try Self.policy(Self.nth)
        let four = [("r-a", "guest", "2024-05-01"), ("r-b", "guest", "2024-06-01"), ("r-c", "guest", "2024-07-01"), ("r-d", "guest", "2024-12-01")]
        let fifth = try policy.evaluate(Self.snapshot(asOf: "2025-03-01", events: [Self.stay("2025-02-01T00:00:00Z")],
                                                      referrer: Self.referrals(four + [("r-h", "host", "2024-08-01")])))
        #expect(fifth.rewards.map(\.rule) == ["guest.referrer_cash", "guest.fifth_friend_bonus"])
        #expect(fifth.milestones == [Decision.Milestone(milestone: "guest.fifth_friend", status: .reached, reachedAt: T.at("2025-02-01T00:00:00Z"))])
        // A sixth: one more earlier referral; the referral itself, a later one and one not yet known do not count.
        let extra: [(String, String, String)] = [("r-1", "guest", "2024-01-01"), ("r-late", "guest", "2025-02-20"), ("r-future", "guest", "2025-06-01")]
        let same = try policy.evaluate(Self.snapshot(asOf: "2025-03-01", events: [Self.stay("2025-02-01T00:00:00Z")], referrer: Self.referrals(four + extra)))
        #expect(same.milestones.map(\.status) == [.reached])
        let sixth = try policy.evaluate(Self.snapshot(asOf: "2025-03-01", events: [Self.stay("2025-02-01T00:00:00Z")],
                                                      referrer: Self.referrals(four + [("r-e", "guest", "2025-01-15")])))
        #expect(sixth.rewards.map(\.rule) == ["guest.referrer_cash"])
        #expect(sixth.milestones.map(\.status) == [.expired])
    }

    @Test func referralsThatQualifiedAtTheSameInstantAreNumberedByID() throws {
        let policy = try Self.policy(Self.nth)
        let four = [("r-a", "guest", "2024-05-01"), ("r-b", "guest", "2024-06-01"), ("r-c", "guest", "2024-07-01")]
        let tie = ("r-0", "guest", "2025-02-01T00:00:00Z")  // sorts before r-1: it is the 4th, this one the 5th
        let d = try policy.evaluate(Self.snapshot(asOf: "2025-03-01", events: [Self.stay("2025-02-01T00:00:00Z")], referrer: Self.referrals(four + [tie])))
        #expect(d.milestones.map(\.status) == [.reached])
        let after = ("r-2", "guest", "2025-02-01T00:00:00Z")  // sorts after r-1: not before it
        let e = try policy.evaluate(Self.snapshot(asOf: "2025-03-01", events: [Self.stay("2025-02-01T00:00:00Z")], referrer: Self.referrals(four + [after])))
        #expect(e.milestones.map(\.status) == [.expired])
    }

    @Test func beforeTheReferralQualifiesTheBonusIsPendingOrOutOfReach() throws {
        let policy = try Self.policy(Self.nth)
        let four = [("r-a", "guest", "2024-05-01"), ("r-b", "guest", "2024-06-01"), ("r-c", "guest", "2024-07-01"), ("r-d", "guest", "2024-12-01")]
        let pending = try policy.evaluate(Self.snapshot(asOf: "2025-03-01", events: [], referrer: Self.referrals(four)))
        #expect(pending.status == .pending)
        #expect(pending.milestones.map(\.status) == [.pending])
        let gone = try policy.evaluate(Self.snapshot(asOf: "2025-03-01", events: [], referrer: Self.referrals(four + [("r-e", "guest", "2025-01-15")])))
        #expect(gone.milestones.map(\.status) == [.expired])
    }

    @Test func aReferrerMilestoneCountsTheTypesItNames() throws {
        let policy = try Self.policy(Self.nth)
        let two = [("r-a", "guest", "2024-05-01"), ("r-b", "host", "2024-06-01"), ("r-x", "seller", "2024-06-02")]
        let d = try policy.evaluate(Self.snapshot(asOf: "2025-03-01", events: [Self.stay("2025-02-01T00:00:00Z")],
                                                  referrer: Self.referrals(two), type: "host"))
        #expect(d.rewards.map(\.rule) == ["host.rewards[0]", "host.third_of_any.rewards[0]"])
    }

    @Test func aSnapshotWithoutTheReferrersReferralsIsRefusedWhereTheyCount() throws {
        let policy = try Self.policy(Self.nth)
        let json = #"{"id":"r-1","type":"guest","as_of":"2025-03-01T00:00:00Z","referrer":{"id":"u-ana"},"referee":{"id":"u-ben","signup_at":"2025-01-10T00:00:00Z"}}"#
        #expect(throws: EvaluationError(.invalidSnapshot,
                                        "missing field `referrals`: referral type `guest` pays on the referrer's Nth qualified referral, so the snapshot lists the referrer's other qualified referrals (`[]` when there are none)",
                                        path: "referrer.referrals")) {
            try policy.evaluate(json: Array(json.utf8))
        }
        let empty = json.replacingOccurrences(of: #"{"id":"u-ana"}"#, with: #"{"id":"u-ana","referrals":[]}"#)
        #expect(try policy.evaluate(json: Array(empty.utf8)).status == .pending)
        // A referral that is not eligible is decided without it, as without its events.
        let strict = try Self.policy(Self.nth.replacingOccurrences(of: "referral_types:", with: "eligibility:\n  - { id: known, field: referee.country, in: [US] }\nreferral_types:"))
        #expect(try strict.evaluate(json: Array(json.utf8)).status == .notEligible)
    }

    @Test func aReferralsEntryIsReadStrictly() throws {
        let policy = try Self.policy(Self.nth)
        let json = #"{"id":"r-1","type":"guest","as_of":"2025-03-01T00:00:00Z","referrer":{"id":"u-ana","referrals":[{"referral_id":"r-0","qualified_at":"2025-01-01T00:00:00Z"}]},"referee":{"id":"u-ben","signup_at":"2025-01-10T00:00:00Z"}}"#
        #expect(throws: EvaluationError(.invalidSnapshot, "missing field `referral_type`", path: "referrer.referrals[0].referral_type")) {
            try policy.evaluate(json: Array(json.utf8))
        }
        let typo = json.replacingOccurrences(of: "\"referrals\"", with: "\"referals\"")
        #expect(throws: EvaluationError(.invalidSnapshot, "unknown field `referals`; did you mean `referrals`?", path: "referrer.referals")) {
            try policy.evaluate(json: Array(typo.utf8))
        }
    }

    // MARK: the two outputs, the explanation, and types without milestones

    @Test func theWriterAndTheEncoderAgreeOnMilestoneDecisions() throws {
        let set = PolicySet(try Self.policy())
        let nth = PolicySet(try Self.policy(Self.nth))
        var checked = 0
        for seed in UInt64(1)...400 {
            var g = PropertyTests.Generator(state: seed)
            let month = g.int(1...12)
            let asOf = "2025-\(month < 10 ? "0" : "")\(month)-\(10 + g.int(0...18))T00:00:00Z"
            var events: [String] = []
            for _ in 0..<g.int(0...5) {
                let t = g.pick(["stay_completed", "stay_completed", "refund", "dispute"])
                let at = "2025-0\(g.int(1...9))-1\(g.int(0...9))T0\(g.int(0...9)):00:00Z"
                events.append(#"{"type":"\#(t)","at":"\#(at)""# + (t == "stay_completed" ? #","amount_minor":\#(g.int(0...30_000))"# : "") + "}")
            }
            let referrals = (0..<g.int(0...6)).map { k in #"{"referral_id":"r-\#(k)","referral_type":"guest","qualified_at":"2024-0\#(k + 1)-01T00:00:00Z"}"# }
            let json = #"{"id":"r-x","type":"guest","as_of":"\#(asOf)","referrer":{"id":"u-ana","referrals":[\#(referrals.joined(separator: ","))]},"referee":{"id":"u-ben","signup_at":"2025-01-10T09:00:00Z"},"events":[\#(events.joined(separator: ","))]}"#
            for policies in [set, nth] {
                var written: [UInt8] = []
                guard (try? policies.appendDecision(json: Array(json.utf8), to: &written)) != nil else { continue }
                let value = try policies.evaluate(json: Array(json.utf8))
                #expect(String(decoding: written, as: UTF8.self) == DecisionEncoder.json(value), "seed \(seed)")
                #expect(!value.milestones.isEmpty)
                checked += 1
            }
        }
        #expect(checked == 800)
    }

    @Test func theExplanationSaysWhereEachMilestoneStands() throws {
        let d = try Self.policy().evaluate(Self.snapshot(asOf: "2025-03-01", events: [Self.stay("2025-02-14T10:00:00Z")]), explain: true)
        let rules = d.explanation.map(\.rule)
        #expect(Array(rules.drop { $0 != "guest.first_stay" }.prefix(5))
                == ["guest.first_stay", "guest.friend_credit", "guest.three_stays", "guest.third_stay", "guest.reversal"])
        let third = try #require(d.explanation.first { $0.rule == "guest.third_stay" })
        #expect(third.kind == .milestone && !third.held)
        #expect(third.saw == "not reached yet; it can be reached until 2026-01-10T09:00:00Z; it needs `guest.first_stay` and `guest.three_stays`")
        #expect(d.explanation.first { $0.rule == "guest.friend_credit" && $0.kind == .milestone }?.saw
                == "reached at 2025-01-10T09:00:00Z; it needs only the sign-up")
        var plain = try Self.policy().evaluate(Self.snapshot(asOf: "2025-03-01", events: [Self.stay("2025-02-14T10:00:00Z")]))
        plain.explanation = d.explanation
        #expect(plain == d)
    }

    /// A type without milestones decides as it did, in a policy where another type has some.
    @Test func aTypeWithoutMilestonesDecidesAsBefore() throws {
        let plainType = """
          host:
            requirements:
              - id: hosted
                count: stay_completed
            rewards:
              - { id: host_cash, to: referrer, kind: cash, amount: 10.00 }
        """
        let alone = try Self.policy("referral_types:\n" + plainType)
        let mixed = try Self.policy(Self.stays + "\n" + plainType)
        for (asOf, events) in [("2025-02-01", []), ("2025-03-01", [Self.stay("2025-02-14T10:00:00Z")]), ("2026-01-01", [])] {
            var a = try alone.evaluate(Self.snapshot(asOf: asOf, events: events, type: "host"), explain: true)
            let b = try mixed.evaluate(Self.snapshot(asOf: asOf, events: events, type: "host"), explain: true)
            #expect(b.milestones.isEmpty)
            a.policy = b.policy
            #expect(a == b)
            #expect(!DecisionEncoder.json(b).contains("milestone"))
        }
    }

    /// `referral-policy describe` of the example (its golden: `Tests/CLITests/Inputs/describe/airbnb.md`).
    @Test func theProgramIsDescribedInPlainWords() throws {
        let set = try #require(PolicySet.load(paths: [T.packageRoot + "/examples/airbnb"]).set)
        let markdown = PolicyDescription(set).markdown
        let golden = T.packageRoot + "/Tests/CLITests/Inputs/describe/airbnb.md"
        if ProcessInfo.processInfo.environment["REFERRAL_POLICY_UPDATE_FIXTURES"] == "1" {
            try markdown.write(toFile: golden, atomically: true, encoding: .utf8)
        }
        #expect(markdown == (try String(contentsOfFile: golden, encoding: .utf8)))
        #expect(markdown.contains("When the referee signs up (milestone `guest.welcome`), it pays:"))
        #expect(markdown.contains("When the referee is the referrer's **5th** referral to qualify (milestone `host.fifth_host`), **the referrer** gets **$50.00** in cash"))
        let short = PolicyDescription(PolicySet(try Self.policy())).markdown
        #expect(short.contains("When the referee signs up, **the referee** gets **$40.00** of platform credit"))
        #expect(short.contains("When the referee has done all of these within 365 days of signing up (milestone `guest.third_stay`):"))
    }

    /// The referrer's summary counts what a decision says is owed: a pending referral's
    /// milestone rewards too, never a reversed one's.
    @Test func theReferrersSummaryCountsMilestoneRewardsOwed() throws {
        let policy = try Self.policy(Self.capped.replacingOccurrences(of: "max_rewards: 1", with: "max_rewards: 10"))
        var summary = ReferrerSummary(referrerID: "u-ana")
        try summary.add(try policy.evaluate(Self.snapshot(asOf: "2025-02-01", events: [])))
        #expect(summary.count(.pending) == 1)
        #expect(summary.owed.map(\.cash.minorUnits) == [500])
        try summary.add(try policy.evaluate(Self.snapshot(asOf: "2025-03-01", events: [Self.stay("2025-02-01T00:00:00Z")], id: "r-2")))
        #expect(summary.owed.map(\.cash.minorUnits) == [3_000])
    }

    @Test func theRuleDiffNamesMilestoneChanges() throws {
        let old = try Self.policy()
        let new = try Self.policy(Self.stays.replacingOccurrences(of: "at_least: 3", with: "at_least: 4")
            .replacingOccurrences(of: "when: signup", with: "when: first_stay"))
        let diff = RuleDiff.compare(base: [old], new: [new])
        #expect(diff.changes.map { "\($0.rule) \($0.field ?? ""): \($0.base ?? "-") -> \($0.new ?? "-")" } == [
            "guest.friend_credit when: [signup] -> [guest.first_stay]",
            "guest.three_stays at_least: 3 -> 4",
        ])
    }
}
