import Foundation
import Testing

/// `validate --format sarif` and `test --format sarif`: SARIF 2.1.0 logs for code scanning,
/// each checked against the SARIF 2.1.0 JSON Schema (`Inputs/sarif/`) with Python's
/// `jsonschema`. A machine without `python3` or `jsonschema` fails these tests; it does not
/// skip them (`.ci/run` installs `jsonschema`).
@Suite struct SARIFTests {
    /// Validates `log` against the schema; records the validator's complaints as the failure.
    static func expectSchemaValid(_ log: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let scratch = try Scratch()
        let file = try scratch.write("log.sarif", log)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", CLI.packageRoot.appendingPathComponent(CLI.inputs + "/sarif/validate.py").path, file]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "SARIF schema validation failed:\n\(text)", sourceLocation: sourceLocation)
    }

    /// A golden SARIF log (written with version 0.1.0) as the command of today writes it: the
    /// tool's `version` and `semanticVersion` are `referral-policy --version`.
    static func withCurrentVersion(_ golden: String) throws -> String {
        let version = try CLI.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return golden.replacingOccurrences(of: "Version\": \"0.1.0\"", with: "Version\": \"\(version)\"")
            .replacingOccurrences(of: "\"version\": \"0.1.0\"", with: "\"version\": \"\(version)\"")
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func validateWritesOneResultPerDiagnosticWithItsRule() throws {
        let result = try CLI.run(["validate", "--format", "sarif", ValidateCommandTests.invalid])
        #expect(result.status == 1, "\(result)")
        try Self.expectSchemaValid(result.stdout)
        let expected = try String(contentsOf: CLI.packageRoot.appendingPathComponent(CLI.inputs + "/invalid/policy.sarif"), encoding: .utf8)
        #expect(result.stdout == (try Self.withCurrentVersion(expected)))
    }

    @Test func strictWarningsAreErrorsAndAValidProgramHasNoResults() throws {
        let strict = try CLI.run(["validate", "--strict", "--format", "sarif", ValidateCommandTests.warning])
        #expect(strict.status == 1, "\(strict)")
        try Self.expectSchemaValid(strict.stdout)
        let run = try #require((try Self.json(strict.stdout)["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["level"] as? String } == ["error"])
        let rules = try #require((run["tool"] as? [String: Any]).flatMap { ($0["driver"] as? [String: Any])?["rules"] as? [[String: Any]] })
        #expect(rules.map { $0["id"] as? String } == ["RP506"])
        #expect(rules.first?["helpUri"] as? String == "docs/diagnostics.md#rp506-unused-definition")
        #expect((rules.first?["defaultConfiguration"] as? [String: Any])?["level"] as? String == "warning")

        let clean = try CLI.run(["validate", "--format", "sarif", "--docs-url", "https://example.org/docs/diagnostics.md", CLI.program])
        #expect(clean.status == 0, "\(clean)")
        try Self.expectSchemaValid(clean.stdout)
        #expect(clean.stdout.contains("\"results\": []"))
        #expect(clean.stdout.contains("\"informationUri\": \"https://example.org/docs/diagnostics.md\""))
    }

    @Test func hostileTextAndOddPathsStayValid() throws {
        try Self.expectSchemaValid(try CLI.run(["validate", "--format", "sarif", OutputSafetyTests.hostile]).stdout)
        let scratch = try Scratch()
        _ = try scratch.write("with space/a%b\nc.yaml", "program: [\n")
        let odd = try CLI.run(["validate", "--format", "sarif", "with space/a%b\nc.yaml", "/no/such/file.yaml"], in: scratch.url)
        #expect(odd.status == 2, "\(odd)")
        try Self.expectSchemaValid(odd.stdout)
        #expect(odd.stdout.contains("\"uri\": \"with%20space/a%25b%0Ac.yaml\""))
        #expect(odd.stdout.contains("\"uri\": \"file:///no/such/file.yaml\""))
    }

    @Test func testReportsFailingCasesAndCoverage() throws {
        let dir = try TestCommandTests.folder("""
        cases:
          - name: spending $300 should pay
        \(TestCommandTests.snapshot(spent: "300.00"))
            expect:
              status: qualified
        """)
        let result = try CLI.run(["test", "--format", "sarif", "--coverage-threshold", "100"], in: dir.url)
        #expect(result.status == 1, "\(result)")
        try Self.expectSchemaValid(result.stdout)
        let run = try #require((try Self.json(result.stdout)["runs"] as? [[String: Any]])?.first)
        let results = try #require(run["results"] as? [[String: Any]])
        #expect(results.map { $0["ruleId"] as? String } == ["test-failed", "coverage-below-threshold"])
        #expect((results[0]["message"] as? [String: Any])?["text"] as? String
            == "case `spending $300 should pay` failed: status: expected qualified, got pending")
        #expect(result.stdout.contains("\"startLine\": 2"))

        let broken = try TestCommandTests.folder("""
        cases:
          - name: typo
        \(TestCommandTests.snapshot(spent: "600.00"))
            expect: { status: qualifed }
        """)
        let diagnostics = try CLI.run(["test", "--format", "sarif"], in: broken.url)
        #expect(diagnostics.status == 1, "\(diagnostics)")
        #expect(diagnostics.stderr == "")
        try Self.expectSchemaValid(diagnostics.stdout)
        #expect(diagnostics.stdout.contains("\"ruleId\": \"RP105\""))
    }

    /// Every rule's help link names a section `docs/diagnostics.md` really has.
    @Test func helpLinksPointAtSectionsOfTheDiagnosticsReference() throws {
        let doc = try String(contentsOf: CLI.packageRoot.appendingPathComponent("docs/diagnostics.md"), encoding: .utf8)
        let anchors = Set(doc.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { heading in
            heading.dropFirst(3).lowercased().replacingOccurrences(of: " ", with: "-").filter { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        })
        for log in [try CLI.run(["validate", "--format", "sarif", OutputSafetyTests.hostile]).stdout,
                    try CLI.run(["validate", "--format", "sarif", ValidateCommandTests.invalid]).stdout] {
            let uris = log.split(separator: "\n").filter { $0.contains("\"helpUri\"") }
            #expect(!uris.isEmpty)
            for line in uris {
                let anchor = try #require(line.split(separator: "#").last).filter { $0 != "\"" && $0 != "," }
                #expect(anchors.contains(anchor), "\(line)")
            }
        }
    }
}
