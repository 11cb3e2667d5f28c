import Testing
@testable import ReferralPolicy

@Suite struct SmokeTests {
    @Test func examplePoliciesLoad() throws {
        for name in ["marketplace-v1", "marketplace-v2"] {
            let result = Policy.load(contentsOf: "policies/\(name).yaml")
            #expect(result.diagnostics.map(\.description) == [], "\(name)")
            #expect(result.policy != nil)
        }
    }
}
