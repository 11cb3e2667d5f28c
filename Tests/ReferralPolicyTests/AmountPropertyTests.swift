import Foundation
import Testing
@testable import ReferralPolicy

/// Properties of amounts over generated snapshots (seeded, so a failure names its seed):
///
/// - tiers of a count, whose amounts rise from tier to tier (for every city), and a percent of
///   the sum or of the largest event: one more qualifying event never lowers the reward;
/// - a percent of the first event: one more qualifying event after the first never changes it
///   (it is not monotone in general: an event dated before the first becomes the first);
/// - an amount by a field's value depends on that value alone: the table's amount, or the
///   default, whatever the events;
/// - and for all of them: the JSON writer writes the encoder's bytes, explaining changes nothing
///   but the explanation, and deciding twice gives the same decision.
@Suite struct AmountPropertyTests {
    static let policy: Policy = {
        let text = """
        program: amounts-properties
        version: "1"
        currency: USD
        attributes:
          referrer:
            city: text
        events:
          trip:
            attributes:
              kind: text
          order:
            amount: true
        referral_types:
          driver:
            window: { days: 60 }
            requirements:
              - id: trips
                count: trip
                at_least: 5
                where:
                  kind: { not_in: [cancelled] }
            rewards:
              - id: bonus
                to: referrer
                kind: cash
                of: trips
                tiers:
                  - id: five
                    at_least: 5
                    amount: { by: referrer.city, table: { london: 20.00, paris: 15.00 }, default: 10.00 }
                  - id: twenty
                    at_least: 20
                    amount: { by: referrer.city, table: { london: 80.00, paris: 60.00 }, default: 40.00 }
                  - id: fifty
                    at_least: 50
                    amount: 200.00
              - id: city_credit
                to: referee
                kind: credit
                amount: { by: referrer.city, table: { london: 5.00, paris: 4.00 } }
          buyer:
            window: { days: 30 }
            requirements:
              - id: orders
                count: order
              - id: spent
                sum: order
                at_least: 0.00
            rewards:
              - { id: first, to: referrer, kind: credit, percent: 10, of: orders, taking: first, max: 40.00 }
              - { id: largest, to: referrer, kind: credit, percent: 5, of: orders, taking: largest, min: 1.00 }
              - { id: total, to: referee, kind: credit, percent: 2, of: spent, max: 100.00 }
        """
        return Policy.load(yaml: text, file: "amounts-properties.yaml").policy!
    }()

    static let day: Int64 = 86_400
    static let start = Instant.date(year: 2025, month: 3, day: 1)!.secondsSinceEpoch
    static let cities = ["london", "paris", "berlin", "London"]

    static func snapshot(seed: UInt64) -> Snapshot {
        var g = PropertyTests.Generator(state: seed)
        let type = g.pick(["driver", "buyer"])
        let signup = Instant(secondsSinceEpoch: start + g.int(0...200) * day + g.int(0...86_399))
        let asOf = Instant(secondsSinceEpoch: signup.secondsSinceEpoch + g.int(0...90) * day)
        var events: [Snapshot.Event] = []
        for _ in 0..<g.int(0...(type == "driver" ? 70 : 8)) {
            let at = Instant(secondsSinceEpoch: signup.secondsSinceEpoch + g.int(-3...70) * day + g.int(0...86_399))
            if type == "driver" {
                events.append(Snapshot.Event(type: "trip", at: at, attributes: ["kind": .string(g.pick(["ride", "ride", "ride", "cancelled"]))]))
            } else {
                events.append(Snapshot.Event(type: "order", at: at, amountMinor: g.int(0...80_000)))
            }
        }
        var attributes: [String: AttributeValue] = [:]
        if g.chance(85) { attributes["city"] = .string(g.pick(cities)) }
        return Snapshot(id: "r-\(seed)", type: type, asOf: asOf,
                        referrer: Snapshot.Referrer(id: "u-1", status: "active", attributes: attributes),
                        referee: Snapshot.Referee(id: "u-2", signupAt: signup), events: events)
    }

    static let seeds = Array(UInt64(1)...UInt64(4_000))

    static func total(_ d: Decision, _ rule: String) -> Int64 {
        d.rewards.filter { $0.rule.hasPrefix(rule) }.map(\.amount.minorUnits).reduce(0, +)
    }

    /// One more qualifying event, at a random instant in the window and not after `as_of`.
    static func withOneMore(_ s: Snapshot, seed: UInt64, before first: Instant? = nil) -> Snapshot {
        var g = PropertyTests.Generator(state: seed &* 31)
        var s = s
        let signup = s.referee.signupAt.secondsSinceEpoch
        let end = min(s.asOf.secondsSinceEpoch, signup + (s.type == "driver" ? 60 : 30) * day)
        let low = first.map { $0.secondsSinceEpoch + 1 } ?? signup
        guard end >= low else { return s }
        let at = Instant(secondsSinceEpoch: low + g.int(0...(end - low)))
        if s.type == "driver" {
            s.events.append(Snapshot.Event(type: "trip", at: at, attributes: ["kind": .string("ride")]))
        } else {
            s.events.append(Snapshot.Event(type: "order", at: at, amountMinor: g.int(0...80_000)))
        }
        return s
    }

    @Test func theWriterTheEncoderAndTheExplanationAgree() throws {
        let set = PolicySet(Self.policy)
        var decided = 0
        for seed in Self.seeds {
            let s = Self.snapshot(seed: seed)
            let plain = try Self.policy.evaluate(s)
            var explained = try Self.policy.evaluate(s, explain: true)
            explained.explanation = []
            #expect(explained == plain, "seed \(seed)")
            #expect(try Self.policy.evaluate(s) == plain, "seed \(seed)")
            var written: [UInt8] = []
            try set.appendDecision(json: Array(try JSONEncoder().encode(s)), to: &written)
            #expect(String(decoding: written, as: UTF8.self) == DecisionEncoder.json(plain), "seed \(seed)")
            if plain.status == .qualified { decided += 1 }
        }
        #expect(decided > Self.seeds.count / 4)
    }

    @Test func moreTripsNeverLowerATierOfACount() throws {
        var compared = 0
        for seed in Self.seeds {
            let s = Self.snapshot(seed: seed)
            guard s.type == "driver", let before = try? Self.policy.evaluate(s), before.status == .qualified else { continue }
            let after = try Self.policy.evaluate(Self.withOneMore(s, seed: seed))
            #expect(Self.total(after, "driver.bonus") >= Self.total(before, "driver.bonus"), "seed \(seed)")
            compared += 1
        }
        #expect(compared > 200)
    }

    @Test func anAmountByAFieldDependsOnTheFieldAlone() throws {
        var checked = 0
        for seed in Self.seeds {
            let s = Self.snapshot(seed: seed)
            guard s.type == "driver", let d = try? Self.policy.evaluate(s), d.status == .qualified else { continue }
            let city: String? = if case .string(let c)? = s.referrer.attributes["city"] { c } else { nil }
            let expected: Int64? = ["london": 500, "paris": 400][city ?? ""]
            #expect(d.rewards.first { $0.rule == "driver.city_credit" }?.amount.minorUnits == expected, "seed \(seed)")
            let tier = d.rewards.first { $0.rule.hasPrefix("driver.bonus.") }
            switch tier?.rule {
            case "driver.bonus.five"?: #expect(tier?.amount.minorUnits == ["london": 2_000, "paris": 1_500][city ?? ""] ?? 1_000, "seed \(seed)")
            case "driver.bonus.twenty"?: #expect(tier?.amount.minorUnits == ["london": 8_000, "paris": 6_000][city ?? ""] ?? 4_000, "seed \(seed)")
            case "driver.bonus.fifty"?: #expect(tier?.amount.minorUnits == 20_000, "seed \(seed)")
            default: Issue.record("seed \(seed): a qualified driver without a tier")
            }
            checked += 1
        }
        #expect(checked > 200)
    }

    @Test func moreOrdersNeverLowerAPercentOfTheSumOrOfTheLargest() throws {
        var compared = 0
        for seed in Self.seeds {
            let s = Self.snapshot(seed: seed)
            guard s.type == "buyer", let before = try? Self.policy.evaluate(s), before.status == .qualified else { continue }
            let after = try Self.policy.evaluate(Self.withOneMore(s, seed: seed))
            #expect(Self.total(after, "buyer.largest") >= Self.total(before, "buyer.largest"), "seed \(seed)")
            #expect(Self.total(after, "buyer.total") >= Self.total(before, "buyer.total"), "seed \(seed)")
            compared += 1
        }
        #expect(compared > 200)
    }

    @Test func aPercentOfTheFirstOrderIsFixedOnceTheFirstOrderHappened() throws {
        var compared = 0, moved = 0
        for seed in Self.seeds {
            let s = Self.snapshot(seed: seed)
            guard s.type == "buyer", let before = try? Self.policy.evaluate(s), before.status == .qualified,
                  let first = before.qualifiedAt else { continue }
            // After the first qualifying order (which qualified the referral): nothing changes.
            let later = try Self.policy.evaluate(Self.withOneMore(s, seed: seed, before: first))
            #expect(Self.total(later, "buyer.first") == Self.total(before, "buyer.first"), "seed \(seed)")
            // Dated before it, an order becomes the first: the amount may go either way.
            var earlier = s
            earlier.events.append(Snapshot.Event(type: "order", at: s.referee.signupAt, amountMinor: Int64(seed % 50_000)))
            if Self.total(try Self.policy.evaluate(earlier), "buyer.first") != Self.total(before, "buyer.first") { moved += 1 }
            compared += 1
        }
        #expect(compared > 200)
        #expect(moved > 0)  // "first" is not monotone: the property above is the one that holds
    }
}
