import Foundation
import Testing
@testable import ReferralPolicy

/// Properties over generated snapshots against the example program. Generation is seeded,
/// so a failure names the seed that reproduces it.
@Suite struct PropertyTests {
    /// SplitMix64: small, fast, and the same sequence on every machine.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int64>) -> Int64 {
            range.lowerBound + Int64(next() % UInt64(range.upperBound - range.lowerBound + 1))
        }
        mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
        mutating func chance(_ percent: UInt64) -> Bool { next() % 100 < percent }
    }

    static let day: Int64 = 86_400
    static let start = Instant.date(year: 2025, month: 3, day: 1)!.secondsSinceEpoch

    static func snapshot(seed: UInt64) -> Snapshot {
        var g = Generator(state: seed)
        let type = g.pick(["freelancer", "client", "freelancer", "client", "nonsense"])
        let signup = Instant(secondsSinceEpoch: start + g.int(0...300) * day + g.int(0...86_399))
        let asOf = Instant(secondsSinceEpoch: signup.secondsSinceEpoch + g.int(-5...250) * day)
        var events: [Snapshot.Event] = []
        for _ in 0..<g.int(0...12) {
            let t = g.pick(["earned", "spent", "posted_job", "hired", "refund", "chargeback", "earned", "spent", "bogus"])
            let at = Instant(secondsSinceEpoch: signup.secondsSinceEpoch + g.int(-10...260) * day + g.int(0...86_399))
            let money = ["earned", "spent", "refund", "chargeback"].contains(t)
            var attributes: [String: AttributeValue] = [:]
            if t == "spent" { attributes["paid_from"] = .string(g.pick(["card", "balance", "bank"])) }
            events.append(Snapshot.Event(type: t, at: at, amountMinor: money ? g.int(0...150_000) : nil, attributes: attributes))
        }
        var history: [Snapshot.PastReward] = []
        for i in 0..<g.int(0...25) {
            history.append(Snapshot.PastReward(referralID: "old-\(i)", amountMinor: g.pick([2_500, 5_000, 10_000, 40_000]),
                                               currency: "USD", kind: g.pick([.cash, .credit]),
                                               grantedAt: Instant(secondsSinceEpoch: asOf.secondsSinceEpoch - g.int(0...400) * day)))
        }
        let referrer = Snapshot.Referrer(id: "u-\(g.int(1...50))", status: g.pick(["active", "active", "active", "suspended"]),
                                         attributes: ["top_rated": .bool(g.chance(70))], rewards: history)
        let referee = Snapshot.Referee(id: "u-\(g.int(1...50))", signupAt: signup, attribution: g.pick(["link", "link", "code", "organic"]),
                                       country: g.pick(["US", "GB", "DE", "IR", "BR"]),
                                       flags: g.chance(10) ? [g.pick(["fraud", "vip", "duplicate_account"])] : [])
        return Snapshot(id: "r-\(seed)", type: type, asOf: asOf, referrer: referrer, referee: referee, events: events)
    }

    static let seeds = Array(UInt64(1)...UInt64(10_000))

    static func answer(_ s: Snapshot) -> String {
        do { return DecisionEncoder.json(try T.exampleSet.evaluate(s, explain: true)) } catch { return "error: \(error)" }
    }

    @Test func alwaysADecisionOrAnErrorAndTheSameTwice() {
        var decided = 0
        for seed in Self.seeds {
            let s = Self.snapshot(seed: seed)
            let first = Self.answer(s), second = Self.answer(s)
            #expect(first == second, "seed \(seed)")
            if !first.hasPrefix("error") { decided += 1 }
        }
        #expect(decided > Self.seeds.count / 2)  // the generator mostly makes decidable snapshots
    }

    @Test func moreQualifyingEarningsNeverLowerTheReward() throws {
        var compared = 0
        for seed in Self.seeds {
            var s = Self.snapshot(seed: seed)
            guard s.type == "freelancer", let before = try? T.exampleSet.evaluate(s), before.status == .qualified else { continue }
            s.referrer.rewards = []
            let base = try T.exampleSet.evaluate(s)
            guard base.status == .qualified else { continue }
            let signup = s.referee.signupAt.secondsSinceEpoch
            let at = Instant(secondsSinceEpoch: min(s.asOf.secondsSinceEpoch, signup + 60 * Self.day))
            s.events.append(Snapshot.Event(type: "earned", at: at, amountMinor: Int64(seed % 200_000)))
            let more = try T.exampleSet.evaluate(s)
            #expect(more.status == .qualified || more.status == .reversed, "seed \(seed)")
            let a = base.rewards.map(\.amount.minorUnits).reduce(0, +), b = more.rewards.map(\.amount.minorUnits).reduce(0, +)
            #expect(b >= a, "seed \(seed): \(a) then \(b)")
            compared += 1
        }
        #expect(compared > 100)
    }

    @Test func noReferrerIsGrantedPastALimit() throws {
        var checked = 0
        for seed in Self.seeds {
            let s = Self.snapshot(seed: seed)
            guard let d = try? T.exampleSet.evaluate(s), d.status == .qualified, d.policy.version == "2" else { continue }
            for reward in d.rewards where reward.beneficiary == .referrer && reward.amount.minorUnits > 0 {
                let year = reward.earnedAt.civil.year
                // limits count the rewards granted in the period up to the instant this one is earned
                let sameYear = s.referrer.rewards.filter { $0.grantedAt.civil.year == year && $0.grantedAt <= reward.earnedAt }
                #expect(sameYear.count < 20, "seed \(seed): yearly count")
                #expect(sameYear.map(\.amountMinor).reduce(0, +) + reward.amount.minorUnits <= 250_000, "seed \(seed): yearly amount")
                if reward.kind == .cash {
                    let from = reward.earnedAt.secondsSinceEpoch - 30 * Self.day
                    let recentCash = s.referrer.rewards.filter {
                        $0.kind == .cash && $0.grantedAt.secondsSinceEpoch > from && $0.grantedAt <= reward.earnedAt
                    }
                    #expect(recentCash.count < 5, "seed \(seed): monthly burst")
                }
                checked += 1
            }
        }
        #expect(checked > 50)
    }
}
