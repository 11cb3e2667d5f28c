import ReferralPolicy

/// The outcome of running policy test cases: one result per case, and rule coverage per
/// policy version.
public struct PolicyTestReport: Sendable {
    /// One case's result.
    public struct CaseResult: Sendable {
        public let file: String
        public let name: String
        public let location: SourceLocation
        public let outcome: Outcome
        /// The decision the policy made, when the case ran.
        public let decision: Decision?
    }

    public enum Outcome: Sendable, Equatable {
        case passed
        case failed([Mismatch])
        case skipped(String)
        /// The snapshot could not be decided at all.
        case error(String)
    }

    /// One stated expectation the decision did not meet.
    public struct Mismatch: Sendable, Equatable {
        /// `status`, `rewards[0].amount`, `progress`.
        public let field: String
        public let expected: String
        public let actual: String
    }

    public var results: [CaseResult]
    public var coverage: [PolicyCoverage]

    public var passed: Int { results.filter { $0.outcome == .passed }.count }
    public var skipped: Int { results.filter { if case .skipped = $0.outcome { true } else { false } }.count }
    public var failed: Int { results.count - passed - skipped }

    /// `12 passed, 1 failed` (and `, 2 skipped` when cases were skipped).
    public var summaryLine: String {
        "\(passed) passed, \(failed) failed" + (skipped > 0 ? ", \(skipped) skipped" : "")
    }
}

/// Which rules of one policy version the cases exercised.
public struct PolicyCoverage: Sendable {
    /// A rule, requirement, tier, reward, limit, window or reversal with an id.
    public struct Item: Sendable, Hashable {
        public let id: String
        /// `eligibility`, `window`, `requirement`, `reward`, `tier`, `limit`, `reversal`.
        public let kind: String
        public let location: SourceLocation
        public let covered: Bool
        /// What a case must show for the item to count as covered.
        public let coveredWhen: String
    }

    public let policy: PolicyIdentity
    public let file: String?
    public let items: [Item]

    /// Covered items as a percentage of all items, 100 when there are none.
    public var percent: Double {
        items.isEmpty ? 100 : Double(items.filter(\.covered).count) * 100 / Double(items.count)
    }

    public var uncovered: [Item] { items.filter { !$0.covered } }
}
