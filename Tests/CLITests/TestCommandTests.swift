import Foundation
import Testing

/// `referral-policy test`: passing, failing and skipped cases, a malformed test file, the
/// coverage threshold, `--filter`, every format and every exit code, run as a process.
@Suite struct TestCommandTests {
    static let policy = """
    program: cli-test
    version: "2"
    currency: USD
    events:
      spent:
        amount: true
    eligibility:
      - id: came_through_link
        field: referee.attribution
        in: [link]
    referral_types:
      client:
        window: { days: 30 }
        requirements:
          - id: spent_enough
            sum: spent
            at_least: 500.00
        rewards:
          - id: referrer_cash
            to: referrer
            kind: cash
            amount: 150.00
    """

    static func snapshot(spent: String, attribution: String = "link", asOf: String = "2025-07-20") -> String {
        """
            snapshot:
              type: client
              as_of: \(asOf)
              referrer: { id: a }
              referee: { id: b, signup_at: 2025-07-01, attribution: \(attribution) }
              events:
                - { type: spent, at: 2025-07-05, amount: \(spent) }
        """
    }

    /// A scratch folder with the policy and one test file; the command runs inside it.
    static func folder(_ tests: String) throws -> Scratch {
        let scratch = try Scratch()
        _ = try scratch.write("policy.yaml", policy)
        _ = try scratch.write("policy.tests.yaml", tests)
        return scratch
    }

    static let passing = """
    cases:
      - name: spending $600 pays $150
    \(snapshot(spent: "600.00"))
        expect:
          status: qualified
          rewards:
            - { rule: client.referrer_cash, amount: 150.00 }
      - name: an organic sign-up is not eligible
    \(snapshot(spent: "600.00", attribution: "organic"))
        expect: { status: not_eligible, reason: came_through_link }
      - name: spending only $100 in 30 days expires
    \(snapshot(spent: "100.00", asOf: "2025-09-01"))
        expect: { status: expired }
    """

    @Test func passingCasesExitZeroWithFullCoverage() throws {
        let dir = try Self.folder(Self.passing)
        let result = try CLI.run(["test", "--coverage-threshold", "100"], in: dir.url)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            PASS policy.tests.yaml:2:5: spending $600 pays $150
            PASS policy.tests.yaml:14:5: an organic sign-up is not eligible
            PASS policy.tests.yaml:23:5: spending only $100 in 30 days expires

            coverage policy.yaml (cli-test version 2): 100.0% (4 of 4 rules)

            3 passed, 0 failed

            """)
    }

    @Test func failingCaseShowsExpectedAndActualSideBySide() throws {
        let dir = try Self.folder("""
        cases:
          - name: spending $300 should pay
        \(Self.snapshot(spent: "300.00"))
            expect:
              status: qualified
          - name: not yet
            skip: waiting for the new rules
        \(Self.snapshot(spent: "300.00"))
            expect: { status: expired }
        """)
        let result = try CLI.run(["test", "policy.tests.yaml"], in: dir.url)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == """
            FAIL policy.tests.yaml:2:5: spending $300 should pay
                   field   expected   actual
                   status  qualified  pending
            SKIP policy.tests.yaml:12:5: not yet (waiting for the new rules)

            coverage policy.yaml (cli-test version 2): 0.0% (0 of 4 rules)

            0 passed, 1 failed, 1 skipped

            """)
    }

    @Test func malformedTestFileIsReportedWithItsPlace() throws {
        let dir = try Self.folder("""
        cases:
          - name: typo
        \(Self.snapshot(spent: "600.00"))
            expect:
              status: qualifed
        """)
        let result = try CLI.run(["test"], in: dir.url)
        #expect(result.status == 1, "\(result)")
        #expect(result.stderr == """
            policy.tests.yaml:11:15: error[RP105]: `status` cannot be `qualifed`
               11 |       status: qualifed
                  |               ^
                  = help: did you mean `qualified`?

            1 file checked: 1 error, 0 warnings

            """)
        #expect(result.stdout == "0 passed, 0 failed\n")
    }

    @Test func coverageBelowTheThresholdFails() throws {
        let dir = try Self.folder("""
        cases:
          - name: spending $600 pays $150
        \(Self.snapshot(spent: "600.00"))
            expect: { status: qualified }
        """)
        let result = try CLI.run(["test", "--coverage-threshold", "90"], in: dir.url)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == """
            PASS policy.tests.yaml:2:5: spending $600 pays $150

            coverage policy.yaml (cli-test version 2): 50.0% (2 of 4 rules)
              not covered: policy.yaml:8:9: eligibility `came_through_link` (covered when a case is not eligible because of it)
              not covered: policy.yaml:13:13: window `client.window` (covered when a case of its type expires)
              coverage 50.0% is below the threshold of 90.0%

            1 passed, 0 failed; coverage below the threshold of 90.0%: cli-test version 2 (50.0%)

            """)
        let lower = try CLI.run(["test", "--coverage-threshold", "50"], in: dir.url)
        #expect(lower.status == 0, "\(lower)")
    }

    @Test func filterRunsMatchingCases() throws {
        let dir = try Self.folder(Self.passing)
        let result = try CLI.run(["test", "--filter", "*ORGANIC*"], in: dir.url)
        #expect(result.status == 0, "\(result)")
        #expect(result.lines.filter { $0.hasPrefix("PASS") } == ["PASS policy.tests.yaml:14:5: an organic sign-up is not eligible"])
        #expect(result.lines.last == "1 passed, 0 failed")
    }

    @Test func jsonFormat() throws {
        let dir = try Self.folder(Self.passing)
        let result = try CLI.run(["test", "--format", "json", "--filter", "organic"], in: dir.url)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            {
              "passed": 1,
              "failed": 0,
              "skipped": 0,
              "cases": [
                {
                  "file": "policy.tests.yaml",
                  "line": 14,
                  "column": 5,
                  "name": "an organic sign-up is not eligible",
                  "outcome": "passed"
                }
              ],
              "coverage": [
                {
                  "program": "cli-test",
                  "version": "2",
                  "file": "policy.yaml",
                  "rules": 4,
                  "covered": 1,
                  "percent": 25.0,
                  "uncovered": [
                    {
                      "id": "client.window",
                      "kind": "window",
                      "line": 13,
                      "column": 13,
                      "covered_when": "a case of its type expires"
                    },
                    {
                      "id": "client.spent_enough",
                      "kind": "requirement",
                      "line": 15,
                      "column": 13,
                      "covered_when": "a case meets it"
                    },
                    {
                      "id": "client.referrer_cash",
                      "kind": "reward",
                      "line": 19,
                      "column": 13,
                      "covered_when": "a case is granted it"
                    }
                  ]
                }
              ]
            }

            """)
    }

    @Test func junitFormat() throws {
        let dir = try Self.folder("""
        cases:
          - name: spending $300 should "pay"
        \(Self.snapshot(spent: "300.00"))
            expect:
              status: qualified
        """)
        let result = try CLI.run(["test", "--format", "junit", "--coverage-threshold", "100"], in: dir.url)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == """
            <?xml version="1.0" encoding="UTF-8"?>
            <testsuites name="referral-policy" tests="2" failures="2" skipped="0">
              <testsuite name="policy.tests.yaml" tests="1" failures="1" skipped="0">
                <testcase name="spending $300 should &quot;pay&quot;" classname="policy.tests.yaml" file="policy.tests.yaml" line="2">
                  <failure message="status: expected qualified, got pending">status: expected qualified, got pending</failure>
                </testcase>
              </testsuite>
              <testsuite name="coverage" tests="1" failures="1" skipped="0">
                <testcase name="cli-test version 2: 0.0%" classname="coverage" file="policy.yaml">
                  <failure message="coverage 0.0% is below 100.0%">eligibility came_through_link (line 8)&#10;window client.window (line 13)&#10;requirement client.spent_enough (line 15)&#10;reward client.referrer_cash (line 19)</failure>
                </testcase>
              </testsuite>
            </testsuites>

            """)
    }

    @Test func unreadablePathsAndUsageErrorsExitTwo() throws {
        let dir = try Self.folder(Self.passing)
        let missing = try CLI.run(["test", "nowhere/"], in: dir.url)
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stderr.hasPrefix("nowhere/: error[RP008]: no such file or folder `nowhere/`"))
        let empty = try Scratch()
        let none = try CLI.run(["test"], in: empty.url)
        #expect(none.status == 2, "\(none)")
        #expect(none.stderr.hasPrefix(".: error[RP009]: no policy test files (`*.tests.yaml`) in `.`"))
        let usage = try CLI.run(["test", "--coverage-threshold", "120"], in: dir.url)
        #expect(usage.status == 2, "\(usage)")
        #expect(usage.stderr.contains("--coverage-threshold must be between 0 and 100, found 120.0"))
    }

    @Test func theShippedExampleReachesFullCoverage() throws {
        let result = try CLI.run(["test", "policies/", "--coverage-threshold", "100"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("coverage policies/marketplace-v1.yaml (marketplace-referrals version 1): 100.0%"))
        #expect(result.stdout.contains("coverage policies/marketplace-v2.yaml (marketplace-referrals version 2): 100.0%"))
        #expect(result.lines.last?.hasSuffix(" passed, 0 failed") == true)
    }
}

/// `test` options added for CI: GitHub annotations, a filter that matches nothing, names of
/// any length, and inline snapshots in the wire form `evaluate` reads.
@Suite struct TestCommandCITests {
    @Test func githubAnnotatesEachFailingCaseAndLowCoverage() throws {
        let dir = try TestCommandTests.folder("""
        cases:
          - name: spending $300 should pay
        \(TestCommandTests.snapshot(spent: "300.00"))
            expect:
              status: qualified
              rewards:
                - { rule: client.referrer_cash, amount: 150.00 }
          - name: spending $600 pays
        \(TestCommandTests.snapshot(spent: "600.00"))
            expect: { status: qualified }
        """)
        let result = try CLI.run(["test", "--format", "github", "--coverage-threshold", "80"], in: dir.url)
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == """
            ::error file=policy.tests.yaml,line=2,col=5,title=FAIL spending $300 should pay::status: expected qualified, got pending%0Arewards: expected 1 reward, got none
            ::error file=policy.yaml,title=coverage::coverage of cli-test version 2 is 50.0%25, below the threshold of 80.0%25%0Ahelp: not covered: eligibility `came_through_link` (line 8), window `client.window` (line 13)
            1 passed, 1 failed; coverage below the threshold of 80.0%: cli-test version 2 (50.0%)

            """)
        let broken = try TestCommandTests.folder("""
        cases:
          - name: typo
        \(TestCommandTests.snapshot(spent: "600.00"))
            expect: { status: qualifed }
        """)
        let diagnostics = try CLI.run(["test", "--format", "github"], in: broken.url)
        #expect(diagnostics.status == 1, "\(diagnostics)")
        #expect(diagnostics.lines.first == "::error file=policy.tests.yaml,line=10,col=23,title=RP105::`status` cannot be `qualifed`%0Ahelp: did you mean `qualified`?")
    }

    @Test func aFilterThatMatchesNoCaseFails() throws {
        let dir = try TestCommandTests.folder(TestCommandTests.passing)
        for filter in ["no such case", "*nothing*", "spending?"] {
            let result = try CLI.run(["test", "--filter", filter], in: dir.url)
            #expect(result.status == 2, "\(result)")
            #expect(result.stdout == "")
            #expect(result.stderr == "referral-policy: --filter `\(filter)` matches no case (of 3 cases in 1 test file); "
                + "a filter is a case-insensitive part of a name, or a glob with * and ?\n")
        }
    }

    /// Issue 11: `--filter '*'` on a 100,000-character case name crashed (recursion as deep as
    /// the name); the input is kept in `Inputs/long-name/`.
    @Test(arguments: ["*", "a*a", "*a?a*", "?*", "A*"])
    func aHundredThousandCharacterNameIsFiltered(filter: String) throws {
        let result = try CLI.run(["test", CLI.inputs + "/long-name", "--filter", filter])
        #expect(result.status == 0, "\(result.status) \(result.stderr)")
        #expect(result.lines.last == "1 passed, 0 failed")
        #expect(result.lines.first?.hasPrefix("PASS Tests/CLITests/Inputs/long-name/long-name.tests.yaml:6:5: aaaa") == true)
        #expect(result.lines.first?.count == "PASS Tests/CLITests/Inputs/long-name/long-name.tests.yaml:6:5: ".count + 100_000)
        let none = try CLI.run(["test", CLI.inputs + "/long-name", "--filter", "*b*"])
        #expect(none.status == 2)
    }

    static let flatPolicy = """
    program: cli-test
    version: "2"
    currency: USD
    attributes:
      referrer:
        plan: text
    events:
      spent:
        amount: true
    eligibility:
      - id: paying_referrer
        field: referrer.plan
        in: [pro]
    referral_types:
      client:
        window: { days: 30 }
        requirements:
          - id: spent_enough
            sum: spent
            at_least: 500.00
        rewards:
          - id: referrer_cash
            to: referrer
            kind: cash
            amount: 150.00
    """

    /// An attribute the policy declares may stand directly on the referrer, as `evaluate`
    /// accepts it; a field that `evaluate` refuses is reported at its key.
    @Test func inlineSnapshotsTakeTheWireFormOfEvaluate() throws {
        let scratch = try Scratch()
        _ = try scratch.write("policy.yaml", Self.flatPolicy)
        _ = try scratch.write("flat.json", #"{"id":"r","type":"client","as_of":"2025-07-20T00:00:00Z","referrer":{"id":"a","plan":"pro"},"referee":{"id":"b","signup_at":"2025-07-01T00:00:00Z"},"events":[{"type":"spent","at":"2025-07-05T00:00:00Z","amount_minor":60000}]}"#)
        _ = try scratch.write("policy.tests.yaml", """
        cases:
          - name: flat attribute inline
            snapshot:
              type: client
              as_of: 2025-07-20
              referrer: { id: a, plan: pro }
              referee: { id: b, signup_at: 2025-07-01 }
              events:
                - { type: spent, at: 2025-07-05, amount: 600.00 }
            expect: { status: qualified }
          - name: nested attribute inline
            snapshot:
              type: client
              as_of: 2025-07-20
              referrer: { id: a, attributes: { plan: free } }
              referee: { id: b, signup_at: 2025-07-01 }
              events:
                - { type: spent, at: 2025-07-05, amount: 600.00 }
            expect: { status: not_eligible, reason: paying_referrer }
          - name: flat attribute from a file
            snapshot: flat.json
            expect: { status: qualified }
        """)
        let passing = try CLI.run(["test"], in: scratch.url)
        #expect(passing.status == 0, "\(passing)")
        #expect(passing.lines.prefix(3) == [
            "PASS policy.tests.yaml:2:5: flat attribute inline",
            "PASS policy.tests.yaml:11:5: nested attribute inline",
            "PASS policy.tests.yaml:20:5: flat attribute from a file",
        ])
        let evaluated = try CLI.run(["evaluate", "--policy", "policy.yaml", "flat.json"], in: scratch.url)
        #expect(evaluated.status == 0, "\(evaluated)")

        _ = try scratch.write("policy.tests.yaml", """
        cases:
          - name: undeclared attribute
            snapshot:
              type: client
              as_of: 2025-07-20
              referrer: { id: a, plan: pro }
              referee: { id: b, signup_at: 2025-07-01, tier: gold }
              events:
                - { type: spent, at: 2025-07-05, amount: 600.00 }
            expect: { status: qualified }
          - name: bad instant
            snapshot:
              type: client
              as_of: 2025-07-20
              referrer: { id: a, plan: pro }
              referee: { id: b, signup_at: 2025-07-01 }
              events:
                - { type: spent, at: 2025-07-05, amount: 600.00 }
                - { type: spent, at: soon, amount: 1.00 }
            expect: { status: qualified }
        """)
        let failing = try CLI.run(["test"], in: scratch.url)
        #expect(failing.status == 1, "\(failing)")
        #expect(failing.stderr == """
            policy.tests.yaml:7:48: error[RP702]: the snapshot is not valid: invalid_snapshot at referee.tier: unknown field `tier`; expected one of `id`, `signup_at`, `attribution`, `country`, `flags`, `attributes`
               7 |       referee: { id: b, signup_at: 2025-07-01, tier: gold }
                 |                                                ^
                 = help: see docs/snapshots-and-decisions.md for the snapshot's fields

            policy.tests.yaml:19:26: error[RP702]: the snapshot is not valid: invalid_snapshot at events[1].at: expected an instant like `2025-03-01T12:00:00Z`, found `soon`
               19 |         - { type: spent, at: soon, amount: 1.00 }
                  |                          ^
                  = help: see docs/snapshots-and-decisions.md for the snapshot's fields

            1 file checked: 2 errors, 0 warnings

            """)
    }
}
