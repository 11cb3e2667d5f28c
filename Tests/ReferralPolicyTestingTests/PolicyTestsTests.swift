import Foundation
import Testing
@testable import ReferralPolicy
@testable import ReferralPolicyTesting

/// The library side of policy test cases: loading test files strictly, running cases,
/// reporting mismatches and rule coverage.
@Suite struct PolicyTestsTests {
    @Test func exampleProgramTestsPassWithFullCoverage() throws {
        let loaded = PolicyTests.load(paths: [T.packageRoot + "/policies"])
        #expect(loaded.diagnostics.map(\.description) == [])
        let report = PolicyTests.run(loaded.files)
        let failures = report.results.filter { $0.outcome != .passed }.map { "\($0.name): \($0.outcome)" }
        #expect(failures == [])
        #expect(report.summaryLine == "\(report.results.count) passed, 0 failed")
        #expect(report.coverage.map(\.items.count).sorted() == [13, 19])
        for coverage in report.coverage {
            #expect(coverage.uncovered.map(\.id) == [], "\(coverage.policy.version)")
            #expect(coverage.percent == 100)
        }
    }

    /// A folder holding the example's v2 policy and the given test file.
    static func folder(tests: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rp-tests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: T.packageRoot + "/policies/marketplace-v2.yaml", toPath: dir + "/program.yaml")
        try tests.write(toFile: dir + "/program.tests.yaml", atomically: true, encoding: .utf8)
        return dir
    }

    static let snapshot = """
        snapshot:
          type: freelancer
          as_of: 2025-08-15
          referrer: { id: u-1, status: active }
          referee: { id: u-2, signup_at: 2025-07-10, attribution: link }
          events:
            - { type: earned, at: 2025-07-20, amount: 150.00 }
    """

    @Test func failingCaseReportsEveryMismatch() throws {
        let dir = try Self.folder(tests: """
        cases:
          - name: wrong expectations
        \(Self.snapshot)
            expect:
              status: pending
              rewards:
                - rule: freelancer.referrer_bonus.pro
                  amount: 100.00
          - name: right expectations
        \(Self.snapshot)
            expect:
              status: qualified
          - name: not yet
            skip: waiting for the new tiers
        \(Self.snapshot)
            expect:
              status: expired
        """)
        let loaded = PolicyTests.load(paths: [dir])
        #expect(loaded.diagnostics.map(\.description) == [])
        let report = PolicyTests.run(loaded.files)
        #expect(report.summaryLine == "1 passed, 1 failed, 1 skipped")
        #expect(report.results[0].outcome == .failed([
            .init(field: "status", expected: "pending", actual: "qualified"),
            .init(field: "rewards[0].rule", expected: "freelancer.referrer_bonus.pro", actual: "freelancer.referrer_bonus.starter"),
            .init(field: "rewards[0].amount", expected: "$100.00", actual: "$25.00"),
        ]))
        #expect(report.results[0].location == SourceLocation(line: 2, column: 5))
        #expect(report.results[2].outcome == .skipped("waiting for the new tiers"))
        let filtered = PolicyTests.run(loaded.files, filter: "RIGHT*")
        #expect(filtered.results.map(\.name) == ["right expectations"])
        let coverage = try #require(report.coverage.first)
        #expect(coverage.items.filter(\.covered).map(\.id) == ["freelancer.first_earnings", "freelancer.referrer_bonus.starter"])
        #expect(String(format: "%.1f", coverage.percent) == "10.5")  // 2 of 19
    }

    @Test func malformedTestFileGetsDiagnosticsWithPlaces() throws {
        let dir = try Self.folder(tests: """
        cases:
          - name: typos everywhere
            snapshot:
              type: freelancer
              as_of: 2025-08-15
              referrer: { id: u-1 }
              referee: { id: u-2, signup_at: 2025-07-10 }
              events:
                - { type: earned, at: 2025-07-20, amount: 150.005 }
            expct:
              status: qualified
          - name: bad references
            snapshot: missing.json
            expect:
              status: qualifed
              version: "7"
              reason: not_sanctioned_country
              rewards:
                - rule: freelancer.referrer_bonus.starte
                  amount: ten
              progress:
                - requirement: freelancer.first_earning
        """)
        let loaded = PolicyTests.load(paths: [dir])
        let text = loaded.diagnostics.map(\.description).joined(separator: "\n").replacingOccurrences(of: dir + "/", with: "")
        #expect(text == """
        program.tests.yaml:2:5: error[RP102]: a test case is missing `expect`
        program.tests.yaml:9:51: error[RP702]: `amount: 150.005` is not an exact amount of USD
          help: amounts are written like `150.00`, instants like `2025-07-10T09:00:00Z`
        program.tests.yaml:10:5: error[RP101]: unknown key `expct` in a test case
          help: did you mean `expect`?
        program.tests.yaml:13:15: error[RP008]: cannot read the snapshot file `missing.json`
          help: paths are relative to the test file's folder
        program.tests.yaml:15:15: error[RP105]: `status` cannot be `qualifed`
          help: did you mean `qualified`?
        program.tests.yaml:16:16: error[RP703]: the policy has no version `7`
          help: versions: `2`
        program.tests.yaml:17:15: error[RP701]: the policy has no eligibility or reversal rule `not_sanctioned_country`
          help: did you mean `not_sanctioned`?
        program.tests.yaml:19:17: error[RP701]: the policy has no reward or tier `freelancer.referrer_bonus.starte`
          help: did you mean `freelancer.referrer_bonus.starter`?
        program.tests.yaml:20:19: error[RP104]: `amount` must be an amount such as `25.00`, found text `ten`
          help: write the amount as a number, e.g. `25.00`; amounts are in USD
        program.tests.yaml:22:24: error[RP701]: the policy has no requirement `freelancer.first_earning`
          help: did you mean `freelancer.first_earnings`?
        """)
        #expect(loaded.files.isEmpty)
    }

    @Test func duplicateCaseNames() throws {
        let dir = try Self.folder(tests: """
        cases:
          - name: same
        \(Self.snapshot)
            expect: { status: qualified }
          - name: same
        \(Self.snapshot)
            expect: { status: qualified }
        """)
        let loaded = PolicyTests.load(paths: [dir])
        #expect(loaded.diagnostics.map(\.description).joined(separator: "\n").replacingOccurrences(of: dir + "/", with: "") == """
        program.tests.yaml:11:5: error[RP704]: a case named `same` already exists
          help: the first is at line 2; give each case its own name
        """)
    }

    @Test(arguments: [
        ("freelancer earning $150", "earning", true),
        ("freelancer earning $150", "EARNING", true),
        ("freelancer earning $150", "*150", true),
        ("freelancer earning $150", "free*", true),
        ("freelancer earning $150", "*earn*$1?0", true),
        ("freelancer earning $150", "*earn*$1?", false),
        ("freelancer earning $150", "free?ancer*", true),
        ("freelancer earning $150", "*", true),
        ("", "*", true),
        ("", "?", false),
        ("abc", "???", true),
        ("abc", "????", false),
        ("abab", "*ab", true),
        ("abab", "a*b*b", true),
        ("abab", "a*b*c", false),
        ("aaa", "a*a*a*a", false),
        ("aaaa", "a*a*a*a", true),
        ("mississippi", "m*iss*ppi", true),
        ("mississippi", "m*iss*iss*ppi", true),
        ("mississippi", "m*iss*iss*iss*ppi", false),
        ("mississippi", "*s*s*s*s*", true),
        ("a*b", "a*b", true),
    ])
    func nameFilter(name: String, pattern: String, matches: Bool) {
        #expect(NameFilter.matches(name, pattern: pattern) == matches)
    }

    /// Issue 11: `*` over a 100,000-character name recursed as deep as the name and crashed.
    @Test func nameFilterOnAHundredThousandCharacters() {
        let name = String(repeating: "a", count: 100_000)
        #expect(NameFilter.matches(name, pattern: "*"))
        #expect(NameFilter.matches(name, pattern: "*a*a*a*"))
        #expect(NameFilter.matches(name, pattern: "a?*?a"))
        #expect(!NameFilter.matches(name, pattern: "*b*"))
        #expect(!NameFilter.matches(name + "b", pattern: "*a*a"))
        #expect(NameFilter.matches(name + "b", pattern: "*a*?b"))
    }
}
