import Foundation
import Testing
@testable import ReferralPolicy

/// Properties of milestones over generated snapshots of the Airbnb-style example program
/// (`examples/airbnb/`): more qualifying activity never takes a granted milestone reward away
/// nor lowers what is owed, a reached milestone stays reached as time passes, and what a
/// decision pays is what its milestones say.
@Suite struct MilestonePropertyTests {
    typealias Generator = PropertyTests.Generator

    static let airbnb: PolicySet = {
        PolicySet.load(paths: [T.packageRoot + "/examples/airbnb/policy.yaml"]).set ?? PolicySet(policies: [])
    }()

    static let day: Int64 = 86_400
    static let start = Instant.date(year: 2025, month: 1, day: 1)!.secondsSinceEpoch

    /// A guest referral: trips and experiences of any amount, over a year and a half.
    static func snapshot(seed: UInt64) -> Snapshot {
        var g = Generator(state: seed)
        let signup = Instant(secondsSinceEpoch: start + g.int(0...200) * day + g.int(0...86_399))
        let asOf = Instant(secondsSinceEpoch: signup.secondsSinceEpoch + g.int(0...500) * day)
        var events: [Snapshot.Event] = []
        for _ in 0..<g.int(0...6) {
            let type = g.pick(["trip_completed", "experience_completed"])
            let at = Instant(secondsSinceEpoch: signup.secondsSinceEpoch + g.int(-5...420) * day + g.int(0...86_399))
            events.append(Snapshot.Event(type: type, at: at, amountMinor: g.int(0...30_000)))
        }
        return Snapshot(id: "r-\(seed)", type: "guest", asOf: asOf, referrer: Snapshot.Referrer(id: "u-1", status: "active"),
                        referee: Snapshot.Referee(id: "u-2", signupAt: signup, attribution: "link"), events: events)
    }

    static let seeds = Array(UInt64(1)...UInt64(3_000))

    @Test func moreQualifyingActivityNeverTakesAGrantedMilestoneRewardAway() throws {
        var compared = 0
        var grewMilestones = 0
        for seed in Self.seeds {
            var s = Self.snapshot(seed: seed)
            let before = try Self.airbnb.evaluate(s)
            var g = Generator(state: seed &* 31)
            let type = g.pick(["trip_completed", "experience_completed"])
            let at = Instant(secondsSinceEpoch: min(s.asOf.secondsSinceEpoch, s.referee.signupAt.secondsSinceEpoch + g.int(0...400) * Self.day))
            s.events.append(Snapshot.Event(type: type, at: at, amountMinor: g.int(5_000...40_000)))
            let after = try Self.airbnb.evaluate(s)
            let rulesBefore = Set(before.rewards.map(\.rule)), rulesAfter = Set(after.rewards.map(\.rule))
            #expect(rulesBefore.isSubset(of: rulesAfter), "seed \(seed): \(rulesBefore) then \(rulesAfter)")
            let owedBefore = before.rewards.map(\.amount.minorUnits).reduce(0, +)
            let owedAfter = after.rewards.map(\.amount.minorUnits).reduce(0, +)
            #expect(owedAfter >= owedBefore, "seed \(seed): \(owedBefore) then \(owedAfter)")
            for (a, b) in zip(before.milestones, after.milestones) where a.status == .reached {
                #expect(b.status == .reached, "seed \(seed): \(a.milestone) no longer reached")
                #expect(b.reachedAt! <= a.reachedAt!, "seed \(seed): \(a.milestone) reached later")
            }
            if after.milestones.filter({ $0.status == .reached }).count > before.milestones.filter({ $0.status == .reached }).count {
                grewMilestones += 1
            }
            compared += 1
        }
        #expect(compared == Self.seeds.count)
        #expect(grewMilestones > 200)  // the added activity often reaches a milestone
    }

    @Test func aReachedMilestoneStaysReachedAsTimePasses() throws {
        var checked = 0
        for seed in Self.seeds {
            var s = Self.snapshot(seed: seed)
            let now = try Self.airbnb.evaluate(s)
            s.asOf = Instant(secondsSinceEpoch: s.asOf.secondsSinceEpoch + 200 * Self.day)
            let later = try Self.airbnb.evaluate(s)
            for (a, b) in zip(now.milestones, later.milestones) {
                switch a.status {
                case .reached:
                    #expect(b == a, "seed \(seed)")
                    checked += 1
                case .expired:
                    #expect(b.status == .expired, "seed \(seed)")
                case .pending:
                    break
                }
            }
        }
        #expect(checked > 1_000)
    }

    /// The rewards listed are exactly those of the type (when it qualified) and of the milestones
    /// reached, each earned at its milestone's instant.
    @Test func theRewardsAreThoseOfTheMilestonesReached() throws {
        let model = try #require(Self.airbnb.policies.first?.model.types.first { $0.name == "guest" })
        var byMilestone: [String: String] = [:]
        for (reward, m) in model.allRewards { byMilestone[reward.id.id] = m.map { model.milestones[$0].id.id } }
        for seed in Self.seeds {
            let d = try Self.airbnb.evaluate(Self.snapshot(seed: seed))
            let reached = Dictionary(uniqueKeysWithValues: d.milestones.filter { $0.status == .reached }.map { ($0.milestone, $0.reachedAt!) })
            var expected: [String] = []
            for (reward, m) in model.allRewards {
                if let m { if reached[model.milestones[m].id.id] != nil { expected.append(reward.id.id) } }
                else if d.qualifiedAt != nil { expected.append(reward.id.id) }
            }
            #expect(d.rewards.map(\.rule) == expected, "seed \(seed)")
            for r in d.rewards {
                let at = byMilestone[r.rule].flatMap { $0 }.flatMap { reached[$0] } ?? d.qualifiedAt
                #expect(r.earnedAt == at, "seed \(seed): \(r.rule)")
            }
        }
    }
}
