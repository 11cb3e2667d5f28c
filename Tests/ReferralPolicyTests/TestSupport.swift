@testable import ReferralPolicy

/// Builders for snapshots and policies in tests.
enum T {
    static func at(_ text: String) -> Instant {
        Instant.parse(text, allowDateOnly: true) ?? Instant(secondsSinceEpoch: 0)
    }

    static func event(_ type: String, _ when: String, _ amount: Int64? = nil, _ attributes: [String: AttributeValue] = [:]) -> Snapshot.Event {
        Snapshot.Event(type: type, at: at(when), amountMinor: amount, attributes: attributes)
    }

    static func snapshot(type: String = "freelancer", asOf: String = "2025-08-01", signup: String = "2025-07-10",
                         referrer: Snapshot.Referrer = Snapshot.Referrer(id: "u-referrer", status: "active", country: "US"),
                         attribution: String? = "link", country: String? = "US", flags: [String] = [],
                         refereeAttributes: [String: AttributeValue] = [:],
                         events: [Snapshot.Event] = [], id: String = "r-1") -> Snapshot {
        Snapshot(id: id, type: type, asOf: at(asOf), referrer: referrer,
                 referee: Snapshot.Referee(id: "u-referee", signupAt: at(signup), attribution: attribution, country: country,
                                           flags: flags, attributes: refereeAttributes),
                 events: events)
    }

    /// Compiles policy text; records the diagnostics in the failure message when it does not compile.
    static func policy(_ yaml: String) throws -> Policy {
        let result = Policy.load(yaml: yaml, file: "test.yaml")
        guard let policy = result.policy else {
            throw PolicyDidNotCompile(diagnostics: result.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return policy
    }

    struct PolicyDidNotCompile: Error, CustomStringConvertible {
        let diagnostics: String
        var description: String { "policy did not compile:\n\(diagnostics)" }
    }

    /// The shipped example program, both versions.
    static func example() throws -> PolicySet {
        let loaded = PolicySet.load(paths: [packageRoot + "/policies"])
        guard let set = loaded.set else {
            throw PolicyDidNotCompile(diagnostics: loaded.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return set
    }

    static let packageRoot: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/ReferralPolicyTests/TestSupport.swift
        return parts.joined(separator: "/")
    }()

    /// A minimal policy header with the given events, to which tests append rules.
    static let header = """
    program: test-program
    version: "1"
    currency: USD
    events:
      earned:
        amount: true
        attributes:
          category: text
      spent:
        amount: true
      purchase:
        amount: true
        attributes:
          paid_from: text
      posted_job: {}
      hired: {}
      refund:
        amount: true

    """
}
