import Testing
@testable import ReferralPolicy

/// Units that are not ISO money (issue 14, capability 6): a policy declares them under
/// `units:`; rewards, limits, sums and progress use them; decisions, explanations, `describe`
/// and the rule diff read them.
extension CapabilityTests {
    static let storage = """
    program: storage-referrals
    version: "1"
    currency: MB
    units:
      MB:
        name: megabytes of storage space
        decimals: 0
    events:
      desktop_app_installed: {}
    limits:
      - id: storage_cap
        period: lifetime
        max_amount: 16000
    referral_types:
      basic:
        requirements:
          - id: installed
            count: desktop_app_installed
        rewards:
          - id: referrer_space
            to: referrer
            kind: credit
            amount: 500
          - id: friend_space
            to: referee
            kind: credit
            amount: 500

    """

    static func installed(_ past: [Snapshot.PastReward] = []) -> Snapshot {
        T.snapshot(type: "basic", referrer: Snapshot.Referrer(id: "u-referrer", rewards: past),
                   events: [T.event("desktop_app_installed", "2025-07-11T09:00:00Z")])
    }

    static func past(_ minor: Int64, _ currency: String, id: String = "r-0") -> Snapshot.PastReward {
        Snapshot.PastReward(referralID: id, amountMinor: minor, currency: currency, kind: .credit, grantedAt: T.at("2025-03-01"))
    }

    @Test func aRewardInAUnitReadsAsTheUnit() throws {
        let policy = try T.policy(Self.storage)
        let d = try policy.evaluate(Self.installed(), explain: true)
        #expect(d.status == .qualified)
        #expect(d.rewards.map(\.amount.minorUnits) == [500, 500])
        #expect(d.rewards.allSatisfy { $0.amount.currency.code == "MB" && $0.amount.currency.isDeclaredUnit && $0.amount.display == "500 MB" })
        let json = DecisionEncoder.json(d)
        #expect(json.contains(#""rule":"basic.referrer_space","beneficiary":"referrer","kind":"credit","amount":"500","amount_minor":500,"currency":"MB""#))
        #expect(d.explanation.contains { $0.rule == "basic.referrer_space" && $0.saw == "fixed 500 MB credit to the referrer" })
        // The JSON writer and the value agree byte for byte.
        let snapshot = #"{"id":"r-1","type":"basic","as_of":"2025-08-01T00:00:00Z","referrer":{"id":"u-referrer"},"#
            + #""referee":{"id":"u-referee","signup_at":"2025-07-10T00:00:00Z"},"events":[{"type":"desktop_app_installed","at":"2025-07-11T09:00:00Z"}]}"#
        var line: [UInt8] = []
        try PolicySet(policy).appendDecision(json: Array(snapshot.utf8), to: &line)
        #expect(String(decoding: line, as: UTF8.self) == DecisionEncoder.json(try policy.evaluate(json: Array(snapshot.utf8))))
        #expect(String(decoding: line, as: UTF8.self).contains(#""currency":"MB""#))
    }

    @Test func aLimitInAUnitCountsPastRewardsInIt() throws {
        let policy = try T.policy(Self.storage)
        // 15,700 MB earned before (and $50 of cash, which an MB cap does not count): 300 MB remain.
        let d = try policy.evaluate(Self.installed([Self.past(15_700, "MB"), Self.past(5_000, "USD", id: "r-9")]), explain: true)
        let referrer = try #require(d.rewards.first)
        #expect(referrer.amount.minorUnits == 300 && referrer.limitedBy == "storage_cap" && referrer.uncappedMinor == 500)
        #expect(d.rewards[1].amount.minorUnits == 500)  // the friend's is never limited
        #expect(d.explanation.contains { $0.rule == "storage_cap" && $0.saw == "2 rewards in the referrer's lifetime before this one; 15,700 MB of 16,000 MB used" })
    }

    @Test func aLimitNamesItsOwnCurrency() throws {
        let policy = try T.policy(T.header + """
        units:
          POINTS: { decimals: 0, symbol: points }
        limits:
          - id: points_cap
            period: calendar_year
            max_amount: 1000
            currency: POINTS
        referral_types:
          freelancer:
            requirements:
              - count: hired
            rewards:
              - id: cash
                to: referrer
                kind: cash
                amount: 10.00
              - id: points
                to: referrer
                kind: credit
                currency: POINTS
                amount: 400
        """)
        let referrer = Snapshot.Referrer(id: "u-referrer", rewards: [Self.past(800, "POINTS")])
        let d = try policy.evaluate(T.snapshot(referrer: referrer, events: [T.event("hired", "2025-07-11T00:00:00Z")]))
        #expect(d.rewards.map(\.amount.minorUnits) == [1000, 200])  // the cash is not in points: not capped
        #expect(d.rewards[1].limitedBy == "points_cap" && d.rewards[1].amount.display == "200 points")
    }

    @Test func sumsProgressAndTiersUseTheEventTypesUnit() throws {
        let policy = try T.policy("""
        program: miles
        version: "1"
        currency: USD
        units:
          MILES: { decimals: 0, symbol: miles }
        events:
          flight:
            amount: true
            currency: MILES
        referral_types:
          member:
            window: { days: 365 }
            requirements:
              - id: flew
                sum: flight
                at_least: 5000
            rewards:
              - id: bonus
                to: referrer
                of: flew
                currency: MILES
                tiers:
                  - { id: silver, at_least: 5000, amount: 2500, kind: credit }
                  - { id: gold, at_least: 20000, amount: 10000, kind: credit }
              - id: share
                to: referee
                kind: credit
                currency: MILES
                percent: 10
                of: flew
        """)
        let pending = try policy.evaluate(T.snapshot(type: "member", events: [T.event("flight", "2025-07-20T00:00:00Z", 3_200)]))
        #expect(pending.status == .pending)
        #expect(pending.progress.first.map { ($0.unit, $0.have, $0.need, $0.currency?.code) } ?? (.count, 0, 0, nil) == (.money, 3_200, 5_000, "MILES"))
        #expect(DecisionEncoder.json(pending).contains(#""unit":"money","have":3200,"need":5000,"currency":"MILES""#))
        let flights = [T.event("flight", "2025-07-20T00:00:00Z", 3_200), T.event("flight", "2025-08-20T00:00:00Z", 18_000)]
        let d = try policy.evaluate(T.snapshot(type: "member", asOf: "2025-09-01", events: flights), explain: true)
        #expect(d.rewards.map(\.rule) == ["member.bonus.gold", "member.share"])
        #expect(d.rewards.map(\.amount.minorUnits) == [10_000, 2_120])
        #expect(d.explanation.contains { $0.saw == "`flight` amounts in the window add up to 21,200 miles of 5,000 miles needed" })
        #expect(d.explanation.contains { $0.saw == "measured 21,200 miles reaches tier `member.bonus.gold` (at least 20,000 miles): 10,000 miles credit" })
        #expect(d.explanation.contains { $0.saw == "10.00% of 21,200 miles is 2,120 miles" })
    }

    @Test func aTokenWithItsOwnDecimalsIsExact() throws {
        let policy = try T.policy(T.header + """
        units:
          BTC: { decimals: 8, name: bitcoin }
        referral_types:
          freelancer:
            requirements:
              - count: hired
            rewards:
              - to: referrer
                kind: cash
                currency: BTC
                amount: 0.0005
        """)
        let d = try policy.evaluate(T.snapshot(events: [T.event("hired", "2025-07-11T00:00:00Z")]))
        #expect(d.rewards.first?.amount.minorUnits == 50_000)
        #expect(DecisionEncoder.json(d).contains(#""amount":"0.00050000","amount_minor":50000,"currency":"BTC""#))
        #expect(d.rewards.first?.amount.display == "0.00050000 BTC")
    }

    @Test func pastRewardsInAUnitNeedItDeclared() throws {
        let policy = try T.policy(Self.storage)
        #expect(throws: EvaluationError(.invalidSnapshot, "unknown currency `GB`", path: "referrer.rewards[0].currency")) {
            try policy.evaluate(Self.installed([Self.past(1, "GB")]))
        }
        // Declared but used by nothing: past rewards in it are still read.
        let declared = try T.policy(Self.storage.replacingOccurrences(of: "    decimals: 0\n", with: "    decimals: 0\n  GB: { decimals: 0 }\n"))
        #expect(try declared.evaluate(Self.installed([Self.past(1, "GB")])).rewards.first?.amount.minorUnits == 500)
    }

    @Test func anEventAmountIsInItsTypesCurrency() throws {
        let policy = try T.policy("""
        program: miles
        version: "1"
        currency: USD
        units:
          MILES: { decimals: 0 }
        events:
          flight: { amount: true, currency: MILES }
        referral_types:
          member:
            requirements:
              - sum: flight
                at_least: 5000
            rewards:
              - to: referrer
                kind: cash
                amount: 10.00
        """)
        var miles = T.event("flight", "2025-07-20T00:00:00Z", 6_000)
        #expect(try policy.evaluate(T.snapshot(type: "member", events: [miles])).status == .qualified)
        miles.currency = "MILES"
        #expect(try policy.evaluate(T.snapshot(type: "member", events: [miles])).status == .qualified)
        miles.currency = "USD"
        #expect(throws: EvaluationError(.currencyMismatch, "amount in `USD`, but this policy counts `flight` amounts in `MILES`",
                                        path: "events[0].currency")) {
            try policy.evaluate(T.snapshot(type: "member", events: [miles]))
        }
    }

    @Test func describeAndTheRuleDiffReadUnits() throws {
        let policy = try T.policy(Self.storage)
        let text = PolicyDescription(policy).markdown
        #expect(text.contains("- `MB`: megabytes of storage space, in whole numbers, written like **1,500 MB**."))
        #expect(text.contains("**The referrer** gets **500 MB** of platform credit"))
        #expect(text.contains("A referrer receives at most **16,000 MB** over their lifetime (`storage_cap`)."))
        let finer = try T.policy(Self.storage.replacingOccurrences(of: "decimals: 0", with: "decimals: 3")
            .replacingOccurrences(of: "max_amount: 16000", with: "max_amount: 16000.000")
            .replacingOccurrences(of: "amount: 500\n", with: "amount: 500.000\n"))
        let diff = RuleDiff.compare(base: [policy], new: [finer])
        #expect(diff.changes.map(\.headline).contains("units.MB: decimals 0 -> 3"))
        #expect(diff.changes.map(\.headline).contains("storage_cap: max_amount 16000 -> 16000.000"))
    }
}
