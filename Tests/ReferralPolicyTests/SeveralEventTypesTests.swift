import Foundation
import Testing
@testable import ReferralPolicy

/// A `count` or `sum` over several event types (`sum: [buy, sell]`): one measure, counted and
/// summed together, with windows, filters, distinct days, tiers and percents, progress,
/// explanations, plain English, the rule diff and the plan.
@Suite struct SeveralEventTypesTests {
    static let header = """
    program: trades
    version: "1"
    currency: USD
    events:
      verified: {}
      buy:
        amount: true
        attributes:
          venue: text
      sell:
        amount: true
        attributes:
          venue: text
      convert:
        amount: true

    """

    static let traded = header + """
    referral_types:
      friend:
        window: { days: 180 }
        requirements:
          - id: traded
            description: Buy or sell $100 of crypto
            sum: [buy, sell]
            at_least: 100.00
        rewards:
          - { id: bonus, to: referrer, kind: cash, amount: 10.00 }
    """

    static func snapshot(_ events: [Snapshot.Event], asOf: String = "2025-08-01") -> Snapshot {
        T.snapshot(type: "friend", asOf: asOf, events: events)
    }

    @Test func buysAndSellsAddUpInOneMeasure() throws {
        let policy = try T.policy(Self.traded)
        let buy = T.event("buy", "2025-07-11T10:00:00Z", 6_000)
        let sell = T.event("sell", "2025-07-12T10:00:00Z", 4_000)
        let convert = T.event("convert", "2025-07-11T12:00:00Z", 90_000)  // not listed: never counts
        let pending = try policy.evaluate(Self.snapshot([buy, convert]))
        #expect(pending.status == .pending)
        #expect(pending.progress == [Decision.Progress(requirement: "friend.traded", description: "Buy or sell $100 of crypto", eventType: "buy",
                                                      unit: .money, have: 6_000, need: 10_000, currency: Currency(code: "USD"),
                                                      deadline: T.at("2026-01-06T00:00:00Z"), eventTypes: ["buy", "sell"])])
        let done = try policy.evaluate(Self.snapshot([buy, convert, sell]))
        #expect(done.status == .qualified)
        #expect(done.qualifiedAt == T.at("2025-07-12T10:00:00Z"))
        // A sell alone counts as a buy would.
        #expect(try policy.evaluate(Self.snapshot([T.event("sell", "2025-07-12T10:00:00Z", 10_000)])).status == .qualified)
    }

    @Test func progressNamesEveryTypeInJSONAndTheTwoWritersAgree() throws {
        let set = PolicySet(try T.policy(Self.traded))
        let line = #"{"id":"r-1","type":"friend","as_of":"2025-08-01T00:00:00Z","referrer":{"id":"a","status":"active"},"referee":{"id":"b","signup_at":"2025-07-10T00:00:00Z"},"events":[{"type":"sell","at":"2025-07-11T00:00:00Z","amount_minor":2500}]}"#
        var bytes: [UInt8] = []
        try set.appendDecision(json: Array(line.utf8), to: &bytes)
        let written = String(decoding: bytes, as: UTF8.self)
        #expect(written.contains(#""progress":[{"requirement":"friend.traded","description":"Buy or sell $100 of crypto","event_type":"buy","event_types":["buy","sell"],"unit":"money","have":2500,"need":10000,"currency":"USD","deadline":"2026-01-06T00:00:00Z"}]"#),
                "\(written)")
        #expect(DecisionEncoder.json(try set.evaluate(json: Array(line.utf8))) == written)
    }

    @Test func explanationSaysTheTypesAreAddedTogether() throws {
        let policy = try T.policy(Self.header + """
        referral_types:
          friend:
            requirements:
              - id: traded
                sum: [buy, sell]
                at_least: 100.00
              - id: trades
                count: [buy, sell, convert]
                at_least: 3
            rewards:
              - { to: referrer, kind: cash, amount: 10.00 }
        """)
        let d = try policy.evaluate(Self.snapshot([T.event("buy", "2025-07-11T10:00:00Z", 6_000), T.event("convert", "2025-07-12T10:00:00Z", 100)]),
                                    explain: true)
        let saw = d.explanation.filter { $0.kind == .requirement }.map(\.saw)
        #expect(saw == ["`buy` and `sell` amounts in the window add up to $60.00 of $100.00 needed",
                        "2 `buy`, `sell` or `convert` events in the window of 3 needed"])
    }

    @Test func distinctDaysCountADayOnceWhateverItsTypes() throws {
        let policy = try T.policy(Self.header + """
        referral_types:
          friend:
            requirements:
              - id: trading_days
                count: [buy, sell]
                at_least: 2
                distinct_days: true
            rewards:
              - { to: referrer, kind: cash, amount: 10.00 }
        """)
        let sameDay = [T.event("buy", "2025-07-11T10:00:00Z", 100), T.event("sell", "2025-07-11T20:00:00Z", 100)]
        #expect(try policy.evaluate(Self.snapshot(sameDay)).progress.map(\.have) == [1])
        let twoDays = sameDay + [T.event("sell", "2025-07-12T01:00:00Z", 100)]
        let d = try policy.evaluate(Self.snapshot(twoDays))
        #expect(d.status == .qualified && d.qualifiedAt == T.at("2025-07-12T01:00:00Z"))
    }

    @Test func filtersApplyToEveryListedTypeAndWindowsToTheMeasure() throws {
        let policy = try T.policy(Self.header + """
        referral_types:
          friend:
            requirements:
              - id: exchange_trades
                sum: [buy, sell]
                at_least: 100.00
                window: { days: 7 }
                where:
                  venue: exchange
                  amount: { at_least: 10.00 }
            rewards:
              - { to: referrer, kind: cash, amount: 10.00 }
        """)
        let events = [
            T.event("buy", "2025-07-11T00:00:00Z", 5_000, ["venue": .string("exchange")]),
            T.event("sell", "2025-07-12T00:00:00Z", 3_000, ["venue": .string("otc")]),        // another venue
            T.event("sell", "2025-07-13T00:00:00Z", 900, ["venue": .string("exchange")]),     // below $10
            T.event("sell", "2025-07-14T00:00:00Z", 4_000, ["venue": .string("exchange")]),
            T.event("buy", "2025-07-20T00:00:00Z", 9_000, ["venue": .string("exchange")]),    // after 7 days
        ]
        let d = try policy.evaluate(Self.snapshot(events))
        #expect(d.status == .expired)
        #expect(d.progress.map(\.have) == [9_000])
    }

    @Test func tiersAndPercentsAreMeasuredOnTheTotalOverAllTypes() throws {
        let policy = try T.policy(Self.header + """
        referral_types:
          friend:
            requirements:
              - id: traded
                sum: [buy, sell]
                at_least: 100.00
            rewards:
              - id: bonus
                to: referrer
                of: traded
                tiers:
                  - { id: base, at_least: 100.00, amount: 10.00, kind: cash }
                  - { id: high, at_least: 500.00, amount: 40.00, kind: cash }
              - id: cashback
                to: referee
                kind: credit
                percent: 10
                of: traded
        """)
        let events = [T.event("buy", "2025-07-11T00:00:00Z", 20_000), T.event("sell", "2025-07-15T00:00:00Z", 25_000),
                      T.event("convert", "2025-07-16T00:00:00Z", 90_000), T.event("buy", "2025-07-18T00:00:00Z", 10_000)]
        let d = try policy.evaluate(Self.snapshot(events))
        #expect(d.rewards.map(\.rule) == ["friend.bonus.high", "friend.cashback"])
        #expect(d.rewards[0].earnedAt == T.at("2025-07-18T00:00:00Z"))  // $200 + $250 + $100 reaches $500 at the third trade
        #expect(d.rewards[1].amount.minorUnits == 5_500)
        #expect(d.qualifiedAt == T.at("2025-07-11T00:00:00Z"))
    }

    @Test func aListOfOneIsTheTypeAlone() throws {
        let one = try T.policy(Self.traded.replacingOccurrences(of: "sum: [buy, sell]", with: "sum: [buy]"))
        let plain = try T.policy(Self.traded.replacingOccurrences(of: "sum: [buy, sell]", with: "sum: buy"))
        let s = Self.snapshot([T.event("buy", "2025-07-11T00:00:00Z", 6_000), T.event("sell", "2025-07-12T00:00:00Z", 6_000)])
        var a = try one.evaluate(s, explain: true), b = try plain.evaluate(s, explain: true)
        a.policy.contentHash = ""
        b.policy.contentHash = ""
        #expect(a == b)
        #expect(a.progress.first?.eventTypes == ["buy"])
        #expect(one.compiled.outline == plain.compiled.outline)
    }

    @Test func thePlanListsTheLeafUnderEachOfItsTypes() throws {
        let plan = try T.policy(Self.traded).compiled
        #expect(plan.outline.contains("  leaf 0 friend.traded: sum of buy, sell >= 10000, window the type's\n"))
        let type = plan.types[0]
        let offsets = plan.leafOffsets.buffer(type.leafOffsets)
        let fed = (0..<plan.eventNameList.count).map { e in (Int(offsets[e])..<Int(offsets[e + 1])).map { plan.leafLists[$0] } }
        #expect(fed == [[], [0], [0], []])  // verified, buy, sell, convert
    }

    @Test(arguments: [
        ("sum: [buy, sell]\n        at_least: 100.00", "- have *buy* and *sell* events together totalling at least **$100.00** (`friend.traded`)"),
        ("count: [buy, sell]\n        at_least: 3", "- have at least **3** *buy* and *sell* events together (`friend.traded`)"),
        ("count: [buy, sell]", "- have at least **one** *buy* or *sell* event (`friend.traded`)"),
        ("count: [buy, sell]\n        at_least: 2\n        distinct_days: true",
         "- have *buy* or *sell* events on at least **2** different days (UTC calendar days) (`friend.traded`)"),
        ("not:\n          count: [convert, verified]",
         "- have no *convert* or *verified* event (`friend.traded`); should that change after the referral qualifies, it no longer qualifies"),
    ])
    func describeSaysTheTypesCountTogether(_ requirement: String, _ line: String) throws {
        let policy = try T.policy(Self.header + """
        referral_types:
          friend:
            requirements:
              - id: traded
                \(requirement)
              - id: total
                sum: [buy, sell]
                at_least: 1.00
            rewards:
              - { id: cashback, to: referee, kind: credit, percent: 10, of: total }
        """)
        let markdown = PolicyDescription(policy).markdown
        #expect(markdown.split(separator: "\n").map(String.init).contains(line), "\(markdown)")
        #expect(markdown.contains("**10%** of the total of *buy* and *sell* events together measured by `friend.total`"), "\(markdown)")
    }

    @Test func theRuleDiffShowsTheEventList() throws {
        let base = try T.policy(Self.traded.replacingOccurrences(of: "sum: [buy, sell]", with: "sum: buy"))
        let new = try T.policy(Self.traded)
        let more = try T.policy(Self.traded.replacingOccurrences(of: "sum: [buy, sell]", with: "sum: [buy, sell, convert]"))
        #expect(RuleDiff.compare(base: [base], new: [new]).changes.map(\.headline) == ["friend.traded: sum buy -> [buy, sell]"])
        #expect(RuleDiff.compare(base: [new], new: [more]).changes.map(\.headline) == ["friend.traded: sum [buy, sell] -> [buy, sell, convert]"])
    }

    // MARK: - Properties

    /// SplitMix64, as in ``PropertyTests``.
    static func events(seed: UInt64) -> [Snapshot.Event] {
        var g = PropertyTests.Generator(state: seed)
        return (0..<g.int(0...10)).map { _ in
            let type = g.pick(["buy", "sell", "convert", "verified"])
            let at = Instant(secondsSinceEpoch: T.at("2025-07-10").secondsSinceEpoch + g.int(-3...200) * 86_400 + g.int(0...86_399))
            let venue: [String: AttributeValue] = type == "verified" || type == "convert" ? [:] : ["venue": .string(g.pick(["exchange", "otc"]))]
            return Snapshot.Event(type: type, at: at, amountMinor: type == "verified" ? nil : g.int(0...40_000), attributes: venue)
        }
    }

    static let measured = header + """
    referral_types:
      friend:
        window: { days: 180 }
        requirements:
          - id: traded
            sum: [buy, sell]
            at_least: 200.00
          - id: days
            count: [buy, sell]
            at_least: 2
            distinct_days: true
        rewards:
          - id: bonus
            to: referrer
            of: traded
            tiers:
              - { id: base, at_least: 200.00, amount: 10.00, kind: cash }
              - { id: high, at_least: 1000.00, amount: 40.00, kind: cash }
          - { id: cashback, to: referee, kind: credit, percent: 2, of: traded }
    """

    static func paid(_ d: Decision) -> Int64 { d.rewards.reduce(0) { $0 + $1.amount.minorUnits } }

    @Test func moreEventsOfAnyListedTypeNeverLowerProgressNorTheReward() throws {
        let policy = try T.policy(Self.measured)
        var compared = 0
        for seed in UInt64(1)...2_000 {
            let events = Self.events(seed: seed)
            let before = try policy.evaluate(Self.snapshot(events, asOf: "2026-02-01"))
            var g = PropertyTests.Generator(state: seed &* 31)
            let extra = Snapshot.Event(type: g.pick(["buy", "sell"]),
                                       at: Instant(secondsSinceEpoch: T.at("2025-07-10").secondsSinceEpoch + g.int(0...179) * 86_400),
                                       amountMinor: g.int(0...40_000))
            let after = try policy.evaluate(Self.snapshot(events + [extra], asOf: "2026-02-01"))
            for p in before.progress {
                let q = after.progress.first { $0.requirement == p.requirement }
                #expect(q == nil || q!.have >= p.have, "seed \(seed): \(p.requirement) went down")
            }
            if before.status == .qualified {
                #expect(after.status == .qualified, "seed \(seed)")
                #expect(Self.paid(after) >= Self.paid(before), "seed \(seed)")
                compared += 1
            }
        }
        #expect(compared > 50)
    }

    @Test func aSumOfSeveralTypesIsTheSumOfEachTypesSum() throws {
        let together = try T.policy(Self.header + """
        referral_types:
          friend:
            requirements:
              - { id: total, sum: [buy, sell], at_least: 100000.00, where: { venue: exchange } }
            rewards: [{ to: referrer, kind: cash, amount: 1.00 }]
        """)
        let apart = try T.policy(Self.header + """
        referral_types:
          friend:
            requirements:
              - { id: bought, sum: buy, at_least: 100000.00, where: { venue: exchange } }
              - { id: sold, sum: sell, at_least: 100000.00, where: { venue: exchange } }
            rewards: [{ to: referrer, kind: cash, amount: 1.00 }]
        """)
        for seed in UInt64(1)...1_000 {
            let s = Self.snapshot(Self.events(seed: seed))
            let a = try together.evaluate(s).progress.map(\.have)
            let b = try apart.evaluate(s).progress.map(\.have)
            #expect(a == [b.reduce(0, +)], "seed \(seed)")
        }
    }
}
