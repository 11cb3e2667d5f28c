import Testing
@testable import ReferralPolicy

/// One test per row of the brief's capability table, each evaluating a policy that uses it.
@Suite struct CapabilityTests {
    // MARK: program metadata

    @Test func programMetadataNamesTheDecision() throws {
        let policy = try T.policy(T.header + """
        description: A test program
        referral_types:
          freelancer:
            requirements:
              - sum: earned
                at_least: 10.00
            rewards:
              - to: referrer
                kind: cash
                amount: 5.00
        """)
        #expect(policy.identity.program == "test-program")
        #expect(policy.identity.version == "1")
        #expect(policy.description == "A test program")
        #expect(policy.identity.contentHash.hasPrefix("sha256:") && policy.identity.contentHash.count == 71)
        let d = try policy.evaluate(T.snapshot(events: [T.event("earned", "2025-07-11T00:00:00Z", 1000)]))
        #expect(d.policy == policy.identity)
        #expect(d.rewards.first?.amount == Money(minorUnits: 500, currency: Currency(code: "USD")!))
    }

    // MARK: versions side by side

    @Test(arguments: [
        ("2025-06-30T23:59:59Z", "1"),
        ("2025-07-01T00:00:00Z", "2"),
    ])
    func versionIsChosenByRefereeSignup(signup: String, version: String) throws {
        let set = try T.example()
        let s = T.snapshot(asOf: "2025-07-15", signup: signup)
        #expect(try set.governingPolicy(for: s).identity.version == version)
        #expect(try set.evaluate(s).policy.version == version)
    }

    @Test func versionChosenByAsOfWhenThePolicySaysSo() throws {
        let v1 = try T.policy(T.header + """
        effective: { until: 2025-07-01, decided_by: as_of }
        referral_types:
          freelancer:
            requirements: [{ count: hired }]
            rewards: [{ to: referrer, kind: cash, amount: 1.00 }]
        """)
        let v2 = try T.policy(T.header.replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"") + """
        effective: { from: 2025-07-01, decided_by: as_of }
        referral_types:
          freelancer:
            requirements: [{ count: hired }]
            rewards: [{ to: referrer, kind: cash, amount: 2.00 }]
        """)
        let made = PolicySet.make([v2, v1])
        let set = try #require(made.set)
        #expect(try set.evaluate(T.snapshot(asOf: "2025-06-15", signup: "2025-06-01")).policy.version == "1")
        #expect(try set.evaluate(T.snapshot(asOf: "2025-07-15", signup: "2025-06-01")).policy.version == "2")
    }

    @Test func noVersionGovernsAnEarlySignup() throws {
        let v2 = try T.policy(T.header + """
        effective: { from: 2025-07-01 }
        referral_types:
          freelancer:
            requirements: [{ count: hired }]
            rewards: [{ to: referrer, kind: cash, amount: 2.00 }]
        """)
        let set = PolicySet(v2)
        #expect(throws: EvaluationError(.noGoverningVersion, "no version of `test-program` is in force at 2025-06-01T00:00:00Z",
                                        path: "referee.signup_at")) {
            try set.evaluate(T.snapshot(signup: "2025-06-01"))
        }
    }

    // MARK: referral types

    @Test func eachReferralTypeHasItsOwnRules() throws {
        let set = try T.example()
        let freelancer = try set.evaluate(T.snapshot(type: "freelancer", events: [T.event("earned", "2025-07-12T00:00:00Z", 15_000)]))
        #expect(freelancer.status == .qualified)
        let client = try set.evaluate(T.snapshot(type: "client", events: [T.event("spent", "2025-07-12T00:00:00Z", 15_000)]))
        #expect(client.status == .pending)
        #expect(throws: EvaluationError(.unknownReferralType, "unknown referral type `freelance`; did you mean `freelancer`?", path: "type")) {
            try set.evaluate(T.snapshot(type: "freelance"))
        }
    }

    // MARK: eligibility

    @Test(arguments: [
        ("attribution", "came_through_link"),
        ("self", "no_self_referral"),
        ("flags", "referee_in_good_standing"),
        ("country", "not_sanctioned"),
        ("status", "referrer_active"),
        ("ok", ""),
    ])
    func eligibilityRulesNameTheFirstFailure(change: String, reason: String) throws {
        let set = try T.example()
        var s = T.snapshot(events: [T.event("earned", "2025-07-12T00:00:00Z", 15_000)])
        switch change {
        case "attribution": s.referee.attribution = "organic"; s.referee.country = "IR"  // both fail: the first wins
        case "self": s.referee.id = s.referrer.id
        case "flags": s.referee.flags = ["vip", "duplicate_account"]
        case "country": s.referee.country = "KP"
        case "status": s.referrer.status = "suspended"
        default: break
        }
        let d = try set.evaluate(s)
        if reason.isEmpty {
            #expect(d.status == .qualified)
        } else {
            #expect(d.status == .notEligible)
            #expect(d.reason == reason)
            #expect(d.rewards.isEmpty && d.progress.isEmpty)
        }
    }

    @Test func countryAllowListAndReferrerAttributes() throws {
        let policy = try T.policy(T.header + """
        attributes:
          referrer:
            top_rated: boolean
            tenure_days: integer
        eligibility:
          - id: us_only
            field: referrer.country
            in: [US]
          - id: top_rated
            field: referrer.top_rated
            equals: true
          - id: seasoned
            field: referrer.tenure_days
            at_least: 365
        referral_types:
          freelancer:
            requirements: [{ count: hired }]
            rewards: [{ to: referrer, kind: cash, amount: 1.00 }]
        """)
        var referrer = Snapshot.Referrer(id: "a", status: "active", country: "US", attributes: ["top_rated": .bool(true), "tenure_days": .integer(400)])
        #expect(try policy.evaluate(T.snapshot(referrer: referrer)).status == .pending)
        referrer.attributes["tenure_days"] = .integer(100)
        #expect(try policy.evaluate(T.snapshot(referrer: referrer)).reason == "seasoned")
        referrer.attributes["top_rated"] = nil
        #expect(try policy.evaluate(T.snapshot(referrer: referrer)).reason == "top_rated")
        referrer.country = "DE"
        #expect(try policy.evaluate(T.snapshot(referrer: referrer)).reason == "us_only")
    }

    // MARK: qualifying actions

    @Test func eventAttributeFiltersSelectQualifyingEvents() throws {
        let policy = try T.policy(T.header + """
        referral_types:
          freelancer:
            requirements:
              - id: customer_service_earnings
                sum: earned
                at_least: 100.00
                where:
                  category: customer_service
            rewards: [{ to: referrer, kind: cash, amount: 10.00 }]
          client:
            requirements:
              - id: real_purchases
                sum: purchase
                at_least: 50.00
                where:
                  paid_from: { not_in: [balance] }
            rewards: [{ to: referrer, kind: cash, amount: 10.00 }]
        """)
        let design = T.event("earned", "2025-07-11T00:00:00Z", 20_000, ["category": .string("design")])
        let support = T.event("earned", "2025-07-12T00:00:00Z", 10_000, ["category": .string("customer_service")])
        #expect(try policy.evaluate(T.snapshot(events: [design])).status == .pending)
        #expect(try policy.evaluate(T.snapshot(events: [design, support])).status == .qualified)
        let fromBalance = T.event("purchase", "2025-07-11T00:00:00Z", 9_000, ["paid_from": .string("balance")])
        let byCard = T.event("purchase", "2025-07-11T00:00:00Z", 5_000, ["paid_from": .string("card")])
        let d = try policy.evaluate(T.snapshot(type: "client", events: [fromBalance]))
        #expect(d.progress.map(\.have) == [0])
        #expect(try policy.evaluate(T.snapshot(type: "client", events: [fromBalance, byCard])).status == .qualified)
    }

    @Test func countOfEventsAboveAMinimumOnDistinctDays() throws {
        let policy = try T.policy(T.header + """
        referral_types:
          freelancer:
            requirements:
              - id: three_purchases
                count: purchase
                at_least: 3
                distinct_days: true
                where:
                  amount: { at_least: 5.00 }
            rewards: [{ to: referrer, kind: cash, amount: 10.00 }]
        """)
        let small = T.event("purchase", "2025-07-11T10:00:00Z", 499)
        let a = T.event("purchase", "2025-07-11T11:00:00Z", 500)
        let sameDay = T.event("purchase", "2025-07-11T12:00:00Z", 900)
        let b = T.event("purchase", "2025-07-12T09:00:00Z", 500)
        let c = T.event("purchase", "2025-07-15T09:00:00Z", 500)
        let pending = try policy.evaluate(T.snapshot(events: [small, a, sameDay, b]))
        #expect(pending.status == .pending)
        #expect(pending.progress == [Decision.Progress(requirement: "freelancer.three_purchases", eventType: "purchase", unit: .count,
                                                      have: 2, need: 3, deadline: nil)])
        let done = try policy.evaluate(T.snapshot(events: [small, a, sameDay, b, c]))
        #expect(done.status == .qualified)
        #expect(done.qualifiedAt == T.at("2025-07-15T09:00:00Z"))
    }

    @Test func cumulativeAmountReachesAThreshold() throws {
        let set = try T.example()
        let events = [T.event("earned", "2025-07-11T00:00:00Z", 6_000), T.event("earned", "2025-07-20T00:00:00Z", 3_999)]
        let pending = try set.evaluate(T.snapshot(events: events))
        #expect(pending.status == .pending)
        #expect(pending.progress.first?.have == 9_999)
        #expect(pending.progress.first?.need == 10_000)
        #expect(pending.progress.first?.deadline == T.at("2025-10-08T00:00:00Z"))
        let qualified = try set.evaluate(T.snapshot(events: events + [T.event("earned", "2025-07-25T00:00:00Z", 1)]))
        #expect(qualified.status == .qualified)
        #expect(qualified.qualifiedAt == T.at("2025-07-25T00:00:00Z"))
    }

    @Test func allAnyNotCombinations() throws {
        let policy = try T.policy(T.header + """
        referral_types:
          client:
            requirements:
              - id: engaged
                any:
                  - id: posted
                    count: posted_job
                  - id: hired_two
                    count: hired
                    at_least: 2
              - id: no_refunds
                not:
                  id: refunded
                  count: refund
            rewards: [{ to: referrer, kind: cash, amount: 10.00 }]
        """)
        let posted = T.event("posted_job", "2025-07-11T00:00:00Z")
        let hired = T.event("hired", "2025-07-12T00:00:00Z")
        let refund = T.event("refund", "2025-07-13T00:00:00Z", 100)
        #expect(try policy.evaluate(T.snapshot(type: "client", events: [hired])).status == .pending)
        let d = try policy.evaluate(T.snapshot(type: "client", events: [hired])).progress.map(\.requirement)
        #expect(d == ["client.posted", "client.hired_two"])
        #expect(try policy.evaluate(T.snapshot(type: "client", events: [posted])).status == .qualified)
        #expect(try policy.evaluate(T.snapshot(type: "client", events: [hired, hired])).status == .qualified)
        // once refunded, `not refunded` can never hold again: nothing left to wait for
        #expect(try policy.evaluate(T.snapshot(type: "client", events: [posted, refund])).status == .expired)
    }

    // MARK: windows

    @Test func windowAfterSignupExpires() throws {
        let set = try T.example()
        // signed up 2025-07-10, 90-day window ends 2025-10-08T00:00:00Z
        let late = [T.event("earned", "2025-10-08T00:00:01Z", 50_000)]
        let onEdge = [T.event("earned", "2025-10-08T00:00:00Z", 50_000)]
        #expect(try set.evaluate(T.snapshot(asOf: "2025-10-08T00:00:00Z", events: [])).status == .pending)
        #expect(try set.evaluate(T.snapshot(asOf: "2025-10-08T00:00:01Z", events: late)).status == .expired)
        #expect(try set.evaluate(T.snapshot(asOf: "2025-10-09", events: onEdge)).status == .qualified)
    }

    @Test func fixedDeadlineWindow() throws {
        let set = try T.example()
        // version 1 client window ends 2025-09-30T23:59:59Z
        let hired = T.event("hired", "2025-06-20T00:00:00Z")
        let spent = T.event("spent", "2025-09-30T23:59:59Z", 25_000)
        let s = T.snapshot(type: "client", asOf: "2025-10-05", signup: "2025-06-15",
                           referrer: Snapshot.Referrer(id: "a", status: "active", attributes: ["top_rated": .bool(true)]),
                           events: [hired, spent])
        #expect(try set.evaluate(s).status == .qualified)
        var late = s
        late.events[1].at = T.at("2025-10-01T00:00:00Z")
        let expired = try set.evaluate(late)
        #expect(expired.status == .expired)
        #expect(expired.progress.first?.deadline == T.at("2025-09-30T23:59:59Z"))
    }

    // MARK: rewards

    @Test func doubleSidedRewardsCashAndCreditWithExpiry() throws {
        let set = try T.example()
        let s = T.snapshot(type: "client", asOf: "2025-09-01", events: [
            T.event("posted_job", "2025-07-11T00:00:00Z"), T.event("hired", "2025-07-12T00:00:00Z"),
            T.event("spent", "2025-07-20T08:30:00Z", 50_000),
        ])
        let d = try set.evaluate(s)
        #expect(d.status == .qualified)
        let usd = Currency(code: "USD")!
        #expect(d.rewards == [
            Decision.Reward(rule: "client.referrer_cash", beneficiary: .referrer, kind: .cash, amount: Money(minorUnits: 10_000, currency: usd),
                            earnedAt: T.at("2025-07-20T08:30:00Z"), payableAt: T.at("2025-08-19T08:30:00Z")),
            Decision.Reward(rule: "client.referee_credit", beneficiary: .referee, kind: .credit, amount: Money(minorUnits: 5_000, currency: usd),
                            earnedAt: T.at("2025-07-20T08:30:00Z"), payableAt: T.at("2025-07-20T08:30:00Z"),
                            expiresAt: T.at("2025-10-18T08:30:00Z")),
        ])
    }

    @Test(arguments: [(10_000, 1_500), (20_000, 2_000), (90_000, 5_000)])
    func percentWithFloorAndCeiling(earned: Int64, reward: Int64) throws {
        let set = try T.example()  // version 1: 10% of earnings, at least $15, at most $50
        let s = T.snapshot(asOf: "2025-06-30", signup: "2025-06-01",
                           referrer: Snapshot.Referrer(id: "a", attributes: ["top_rated": .bool(true)]),
                           events: [T.event("earned", "2025-06-02T00:00:00Z", 10_000), T.event("earned", "2025-06-03T00:00:00Z", earned - 10_000)])
        let d = try set.evaluate(s)
        #expect(d.status == .qualified)
        #expect(d.rewards.map(\.amount.minorUnits) == [reward])
        #expect(d.rewards.first?.expiresAt == T.at("2025-11-29T00:00:00Z"))  // no hold; credit lasts 180 days
    }

    @Test(arguments: [(10_000, "freelancer.referrer_bonus.starter", RewardKind.credit, Int64(2_500)),
                      (99_999, "freelancer.referrer_bonus.starter", .credit, 2_500),
                      (100_000, "freelancer.referrer_bonus.pro", .cash, 10_000)])
    func tiersPickTheHighestReached(earned: Int64, rule: String, kind: RewardKind, amount: Int64) throws {
        let set = try T.example()
        let d = try set.evaluate(T.snapshot(events: [T.event("earned", "2025-07-11T00:00:00Z", 10_000),
                                                     T.event("earned", "2025-07-21T00:00:00Z", earned - 10_000)]))
        #expect(d.rewards.count == 1)
        #expect(d.rewards.first?.rule == rule)
        #expect(d.rewards.first?.kind == kind)
        #expect(d.rewards.first?.amount.minorUnits == amount)
        // the pro tier is earned when the second payment reaches $1,000; the hold is 14 days
        let earnedAt = earned >= 100_000 ? "2025-07-21T00:00:00Z" : "2025-07-11T00:00:00Z"
        #expect(d.rewards.first?.earnedAt == T.at(earnedAt))
        #expect(d.rewards.first?.payableAt == T.at(earnedAt).adding(days: 14))
    }

    // MARK: limits

    static func history(_ count: Int, _ amount: Int64, from: String, kind: RewardKind = .cash) -> [Snapshot.PastReward] {
        (0..<count).map { i in
            Snapshot.PastReward(referralID: "old-\(i)", amountMinor: amount, currency: "USD", kind: kind,
                                grantedAt: T.at(from).adding(days: Int64(i)) ?? T.at(from))
        }
    }

    @Test func yearlyCountLimitWithholdsTheReward() throws {
        let set = try T.example()
        let referrer = Snapshot.Referrer(id: "a", status: "active", rewards: Self.history(20, 100, from: "2025-01-05"))
        let d = try set.evaluate(T.snapshot(type: "client", referrer: referrer, events: [
            T.event("posted_job", "2025-07-11T00:00:00Z"), T.event("hired", "2025-07-12T00:00:00Z"), T.event("spent", "2025-07-13T00:00:00Z", 60_000),
        ]))
        #expect(d.status == .qualified)
        #expect(d.rewards[0].amount.minorUnits == 0)
        #expect(d.rewards[0].limitedBy == "yearly_cap")
        #expect(d.rewards[0].uncappedMinor == 10_000)
        #expect(d.rewards[1].amount.minorUnits == 5_000)  // the referee's credit is not the referrer's limit
        // last year's rewards do not count this year
        let lastYear = Snapshot.Referrer(id: "a", status: "active", rewards: Self.history(20, 100, from: "2024-01-05"))
        #expect(try set.evaluate(T.snapshot(type: "client", referrer: lastYear, events: [
            T.event("posted_job", "2025-07-11T00:00:00Z"), T.event("hired", "2025-07-12T00:00:00Z"), T.event("spent", "2025-07-13T00:00:00Z", 60_000),
        ])).rewards[0].amount.minorUnits == 10_000)
    }

    @Test func yearlyAmountLimitReducesTheReward() throws {
        let set = try T.example()
        let referrer = Snapshot.Referrer(id: "a", status: "active", rewards: Self.history(5, 48_000, from: "2025-02-01"))
        let d = try set.evaluate(T.snapshot(type: "client", referrer: referrer, events: [
            T.event("posted_job", "2025-07-11T00:00:00Z"), T.event("hired", "2025-07-12T00:00:00Z"), T.event("spent", "2025-07-13T00:00:00Z", 60_000),
        ]))
        #expect(d.rewards[0].amount.minorUnits == 10_000)  // $2,400 used of $2,500: $100 fits
        let more = Snapshot.Referrer(id: "a", status: "active", rewards: Self.history(5, 49_000, from: "2025-02-01"))
        let capped = try set.evaluate(T.snapshot(type: "client", referrer: more, events: [
            T.event("posted_job", "2025-07-11T00:00:00Z"), T.event("hired", "2025-07-12T00:00:00Z"), T.event("spent", "2025-07-13T00:00:00Z", 60_000),
        ]))
        #expect(capped.rewards[0].amount.minorUnits == 5_000)
        #expect(capped.rewards[0].limitedBy == "yearly_cap")
    }

    @Test func pastRewardForTheSameReferralIsNotCountedTwice() throws {
        let set = try T.example()
        var history = Self.history(19, 100, from: "2025-01-05")
        history.append(Snapshot.PastReward(referralID: "r-1", amountMinor: 10_000, currency: "USD", kind: .cash, grantedAt: T.at("2025-07-13")))
        let d = try set.evaluate(T.snapshot(type: "client", referrer: Snapshot.Referrer(id: "a", status: "active", rewards: history), events: [
            T.event("posted_job", "2025-07-11T00:00:00Z"), T.event("hired", "2025-07-12T00:00:00Z"), T.event("spent", "2025-07-13T00:00:00Z", 60_000),
        ]))
        #expect(d.rewards[0].amount.minorUnits == 10_000)
        #expect(d.rewards[0].limitedBy == nil)
    }

    @Test func rollingMonthlyAndLifetimeLimits() throws {
        let policy = try T.policy(T.header + """
        limits:
          - id: monthly_count
            rolling_days: 30
            max_rewards: 2
          - id: lifetime_credit
            period: lifetime
            kind: credit
            max_amount: 100.00
        referral_types:
          freelancer:
            requirements: [{ count: hired }]
            rewards:
              - { id: cash, to: referrer, kind: cash, amount: 10.00 }
              - { id: credit, to: referrer, kind: credit, amount: 30.00 }
        """)
        func decide(_ history: [Snapshot.PastReward]) throws -> [Int64] {
            try policy.evaluate(T.snapshot(referrer: Snapshot.Referrer(id: "a", rewards: history),
                                           events: [T.event("hired", "2025-07-20T00:00:00Z")])).rewards.map(\.amount.minorUnits)
        }
        #expect(try decide([]) == [1_000, 3_000])
        // one reward 29 days before: the cash fits (2nd in 30 days), the credit is the 3rd and is withheld
        #expect(try decide(Self.history(1, 100, from: "2025-06-21")) == [1_000, 0])
        // 31 days before: outside the rolling window
        #expect(try decide(Self.history(2, 100, from: "2025-06-18")) == [1_000, 3_000])
        // $80 of lifetime credit used: $20 left of the $30 credit
        #expect(try decide(Self.history(1, 8_000, from: "2020-01-01", kind: .credit)) == [1_000, 2_000])
    }

    // MARK: hold, reversal, money

    @Test func holdPeriodDelaysPayment() throws {
        let set = try T.example()
        let d = try set.evaluate(T.snapshot(events: [T.event("earned", "2025-07-11T06:00:00Z", 10_000)]))
        #expect(d.rewards.first?.payableAt == T.at("2025-07-25T06:00:00Z"))
        #expect(d.rewards.first?.expiresAt == T.at("2026-07-25T06:00:00Z"))
    }

    @Test func refundWithinThePeriodReversesTheReward() throws {
        let set = try T.example()
        let earned = T.event("earned", "2025-07-11T00:00:00Z", 10_000)
        let refundSoon = T.event("refund", "2025-08-01T00:00:00Z", 10_000)
        let refundLate = T.event("refund", "2025-09-10T00:00:00Z", 10_000)  // 61 days later
        let reversed = try set.evaluate(T.snapshot(asOf: "2025-08-02", events: [earned, refundSoon]))
        #expect(reversed.status == .reversed)
        #expect(reversed.reason == "freelancer.reversal")
        #expect(reversed.rewards.map(\.rule) == ["freelancer.referrer_bonus.starter"])
        #expect(try set.evaluate(T.snapshot(asOf: "2025-09-11", events: [earned, refundLate])).status == .qualified)
        // a refund not yet known at as_of does not count
        #expect(try set.evaluate(T.snapshot(asOf: "2025-07-30", events: [earned, refundSoon])).status == .qualified)
    }

    @Test func moneyIsExactAndOverflowIsAnError() throws {
        let set = try T.example()
        let d = try set.evaluate(T.snapshot(events: [T.event("earned", "2025-07-11T00:00:00Z", 3), T.event("earned", "2025-07-12T00:00:00Z", 9_997)]))
        #expect(d.status == .qualified)
        let huge = [T.event("earned", "2025-07-11T00:00:00Z", Int64.max), T.event("earned", "2025-07-12T00:00:00Z", 1)]
        #expect(throws: EvaluationError(.overflow, "the sum of `earned` amounts for `freelancer.first_earnings` overflows",
                                        path: "events[1].amount_minor")) {
            try set.evaluate(T.snapshot(events: huge))
        }
    }

    @Test func explanationListsEveryRuleChecked() throws {
        let set = try T.example()
        let d = try set.evaluate(T.snapshot(asOf: "2025-08-01", events: [T.event("earned", "2025-07-11T00:00:00Z", 4_000)]), explain: true)
        #expect(d.explanation.map(\.rule) == [
            "marketplace-referrals@2", "came_through_link", "no_self_referral", "referee_in_good_standing", "not_sanctioned",
            "referrer_active", "freelancer.window", "freelancer.first_earnings",
        ])
        #expect(d.explanation.last?.saw == "`earned` amounts in the window add up to $40.00 of $100.00 needed")
        #expect(d.explanation[4].saw == #"referee.country is `US`; must not be in ["CU", "IR", "KP", "SY"]"#)
        let plain = try set.evaluate(T.snapshot(asOf: "2025-08-01", events: [T.event("earned", "2025-07-11T00:00:00Z", 4_000)]))
        #expect(plain.explanation.isEmpty)
        var same = d
        same.explanation = []
        #expect(same == plain)
    }

    @Test func theWindowHoldsForGoodOnceTheRequirementsWereMet() throws {
        let set = try T.example()
        let earned = [T.event("earned", "2025-07-11T00:00:00Z", 10_000)]
        // Long after the 60-day window closed, the referral stays qualified and says why.
        let late = try set.evaluate(T.snapshot(asOf: "2026-01-01", events: earned), explain: true)
        #expect(late.status == .qualified)
        let window = try #require(late.explanation.first { $0.rule == "freelancer.window" })
        #expect(window.held)
        #expect(window.saw.hasSuffix("; the requirements were met at 2025-07-11T00:00:00Z"))
        // Without the requirement met, a closed window is a failed check.
        let expired = try set.evaluate(T.snapshot(asOf: "2026-01-01", events: []), explain: true)
        #expect(expired.status == .expired)
        #expect(expired.explanation.first { $0.rule == "freelancer.window" }?.held == false)
    }
}
