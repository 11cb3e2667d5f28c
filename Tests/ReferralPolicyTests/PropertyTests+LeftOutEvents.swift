import Testing
@testable import ReferralPolicy

/// Events left out (issue 14): adding events of a type the policy leaves out, or amounts in
/// another currency than a sum's, never changes a decision; only its explanation says so. And
/// amounts in a unit behave as money does: more qualifying miles never lower the reward.
extension PropertyTests {
    static let leftOutPolicy = """
    program: left-out
    version: "1"
    currency: EUR
    unknown_events: ignore
    units:
      MILES: { decimals: 0, symbol: miles }
    events:
      top_up: { amount: true, other_currencies: ignore }
      flight: { amount: true, currency: MILES }
    referral_types:
      friend:
        window: { days: 60 }
        requirements:
          - id: topped_up
            sum: top_up
            at_least: 50.00
          - id: flew
            sum: flight
            at_least: 1000
        rewards:
          - id: share
            to: referrer
            kind: credit
            currency: MILES
            percent: 10
            of: flew
            max: 5000
          - id: bonus
            to: referee
            of: topped_up
            tiers:
              - { at_least: 50.00, amount: 5.00, kind: cash }
              - { at_least: 200.00, amount: 20.00, kind: cash }
    """

    static func leftOutSnapshot(_ g: inout Generator) -> Snapshot {
        let signup = Instant(secondsSinceEpoch: start + g.int(0...100) * day)
        var events: [Snapshot.Event] = []
        for _ in 0..<g.int(0...8) {
            let at = Instant(secondsSinceEpoch: signup.secondsSinceEpoch + g.int(-3...70) * day + g.int(0...86_399))
            events.append(g.chance(50) ? Snapshot.Event(type: "top_up", at: at, amountMinor: g.pick([1_000, 2_500, 6_000, 15_000]))
                          : Snapshot.Event(type: "flight", at: at, amountMinor: g.pick([200, 450, 900, 3_000, 60_000])))
        }
        return Snapshot(id: "r-\(g.next() % 1000)", type: "friend",
                        asOf: Instant(secondsSinceEpoch: signup.secondsSinceEpoch + g.int(0...90) * day),
                        referrer: Snapshot.Referrer(id: "u-1"), referee: Snapshot.Referee(id: "u-2", signupAt: signup), events: events)
    }

    @Test func eventsLeftOutNeverChangeADecision() throws {
        let policy = try T.policy(Self.leftOutPolicy)
        for seed in 1...600 as ClosedRange<UInt64> {
            var g = Generator(state: seed &* 31)
            let base = Self.leftOutSnapshot(&g)
            var noisy = base
            var mentioned = false  // an event the explanation must name: any undeclared one, a foreign top-up that would have counted
            for _ in 0..<g.int(1...5) {
                let at = Instant(secondsSinceEpoch: base.referee.signupAt.secondsSinceEpoch + g.int(-3...70) * Self.day)
                let extra = g.chance(50)
                    ? Snapshot.Event(type: g.pick(["file_uploaded", "login", "top_up_reversed"]), at: at, amountMinor: g.chance(50) ? -5 : nil)
                    : Snapshot.Event(type: "top_up", at: at, amountMinor: g.pick([100, 90_000]), currency: g.pick(["USD", "GBP", "MILES"]))
                noisy.events.insert(extra, at: Int(g.int(0...Int64(noisy.events.count))))
                let inWindow = at >= base.referee.signupAt && at <= (base.referee.signupAt.adding(days: 60) ?? at) && at <= base.asOf
                if extra.type != "top_up" || inWindow { mentioned = true }
            }
            let plain = try policy.evaluate(base)
            #expect(try policy.evaluate(noisy) == plain, "seed \(seed)")
            var explained = try policy.evaluate(noisy, explain: true)
            let says = explained.explanation.contains { $0.kind == .event } || explained.explanation.contains { $0.saw.contains("in another currency left out") }
            #expect(says == mentioned, "seed \(seed): the explanation \(says ? "names" : "does not name") events left out")
            explained.explanation = []
            #expect(explained == plain, "seed \(seed)")
        }
    }

    @Test func moreMilesNeverLowerTheReward() throws {
        let policy = try T.policy(Self.leftOutPolicy)
        for seed in 1...400 as ClosedRange<UInt64> {
            var g = Generator(state: seed &* 97)
            let base = Self.leftOutSnapshot(&g)
            var more = base
            let at = Instant(secondsSinceEpoch: base.referee.signupAt.secondsSinceEpoch + g.int(0...59) * Self.day)
            more.events.append(Snapshot.Event(type: g.pick(["flight", "top_up"]), at: at, amountMinor: g.pick([100, 5_000, 40_000])))
            func paid(_ d: Decision) -> [String: Int64] {
                Dictionary(d.rewards.map { ("\($0.beneficiary.rawValue) \($0.amount.currency.code)", $0.amount.minorUnits) }, uniquingKeysWith: +)
            }
            let before = paid(try policy.evaluate(base))
            let after = paid(try policy.evaluate(more))
            for (key, amount) in before { #expect((after[key] ?? 0) >= amount, "seed \(seed): \(key) fell from \(amount)") }
        }
    }
}
