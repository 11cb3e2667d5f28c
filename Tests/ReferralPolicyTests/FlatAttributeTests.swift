import Foundation
import Testing
@testable import ReferralPolicy

/// Attributes a policy declares may be written directly on the referrer or referee (as flat
/// exports write them), and `amount_cents` stands for `amount_minor`: the peer benchmark's
/// snapshots are decided as they are.
@Suite struct FlatAttributeTests {
    static let workload: PolicySet? = PolicySet.load(paths: [T.packageRoot + "/bench/workload.yaml"]).set

    static let line = #"{"id":"r-000001","type":"freelancer","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u1581111","country":"UA","rewards_this_year":2},"referee":{"id":"u1439239","country":"US","signup_at":"2024-06-13T23:32:18Z","attribution":"link","flags":[]},"events":[{"type":"earned","at":"2024-06-15T11:39:54Z","amount_cents":15057},{"type":"earned","at":"2024-06-23T06:18:28Z","amount_cents":102708}]}"#

    @Test func declaredAttributeOnTheReferrer() throws {
        let set = try #require(Self.workload)
        let snapshot = try set.decodeSnapshot(Array(Self.line.utf8))
        #expect(snapshot.referrer.attributes == ["rewards_this_year": .integer(2)])
        let d = try set.evaluate(json: Array(Self.line.utf8))
        #expect(d.status == .qualified)
        #expect(d.rewards.map(\.rule) == ["freelancer.referrer_bonus.cash"])
        let capped = Self.line.replacingOccurrences(of: #""rewards_this_year":2"#, with: #""rewards_this_year":20"#)
        #expect(try set.evaluate(json: Array(capped.utf8)).reason == "referrer_annual_cap")
    }

    @Test func undeclaredFieldsAreStillErrors() throws {
        let set = try #require(Self.workload)
        #expect(throws: EvaluationError(.invalidSnapshot, "unknown field `rewards_this_year`; did you mean `rewards`?",
                                        path: "referrer.rewards_this_year")) {
            try SnapshotDecoder.decode(Array(Self.line.utf8))  // without the policy, the field is unknown
        }
        let twice = Self.line.replacingOccurrences(of: #""rewards_this_year":2"#,
                                                   with: #""rewards_this_year":2,"attributes":{"rewards_this_year":3}"#)
        #expect(throws: EvaluationError(.invalidSnapshot, "duplicate attribute `rewards_this_year`", path: "referrer.rewards_this_year")) {
            try set.decodeSnapshot(Array(twice.utf8))
        }
    }
}
