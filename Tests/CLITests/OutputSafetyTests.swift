import Foundation
import Testing

/// Output injection (issue 11): text from a policy, a test file or a path is printed escaped by
/// every renderer, so a policy in a pull request cannot write a GitHub workflow command into the
/// CI log, move a terminal's cursor or break the `path:line:col:` line.
@Suite struct OutputSafetyTests {
    static let hostile = CLI.inputs + "/hostile/injection.yaml"

    /// The golden output of `validate --format FORMAT` on the hostile policy (a SARIF log's
    /// tool version is the command's own).
    static func golden(_ format: String) throws -> String {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(CLI.inputs + "/hostile/injection.\(format)"), encoding: .utf8)
        return format == "sarif" ? try SARIFTests.withCurrentVersion(text) : text
    }

    /// True when `text` holds a byte a terminal acts on: a C0 control other than tab and line
    /// feed (ESC, CR, ...), DEL, a C1 control, or a bidirectional override.
    static func hasRawControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { s in
            (s.value < 0x20 && s != "\n" && s != "\t") || (0x7F...0x9F).contains(s.value)
                || (0x202A...0x202E).contains(s.value) || (0x2066...0x2069).contains(s.value)
        }
    }

    @Test(arguments: ["text", "json", "github", "sarif"])
    func everyFormatEscapesPolicyText(format: String) throws {
        let result = try CLI.run(["validate", "--format", format, Self.hostile])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == (try Self.golden(format)))
        #expect(!Self.hasRawControl(result.stdout))
        // No line the CI runner reads can be a workflow command other than our own annotations.
        for line in result.lines where line.hasPrefix("::") {
            #expect(format == "github" && line.hasPrefix("::error file=Tests/CLITests/Inputs/hostile/injection.yaml,"), "\(line)")
        }
    }

    @Test func theTextFormatShowsTheNewlineAndEscapeAsEscapes() throws {
        let result = try CLI.run(["validate", Self.hostile])
        #expect(result.lines[0] == "Tests/CLITests/Inputs/hostile/injection.yaml:7:1: error[RP101]: unknown key `x\\u{A}::warning file=README.md::injected` in the policy")
        #expect(result.lines[5] == "Tests/CLITests/Inputs/hostile/injection.yaml:8:1: error[RP101]: unknown key `red\\u{1B}[31malert\\u{D}over` in the policy")
    }

    @Test func aPathWithANewlineIsQuoted() throws {
        let scratch = try Scratch()
        _ = try scratch.write("dir\nname/policy.yaml", try String(contentsOf: CLI.packageRoot.appendingPathComponent(CLI.inputs + "/warning/policy.yaml"), encoding: .utf8))
        let result = try CLI.run(["validate", "dir\nname/policy.yaml"], in: scratch.url)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            "dir\\u{A}name/policy.yaml":8:3: warning[RP506]: event type `refund` is declared but no rule uses it
               8 |   refund:
                 |   ^
                 = help: remove it, or use it in a requirement or reversal

            1 file checked: 0 errors, 1 warning

            """)
        let github = try CLI.run(["validate", "--format", "github", "dir\nname/policy.yaml"], in: scratch.url)
        #expect(github.lines.first == "::warning file=dir%0Aname/policy.yaml,line=8,col=3,title=RP506::event type `refund` is declared but no rule uses it%0Ahelp: remove it, or use it in a requirement or reversal")
    }

    @Test func testCaseNamesAreEscapedInTheReport() throws {
        let scratch = try Scratch()
        _ = try scratch.write("policy.yaml", TestCommandTests.policy)
        _ = try scratch.write("policy.tests.yaml", """
        cases:
          - name: "pays\\n::error file=x::forged \\e[2J"
        \(TestCommandTests.snapshot(spent: "600.00"))
            expect: { status: pending }
        """)
        let text = try CLI.run(["test"], in: scratch.url)
        #expect(text.status == 1, "\(text)")
        #expect(text.lines.first == "FAIL policy.tests.yaml:2:5: pays\\u{A}::error file=x::forged \\u{1B}[2J")
        #expect(!Self.hasRawControl(text.stdout))
        let github = try CLI.run(["test", "--format", "github"], in: scratch.url)
        #expect(github.lines == [
            "::error file=policy.tests.yaml,line=2,col=5,title=FAIL pays\\u{A}%3A%3Aerror file=x%3A%3Aforged \\u{1B}[2J::status: expected pending, got qualified",
            "0 passed, 1 failed",
        ])
        #expect(!Self.hasRawControl(github.stdout))
    }

    /// Ids from a snapshot, printed by `evaluate --format text` and `--summary`, are escaped too.
    @Test func snapshotIdsAreEscapedInDecisionText() throws {
        let line = #"{"id":"r\u001b[2J\n::error::x","type":"client","as_of":"2025-07-20T00:00:00Z","referrer":{"id":"a\u009b"},"referee":{"id":"b","signup_at":"2025-07-01T00:00:00Z"},"events":[]}"#
        let text = try CLI.run(["evaluate", "--policy", CLI.inputs + "/warning/policy.yaml", "--format", "text"], stdin: line + "\n")
        #expect(text.status == 0, "\(text)")
        #expect(text.lines.first == "r\\u{1B}[2J\\u{A}::error::x (client): pending")
        #expect(!Self.hasRawControl(text.stdout))
        let summary = try CLI.run(["evaluate", "--policy", CLI.inputs + "/warning/policy.yaml", "--summary", "--format", "text"], stdin: line + "\n")
        #expect(summary.lines.first?.hasPrefix("a\\u{9B}: 1 referral: ") == true, "\(summary)")
        #expect(summary.lines.contains("  pending r\\u{1B}[2J\\u{A}::error::x (client), still to do:"))
        #expect(!Self.hasRawControl(summary.stdout))
    }
}
