import Foundation
import Testing
@testable import ReferralPolicy

/// What the compiler makes of each test policy, as text against a golden
/// (`Tests/ReferralPolicyTests/Plans/*.plan`), so a compiler change shows in a diff.
/// `UPDATE_PLANS=1 swift test --filter PlanGoldenTests` writes the goldens afresh.
@Suite struct PlanGoldenTests {
    static let policies: [(String, String)] = [
        ("marketplace-v1", "policies/marketplace-v1.yaml"),
        ("marketplace-v2", "policies/marketplace-v2.yaml"),
        ("workload", "bench/workload.yaml"),
        ("fast-path-v1", "Tests/ReferralPolicyTests/Inputs/fast-path/v1.yaml"),
        ("fast-path-v2", "Tests/ReferralPolicyTests/Inputs/fast-path/v2.yaml"),
        ("units-storage-cap", "fixtures/units-storage-cap/policy.yaml"),
        ("units-miles-pending", "fixtures/units-miles-pending/policy.yaml"),
        ("other-currencies-ignored", "fixtures/other-currencies-ignored/policy.yaml"),
        ("amounts-drivers", "fixtures/amounts-driver-count-tier/policy.yaml"),
        ("amounts-orders", "fixtures/amounts-first-order/policy.yaml"),
        ("airbnb", "examples/airbnb/policy.yaml"),
        ("revolut", "examples/revolut/policy.yaml"),
        ("calendar", "Tests/CLITests/Inputs/describe/calendar.yaml"),
    ]

    @Test(arguments: policies)
    func planMatchesItsGolden(name: String, path: String) throws {
        let loaded = Policy.load(contentsOf: T.packageRoot + "/" + path)
        let policy = try #require(loaded.policy, "\(loaded.diagnostics)")
        let text = policy.compiled.outline.replacingOccurrences(of: T.packageRoot + "/", with: "")
        let golden = T.packageRoot + "/Tests/ReferralPolicyTests/Plans/\(name).plan"
        if ProcessInfo.processInfo.environment["UPDATE_PLANS"] != nil {
            try text.write(toFile: golden, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: golden, encoding: .utf8)
        #expect(text == expected)
    }
}
