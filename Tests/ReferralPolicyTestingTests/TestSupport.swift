/// What the policy-test runner's tests share (the core's tests have their own `T`).
enum T {
    static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/ReferralPolicyTestingTests/TestSupport.swift
        return parts.joined(separator: "/")
    }()
}
