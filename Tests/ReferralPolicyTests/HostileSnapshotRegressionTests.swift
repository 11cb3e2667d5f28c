import Foundation
import Testing
@testable import ReferralPolicy

/// Issue 11's hostile snapshots, each kept as a case: texts compared in one normal form,
/// input quoted at a bounded length, past rewards and declared attributes checked whatever
/// the referral's status.
@Suite struct HostileSnapshotRegressionTests {
    static let qualified = try! String(contentsOfFile: T.packageRoot + "/fixtures/client-qualified/snapshot.json", encoding: .utf8)

    static func snapshot(_ edit: (inout [String: Any]) -> Void) -> [UInt8] {
        var object = try! JSONSerialization.jsonObject(with: Data(qualified.utf8)) as! [String: Any]
        edit(&object)
        return Array(try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func person(_ object: inout [String: Any], _ key: String, _ edit: (inout [String: Any]) -> Void) {
        var p = object[key] as! [String: Any]
        edit(&p)
        object[key] = p
    }

    /// `José` precomposed for the referrer, decomposed for the referee: one person.
    @Test func canonicallyEquivalentIdsAreOnePerson() throws {
        for escaped in [false, true] {
            var bytes = Self.snapshot { s in
                Self.person(&s, "referrer") { $0["id"] = "jos\u{E9}" }
                Self.person(&s, "referee") { $0["id"] = "jose\u{301}" }
            }
            if escaped {
                bytes = Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "jose\u{301}", with: "jose\\u0301").utf8)
            }
            let decision = try T.exampleSet.evaluate(json: bytes)
            #expect(decision.status == .notEligible)
            #expect(decision.reason == "no_self_referral")
        }
    }

    /// A past reward for this very referral, its id written decomposed, is not counted again.
    @Test func aPastRewardForThisReferralInAnotherNormalFormIsNotCountedAgain() throws {
        func decide(_ referralID: String) throws -> Decision {
            try T.exampleSet.evaluate(json: Self.snapshot { s in
                s["id"] = "r-caf\u{E9}"
                Self.person(&s, "referrer") { r in
                    r["rewards"] = (0..<20).map { k in
                        // 20 this year, the cap: one of them is this referral's own, so 19 count.
                        ["referral_id": k == 0 ? referralID : "r-\(k)", "amount_minor": 100, "currency": "USD", "kind": "credit",
                         "granted_at": "2025-0\(k % 2 + 1)-1\(k % 9)T00:00:00Z"] as [String: Any]
                    }
                }
            })
        }
        let same = try decide("r-caf\u{E9}")
        let decomposed = try decide("r-cafe\u{301}")
        let other = try decide("r-other")
        #expect(same == decomposed)
        #expect(same.rewards.first { $0.beneficiary == .referrer }?.limitedBy == nil)
        #expect(other.rewards.first { $0.beneficiary == .referrer }?.limitedBy == "yearly_cap")
    }

    /// A 16 MB unknown key: a short error record, quickly.
    @Test func aHugeUnknownKeyGivesABoundedErrorRecord() {
        let key = String(repeating: "k", count: 16 << 20)
        let line = Array(Self.qualified.replacingOccurrences(of: "\"id\"", with: "\"\(key)\"").utf8)
        do {
            _ = try T.exampleSet.evaluate(json: line)
            Issue.record("decided")
        } catch {
            #expect(error.code == .invalidSnapshot)
            let record = DecisionEncoder.errorRecord(error, line: 1)
            #expect(record.utf8.count < 700, "\(record.utf8.count) bytes")
            #expect(record.contains("…"))
        }
    }

    /// Bad past rewards are errors whatever the status: here a pending referral.
    @Test(arguments: [(-5, "USD", "referrer.rewards[0].amount_minor"), (500, "XXQ", "referrer.rewards[0].currency")])
    func badPastRewardsAreErrorsWhenPending(amount: Int, currency: String, path: String) throws {
        let pending = try String(contentsOfFile: T.packageRoot + "/fixtures/client-pending/snapshot.json", encoding: .utf8)
        var object = try JSONSerialization.jsonObject(with: Data(pending.utf8)) as! [String: Any]
        Self.person(&object, "referrer") { r in
            r["rewards"] = [["amount_minor": amount, "currency": currency, "kind": "cash", "granted_at": "2025-01-01T00:00:00Z"]]
        }
        let bytes = Array(try JSONSerialization.data(withJSONObject: object))
        #expect(throws: EvaluationError.self) { try T.exampleSet.evaluate(json: bytes) }
        do { _ = try T.exampleSet.evaluate(json: bytes) } catch { #expect(error.path == path) }
    }

    /// A declared boolean written as the text `"true"` is an error naming the field.
    @Test func aDeclaredAttributeOfTheWrongTypeIsAnError() throws {
        let set = try #require(PolicySet.load(paths: [T.packageRoot + "/bench/workload.yaml"]).set)
        let line = #"{"id":"r-1","type":"client","as_of":"2025-08-01T00:00:00Z","referrer":{"id":"u1","rewards_this_year":"3"},"referee":{"id":"u2","signup_at":"2025-07-01T00:00:00Z","attribution":"link","country":"US","flags":[]},"events":[]}"#
        do {
            _ = try set.evaluate(json: Array(line.utf8))
            Issue.record("decided")
        } catch {
            #expect(error.description == "invalid_snapshot at referrer.rewards_this_year: the policy declares `rewards_this_year` as integer: expected an integer, found text")
        }
    }
}
