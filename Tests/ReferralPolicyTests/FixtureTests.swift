import Foundation
import Testing
@testable import ReferralPolicy

/// Every `fixtures/<case>/snapshot.json` decided by the example program (or by the case's own
/// `policy.yaml`, when it has one) must give exactly `fixtures/<case>/decision.json`. Set `REFERRAL_POLICY_UPDATE_FIXTURES=1` to rewrite the
/// expected files after a deliberate change, then review the diff.
@Suite struct FixtureTests {
    static let root = T.packageRoot + "/fixtures"

    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: "\(root)/\($0)/snapshot.json") }.sorted()
    }()

    @Test func fixturesExist() {
        #expect(Self.cases.count >= 19)
    }

    /// The cases the shipped program decides (the others bring their own `policy.yaml`).
    static let exampleCases = cases.filter { !FileManager.default.fileExists(atPath: "\(root)/\($0)/policy.yaml") }

    /// The policy that decides a case: its own `policy.yaml`, or the shipped program.
    static func policies(for name: String) throws -> PolicySet {
        let own = "\(root)/\(name)/policy.yaml"
        guard FileManager.default.fileExists(atPath: own) else { return try T.example() }
        let loaded = PolicySet.load(paths: [own])
        guard let set = loaded.set else {
            throw T.PolicyDidNotCompile(diagnostics: loaded.diagnostics.map(\.description).joined(separator: "\n"))
        }
        return set
    }

    @Test(arguments: cases)
    func decisionMatches(name: String) throws {
        let set = try Self.policies(for: name)
        let snapshot = try #require(FileManager.default.contents(atPath: "\(Self.root)/\(name)/snapshot.json"))
        // A case may also keep its explained decision, `decision-explained.json`.
        for (file, explain) in [("decision.json", false), ("decision-explained.json", true)] {
            let path = "\(Self.root)/\(name)/\(file)"
            if explain, !FileManager.default.fileExists(atPath: path) { continue }
            let decision = try set.evaluate(json: Array(snapshot), explain: explain)
            let actual = DecisionEncoder.json(decision, pretty: true) + "\n"
            if ProcessInfo.processInfo.environment["REFERRAL_POLICY_UPDATE_FIXTURES"] == "1" {
                try actual.write(toFile: path, atomically: true, encoding: .utf8)
            }
            let expected = try String(contentsOfFile: path, encoding: .utf8)
            #expect(actual == expected, "\(file)")
        }
    }

    /// Every status, both versions, every reward form and every limit appear in the fixtures.
    @Test func fixturesCoverTheProgram() throws {
        let set = try T.example()
        var statuses: Set<Decision.Status> = []
        var versions: Set<String> = []
        var rules: Set<String> = []
        for name in Self.exampleCases {
            let snapshot = try #require(FileManager.default.contents(atPath: "\(Self.root)/\(name)/snapshot.json"))
            let d = try set.evaluate(json: Array(snapshot))
            statuses.insert(d.status)
            versions.insert(d.policy.version)
            rules.formUnion(d.rewards.map(\.rule))
            rules.formUnion(d.rewards.compactMap(\.limitedBy))
        }
        #expect(statuses == Set(Decision.Status.allCases))
        #expect(versions == ["1", "2"])
        #expect(rules.isSuperset(of: ["freelancer.referrer_bonus.starter", "freelancer.referrer_bonus.pro", "client.referrer_cash",
                                      "client.referee_credit", "freelancer.referrer_share", "yearly_cap", "monthly_burst", "lifetime_cap"]))
    }
}
