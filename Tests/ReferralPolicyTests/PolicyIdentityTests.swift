import Testing
@testable import ReferralPolicy

/// A policy identity is a value: its texts are shared by every decision of a version, but a
/// change to one copy's text is that copy's alone, and two identities are equal (and hash
/// alike) when their texts are, shared or not.
@Suite struct PolicyIdentityTests {
    @Test func aChangeToACopyIsTheCopysAlone() {
        let original = PolicyIdentity(program: "marketplace-referrals", version: "2", contentHash: "sha256:" + String(repeating: "ab", count: 32))
        var copy = original
        copy.contentHash = ""
        copy.version = "3"
        #expect(original.contentHash == "sha256:" + String(repeating: "ab", count: 32))
        #expect(original.version == "2")
        #expect(copy.program == "marketplace-referrals" && copy.version == "3" && copy.contentHash == "")
        copy.program = "other"
        #expect(original.program == "marketplace-referrals" && copy.program == "other")
    }

    @Test func identitiesAreEqualByTheirTexts() {
        let a = PolicyIdentity(program: "p", version: "1", contentHash: "sha256:00")
        let b = PolicyIdentity(program: "p", version: "1", contentHash: "sha256:00")
        #expect(a == b && a == a)
        #expect(a.hashValue == b.hashValue)
        #expect(Set([a, b]).count == 1)
        for changed in [PolicyIdentity(program: "q", version: "1", contentHash: "sha256:00"),
                        PolicyIdentity(program: "p", version: "2", contentHash: "sha256:00"),
                        PolicyIdentity(program: "p", version: "1", contentHash: "sha256:01")] {
            #expect(a != changed)
        }
        var c = a
        c.version = "1"  // the same text, set again: still equal
        #expect(c == a)
    }

    @Test func decisionsOfOneVersionCarryItsIdentity() throws {
        let policy = try #require(Policy.load(contentsOf: T.packageRoot + "/bench/workload.yaml").policy)
        let line = #"{"id":"r-1","type":"freelancer","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u1","country":"UA","rewards_this_year":2},"referee":{"id":"u2","country":"US","signup_at":"2024-06-13T23:32:18Z","attribution":"link","flags":[]},"events":[]}"#
        let d = try policy.evaluate(json: Array(line.utf8))
        #expect(d.policy == policy.identity)
        #expect(d.policy.program == "peer-workload" && d.policy.version == "1" && d.policy.contentHash.hasPrefix("sha256:"))
    }
}
