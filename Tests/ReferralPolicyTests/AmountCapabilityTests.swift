import Foundation
import Testing
@testable import ReferralPolicy

/// How a reward's amount is set, beyond a fixed number, a percent of a sum and tiers of money
/// (issue 14, capabilities 2, 3 and 5): tiers of a count, amounts by a field's value, and a
/// percent of the first or largest qualifying event. Each through the decision, the explanation,
/// the JSON writer (byte for byte the encoder's), describe and the rule diff.
@Suite struct AmountCapabilityTests {
    static let header = """
    program: amounts
    version: "1"
    currency: USD
    attributes:
      referrer:
        city: text
        level: integer
        pro: boolean
    events:
      trip: {}
      order:
        amount: true
        attributes:
          paid_from: text

    """

    static let drivers = header + """
    referral_types:
      driver:
        window: { days: 90 }
        requirements:
          - id: trips
            count: trip
            at_least: 20
        rewards:
          - id: bonus
            to: referrer
            kind: cash
            of: trips
            tiers:
              - id: twenty
                at_least: 20
                amount: 100.00
              - id: fifty
                at_least: 50
                amount: 300.00
    """

    static func trips(_ n: Int, from day: Int = 2) -> [Snapshot.Event] {
        (0..<n).map { i in T.event("trip", String(format: "2025-07-%02dT%02d:00:00Z", day + i / 4, 8 + (i % 4) * 3)) }
    }

    static func referrer(_ attributes: [String: AttributeValue]) -> Snapshot.Referrer {
        Snapshot.Referrer(id: "u-referrer", status: "active", country: "GB", attributes: attributes)
    }

    /// The decision JSON the writer produces for `s` equals the encoded decision value, and
    /// explaining it changes nothing but the explanation.
    static func decide(_ policy: Policy, _ s: Snapshot, explain: Bool = false) throws -> Decision {
        let value = try policy.evaluate(s, explain: explain)
        let json = Array(try JSONEncoder().encode(s))
        var written: [UInt8] = []
        try PolicySet(policy).appendDecision(json: json, to: &written)
        let plain = try policy.evaluate(s)
        #expect(String(decoding: written, as: UTF8.self) == DecisionEncoder.json(plain))
        var unexplained = value
        unexplained.explanation = []
        #expect(unexplained == plain)
        return value
    }

    // MARK: - Tiers of a count

    @Test func countTiersPayByTheNumberOfTrips() throws {
        let policy = try T.policy(Self.drivers)
        let pending = try Self.decide(policy, T.snapshot(type: "driver", signup: "2025-07-01", events: Self.trips(19)))
        #expect(pending.status == .pending)
        #expect(pending.progress.map { "\($0.requirement) \($0.unit) \($0.have) of \($0.need)" } == ["driver.trips count 19 of 20"])
        let twenty = try Self.decide(policy, T.snapshot(type: "driver", signup: "2025-07-01", events: Self.trips(34)), explain: true)
        #expect(twenty.rewards.map(\.rule) == ["driver.bonus.twenty"])
        #expect(twenty.rewards.map(\.amount.minorUnits) == [10_000])
        let check = try #require(twenty.explanation.first { $0.kind == .tier })
        #expect(check.saw == "measured 34 `trip` events reaches tier `driver.bonus.twenty` (at least 20): $100.00 cash; 34 of 50 for the next tier, `driver.bonus.fifty`")
        let fifty = try Self.decide(policy, T.snapshot(type: "driver", signup: "2025-07-01", events: Self.trips(55)))
        #expect(fifty.rewards.map(\.rule) == ["driver.bonus.fifty"])
        // Earned when the 50th trip came: trip 49 (from 0) is on 2025-07-14 at 11:00.
        #expect(fifty.rewards.first?.earnedAt == T.at("2025-07-14T11:00:00Z"))
        #expect(fifty.qualifiedAt == T.at("2025-07-06T17:00:00Z"))
    }

    @Test func countTiersOfDistinctDaysStepOncePerDay() throws {
        let policy = try T.policy(Self.header + """
        referral_types:
          driver:
            requirements:
              - id: active_days
                count: trip
                at_least: 2
                distinct_days: true
            rewards:
              - id: bonus
                to: referrer
                kind: cash
                of: active_days
                tiers:
                  - { id: two_days, at_least: 2, amount: 10.00 }
                  - { id: four_days, at_least: 4, amount: 40.00 }
        """)
        // Four trips a day: day 4 is reached on 2025-07-05, not at the 4th trip (2025-07-02).
        let d = try Self.decide(policy, T.snapshot(type: "driver", signup: "2025-07-01", events: Self.trips(16)), explain: true)
        #expect(d.rewards.map(\.rule) == ["driver.bonus.four_days"])
        #expect(d.rewards.first?.earnedAt == T.at("2025-07-05T08:00:00Z"))
        #expect(d.explanation.first { $0.kind == .tier }?.saw
                == "measured 4 days with a `trip` event reaches tier `driver.bonus.four_days` (at least 4): $40.00 cash")
    }

    @Test func aCountBelowEveryTierPaysNothingAndSaysHowFar() throws {
        let policy = try T.policy(Self.header + """
        referral_types:
          driver:
            requirements:
              - id: trips
                count: trip
                at_least: 5
            rewards:
              - id: bonus
                to: referrer
                kind: cash
                of: trips
                tiers:
                  - { id: ten, at_least: 10, amount: 10.00 }
        """)
        let d = try Self.decide(policy, T.snapshot(type: "driver", signup: "2025-07-01", events: Self.trips(7)), explain: true)
        #expect(d.status == .qualified && d.rewards.isEmpty)
        let check = try #require(d.explanation.first { $0.kind == .tier })
        #expect(!check.held)
        #expect(check.saw == "measured 7 `trip` events reaches no tier; 7 of 10 for the next tier, `driver.bonus.ten`")
    }

    // MARK: - Amounts by a field's value

    static let cities = header + """
    referral_types:
      driver:
        requirements:
          - id: trips
            count: trip
        rewards:
          - id: city_bonus
            to: referrer
            kind: cash
            amount:
              by: referrer.city
              table:
                london: 20.00
                "São Paulo": 15.00
              default: 10.00
          - id: country_bonus
            to: referee
            kind: credit
            amount: { by: referee.country, table: { GB: 5.00, FR: 4.00 } }
          - id: ladder
            to: referrer
            kind: cash
            amount: { by: referrer.level, table: { 1: 1.00, 2: 2.00, 10: 10.00 } }
          - id: pro
            to: referrer
            kind: cash
            amount: { by: referrer.pro, table: { true: 3.00, false: 0 } }
    """

    func amounts(_ d: Decision) -> [String: Int64] {
        Dictionary(uniqueKeysWithValues: d.rewards.map { ($0.rule, $0.amount.minorUnits) })
    }

    @Test func anAmountIsLookedUpByTheFieldsValue() throws {
        let policy = try T.policy(Self.cities)
        let london = T.snapshot(type: "driver", signup: "2025-07-01", referrer: Self.referrer(["city": .string("london"), "level": .integer(2), "pro": .bool(true)]),
                                country: "GB", events: Self.trips(1))
        #expect(amounts(try Self.decide(policy, london))
                == ["driver.city_bonus": 2_000, "driver.country_bonus": 500, "driver.ladder": 200, "driver.pro": 300])
        // Not listed: the default, or nothing (not listed) without one; `false: 0` lists 0.
        let other = T.snapshot(type: "driver", signup: "2025-07-01", referrer: Self.referrer(["city": .string("Leeds"), "level": .integer(3), "pro": .bool(false)]),
                               country: "DE", events: Self.trips(1))
        #expect(amounts(try Self.decide(policy, other)) == ["driver.city_bonus": 1_000, "driver.pro": 0])
        // Missing values, and text compared exactly (`London` is not `london`).
        let missing = T.snapshot(type: "driver", signup: "2025-07-01", referrer: Self.referrer(["city": .string("London")]), country: nil, events: Self.trips(1))
        #expect(amounts(try Self.decide(policy, missing)) == ["driver.city_bonus": 1_000])
    }

    @Test func textKeysMatchTheirCanonicalEquivalents() throws {
        let policy = try T.policy(Self.cities)
        for city in ["S\u{E3}o Paulo", "Sa\u{303}o Paulo"] {
            let s = T.snapshot(type: "driver", signup: "2025-07-01", referrer: Self.referrer(["city": .string(city)]), events: Self.trips(1))
            #expect(amounts(try Self.decide(policy, s))["driver.city_bonus"] == 1_500, "\(Array(city.unicodeScalars))")
        }
    }

    @Test func theExplanationSaysWhatTheTableSaw() throws {
        let policy = try T.policy(Self.cities)
        let s = T.snapshot(type: "driver", signup: "2025-07-01", referrer: Self.referrer(["city": .string("Leeds"), "pro": .bool(true)]), country: "GB",
                           events: Self.trips(1))
        let saw = try Self.decide(policy, s, explain: true).explanation.filter { $0.kind == .reward }.map { "\($0.held) \($0.rule): \($0.saw)" }
        #expect(saw == [
            "true driver.city_bonus: referrer.city is `Leeds`, not in the table: the default, $10.00 cash to the referrer",
            "true driver.country_bonus: referee.country is `GB`: $5.00 credit to the referee",
            "false driver.ladder: referrer.level is missing, not in the table, and there is no default: nothing is paid to the referrer",
            "true driver.pro: referrer.pro is true: $3.00 cash to the referrer",
        ])
    }

    @Test func aLongTableIsHashedAndFindsEveryValue() throws {
        let names = (1...40).map { "city-\($0)" }
        let rows = names.enumerated().map { "            \($0.element): \($0.offset + 1).00" }.joined(separator: "\n")
        let policy = try T.policy(Self.header + """
        referral_types:
          driver:
            requirements:
              - count: trip
            rewards:
              - id: city_bonus
                to: referrer
                kind: cash
                amount:
                  by: referrer.city
                  table:
        \(rows)
        """)
        for (k, name) in names.enumerated() {
            let s = T.snapshot(type: "driver", signup: "2025-07-01", referrer: Self.referrer(["city": .string(name)]), events: Self.trips(1))
            #expect(amounts(try policy.evaluate(s))["driver.city_bonus"] == Int64(k + 1) * 100)
        }
        let none = T.snapshot(type: "driver", signup: "2025-07-01", referrer: Self.referrer(["city": .string("city-41")]), events: Self.trips(1))
        #expect(try policy.evaluate(none).rewards.isEmpty)
    }

    @Test func aTiersAmountCanDependOnAField() throws {
        let policy = try T.policy(Self.header + """
        referral_types:
          driver:
            requirements:
              - id: trips
                count: trip
                at_least: 20
            rewards:
              - id: bonus
                to: referrer
                kind: cash
                of: trips
                tiers:
                  - id: twenty
                    at_least: 20
                    amount: { by: referrer.city, table: { london: 100.00 }, default: 50.00 }
                  - id: fifty
                    at_least: 50
                    amount: { by: referrer.city, table: { london: 300.00 } }
        """)
        func bonus(_ city: String, _ n: Int) throws -> [String] {
            let d = try Self.decide(policy, T.snapshot(type: "driver", signup: "2025-07-01",
                                                       referrer: Self.referrer(["city": .string(city)]), events: Self.trips(n)), explain: true)
            return d.rewards.map { "\($0.rule) \($0.amount.minorUnits)" } + d.explanation.filter { $0.kind == .tier }.map(\.saw)
        }
        #expect(try bonus("london", 25) == ["driver.bonus.twenty 10000",
                                           "measured 25 `trip` events reaches tier `driver.bonus.twenty` (at least 20); referrer.city is `london`: $100.00 cash; 25 of 50 for the next tier, `driver.bonus.fifty`"])
        #expect(try bonus("leeds", 25) == ["driver.bonus.twenty 5000",
                                          "measured 25 `trip` events reaches tier `driver.bonus.twenty` (at least 20); referrer.city is `leeds`, not in the table: the default, $50.00 cash; 25 of 50 for the next tier, `driver.bonus.fifty`"])
        #expect(try bonus("london", 60).prefix(1) == ["driver.bonus.fifty 30000"])
        // The tier reached has no amount for Leeds and no default: nothing (not a lower tier).
        #expect(try bonus("leeds", 60) == ["measured 60 `trip` events reaches tier `driver.bonus.fifty` (at least 50); referrer.city is `leeds`, not in the table, and there is no default: nothing is paid"])
    }

    @Test func aValueOfAnotherTypeIsRefusedWithTheSnapshot() throws {
        let policy = try T.policy(Self.header + """
        referral_types:
          driver:
            requirements:
              - count: trip
            rewards:
              - id: ladder
                to: referrer
                kind: cash
                amount: { by: referrer.level, table: { 1: 1.00 }, default: 0.50 }
        """)
        // A declared integer sent as text never reaches the table: the snapshot is refused.
        let s = T.snapshot(type: "driver", signup: "2025-07-01", referrer: Self.referrer(["level": .string("1")]), events: Self.trips(1))
        #expect(throws: EvaluationError.self) { try policy.evaluate(s) }
        let one = T.snapshot(type: "driver", signup: "2025-07-01", referrer: Self.referrer(["level": .integer(1)]), events: Self.trips(1))
        #expect(amounts(try Self.decide(policy, one)) == ["driver.ladder": 100])
    }

    // MARK: - A percent of the first or largest qualifying event

    static let orders = header + """
    referral_types:
      buyer:
        window: { days: 30 }
        requirements:
          - id: first_order
            count: order
            where:
              paid_from: { not_in: [balance] }
        rewards:
          - id: first
            to: referrer
            kind: credit
            percent: 10
            of: first_order
            taking: first
            max: 100.00
          - id: largest
            to: referrer
            kind: credit
            percent: 10
            of: first_order
            taking: largest
            min: 5.00
    """

    static func order(_ at: String, _ cents: Int64, from: String = "card") -> Snapshot.Event {
        T.event("order", at, cents, ["paid_from": .string(from)])
    }

    @Test func fiverrPaysTenPercentOfTheFirstOrderNotOfTheSum() throws {
        let policy = try T.policy(Self.orders)
        let s = T.snapshot(type: "buyer", signup: "2025-07-01", events: [
            Self.order("2025-07-02T10:00:00Z", 2_000, from: "balance"),  // not qualifying: paid from the balance
            Self.order("2025-07-03T10:00:00Z", 4_000),
            Self.order("2025-07-04T10:00:00Z", 6_000),
            Self.order("2025-08-20T10:00:00Z", 90_000),                  // after the 30-day window
        ])
        let d = try Self.decide(policy, s, explain: true)
        #expect(amounts(d) == ["buyer.first": 400, "buyer.largest": 600])
        #expect(d.explanation.filter { $0.kind == .reward }.map(\.saw) == [
            "10.00% of the first `order` event ($40.00, at 2025-07-03T10:00:00Z) is $4.00",
            "10.00% of the largest `order` event ($60.00, at 2025-07-04T10:00:00Z) is $6.00",
        ])
    }

    @Test func theFirstOrderIsTheFirstInTimeNotInTheSnapshot() throws {
        let policy = try T.policy(Self.orders)
        let s = T.snapshot(type: "buyer", signup: "2025-07-01", events: [
            Self.order("2025-07-05T10:00:00Z", 6_000),
            Self.order("2025-07-03T10:00:00Z", 4_000),
            Self.order("2025-07-03T10:00:00Z", 7_000),  // same instant: the one sent first is first
        ])
        #expect(amounts(try Self.decide(policy, s)) == ["buyer.first": 400, "buyer.largest": 700])
    }

    @Test func minAndMaxBoundAPercentOfOneEvent() throws {
        let policy = try T.policy(Self.orders)
        let big = T.snapshot(type: "buyer", signup: "2025-07-01", events: [Self.order("2025-07-03T10:00:00Z", 150_000)])
        let d = try Self.decide(policy, big, explain: true)
        #expect(amounts(d) == ["buyer.first": 10_000, "buyer.largest": 15_000])
        #expect(d.explanation.first { $0.rule == "buyer.first" }?.saw
                == "10.00% of the first `order` event ($1,500.00, at 2025-07-03T10:00:00Z) is $150.00, bounded to $100.00")
        let small = T.snapshot(type: "buyer", signup: "2025-07-01", events: [Self.order("2025-07-03T10:00:00Z", 1_000)])
        #expect(amounts(try Self.decide(policy, small)) == ["buyer.first": 100, "buyer.largest": 500])
    }

    @Test func noQualifyingEventTakesAPercentOfZero() throws {
        let policy = try T.policy(Self.header + """
        referral_types:
          buyer:
            requirements:
              - id: any_orders
                count: order
                at_least: 0
            rewards:
              - id: share
                to: referrer
                kind: credit
                percent: 10
                of: any_orders
                taking: first
                min: 1.00
        """)
        let d = try Self.decide(policy, T.snapshot(type: "buyer", events: []), explain: true)
        #expect(amounts(d) == ["buyer.share": 100])
        #expect(d.explanation.first { $0.kind == .reward }?.saw == "10.00% of no qualifying `order` event ($0.00) is $0.00, bounded to $1.00")
    }

    @Test func aPercentOfOneEventOfASum() throws {
        let policy = try T.policy(Self.header + """
        referral_types:
          buyer:
            requirements:
              - id: spent
                sum: order
                at_least: 100.00
            rewards:
              - { id: total, to: referrer, kind: cash, percent: 10, of: spent }
              - { id: biggest, to: referrer, kind: cash, percent: 10, of: spent, taking: largest }
        """)
        let s = T.snapshot(type: "buyer", events: [Self.order("2025-07-11T10:00:00Z", 4_000), Self.order("2025-07-12T10:00:00Z", 7_000)])
        #expect(amounts(try Self.decide(policy, s)) == ["buyer.total": 1_100, "buyer.biggest": 700])
    }

    // MARK: - Readers of rules

    @Test func describeSaysItInPlainWords() throws {
        let markdown = PolicyDescription(try T.policy(Self.drivers + """

              - id: city_bonus
                to: referee
                kind: credit
                amount: { by: referrer.city, table: { london: 20.00 } }
          buyer:
            requirements:
              - id: first_order
                count: order
            rewards:
              - { id: first, to: referrer, kind: credit, percent: 10, of: first_order, taking: first, max: 100.00 }
        """)).markdown
        for line in [
            "- **The referrer** gets one of these, by the number of *trip* events counted by `driver.trips` (only the highest level reached is paid), payable as soon as it is earned (`driver.bonus`):",
            "  - after **20** *trip* events: **$100.00** in cash (`driver.bonus.twenty`)",
            "- **The referee** gets an amount of platform credit that depends on the referrer's `city`, payable as soon as it is earned; the credit does not expire (`driver.city_bonus`):",
            "  - `london`: **$20.00**",
            "  - any other value, or none: nothing is paid",
            "- **The referrer** gets **10%** of the first *order* event counted by `buyer.first_order`, rounded down to $0.01, as platform credit: at most **$100.00**, payable as soon as it is earned; the credit does not expire (`buyer.first`).",
        ] {
            #expect(markdown.contains(line + "\n"), "\(line)\nin:\n\(markdown)")
        }
    }

    @Test func theRuleDiffNamesEachTableEntry() throws {
        let base = Self.cities
        let new = base.replacingOccurrences(of: "london: 20.00", with: "london: 25.00")
            .replacingOccurrences(of: "default: 10.00", with: "default: 12.00")
            .replacingOccurrences(of: "FR: 4.00", with: "FR: 4.00, DE: 3.00")
            .replacingOccurrences(of: "2: 2.00, ", with: "")
        let diff = RuleDiff.compare(base: [try Self.policy(base, "a.yaml")], new: [try Self.policy(new, "b.yaml")])
        #expect(diff.changes.map(\.headline) == [
            "driver.city_bonus: amount for london 20.00 -> 25.00",
            "driver.city_bonus: default amount 10.00 -> 12.00",
            "driver.country_bonus: amount for DE (none) -> 3.00",
            "driver.ladder: amount for 2 2.00 -> (none)",
        ])
    }

    @Test func theRuleDiffReadsCountTiersAndTaking() throws {
        let base = Self.drivers.replacingOccurrences(of: "at_least: 50\n", with: "at_least: 50\n") + """

          buyer:
            requirements:
              - id: first_order
                count: order
            rewards:
              - { id: share, to: referrer, kind: credit, percent: 10, of: first_order, taking: first }
        """
        let new = base.replacingOccurrences(of: "at_least: 50\n", with: "at_least: 40\n")
            .replacingOccurrences(of: "taking: first", with: "taking: largest")
        let diff = RuleDiff.compare(base: [try Self.policy(base, "a.yaml")], new: [try Self.policy(new, "b.yaml")])
        #expect(diff.changes.map(\.headline) == [
            "driver.bonus.fifty: at_least 50 -> 40",
            "buyer.share: amount 10.00% of the first event of first_order -> 10.00% of the largest event of first_order",
        ])
    }

    static func policy(_ text: String, _ file: String) throws -> Policy {
        let loaded = Policy.load(yaml: text, file: file)
        return try #require(loaded.policy, "\(loaded.diagnostics)")
    }
}
