import Foundation
import Testing

/// `referral-policy validate`: every format, `--strict`, and each exit code.
@Suite struct ValidateCommandTests {
    static let invalid = CLI.inputs + "/invalid/policy.yaml"
    static let warning = CLI.inputs + "/warning/policy.yaml"

    @Test func aValidProgramChecksClean() throws {
        let result = try CLI.run(["validate", CLI.program])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "2 files checked: 0 errors, 0 warnings\n")
        #expect(result.stderr == "")
    }

    @Test func theShippedExamplePassesStrictValidation() throws {
        let result = try CLI.run(["validate", "--strict", "policies/"])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.hasSuffix("0 errors, 0 warnings\n"))
    }

    @Test func textShowsEachProblemWithItsSourceLineAndCaret() throws {
        let result = try CLI.run(["validate", Self.invalid])
        #expect(result.status == 1)
        // The second caret sits after a tab, which is kept so the caret lines up.
        #expect(result.stdout == """
            Tests/CLITests/Inputs/invalid/policy.yaml:10:5: error[RP101]: unknown key `windw` in referral type `client`
               10 |     windw: { days: 30 }
                  |     ^
                  = help: did you mean `window`?

            Tests/CLITests/Inputs/invalid/policy.yaml:21:20: error[RP403]: `window.days` cannot be negative: `-5`
               21 |     window: {days:\t-5}
                  |                   \t^
                  = help: write a number of days, 0 or more

            1 file checked: 2 errors, 0 warnings

            """)
    }

    @Test func jsonIsOneDocumentWithEveryDiagnostic() throws {
        let result = try CLI.run(["validate", "--format", "json", Self.invalid])
        #expect(result.status == 1)
        #expect(result.stdout == """
            {
              "files": 1,
              "errors": 2,
              "warnings": 0,
              "diagnostics": [
                {
                  "file": "Tests/CLITests/Inputs/invalid/policy.yaml",
                  "line": 10,
                  "column": 5,
                  "code": "RP101",
                  "name": "unknown-key",
                  "severity": "error",
                  "message": "unknown key `windw` in referral type `client`",
                  "help": "did you mean `window`?"
                },
                {
                  "file": "Tests/CLITests/Inputs/invalid/policy.yaml",
                  "line": 21,
                  "column": 20,
                  "code": "RP403",
                  "name": "negative-duration",
                  "severity": "error",
                  "message": "`window.days` cannot be negative: `-5`",
                  "help": "write a number of days, 0 or more"
                }
              ]
            }

            """)
        let parsed = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        #expect((parsed?["diagnostics"] as? [Any])?.count == 2)
    }

    @Test func githubPrintsWorkflowCommands() throws {
        let result = try CLI.run(["validate", "--format", "github", Self.invalid])
        #expect(result.status == 1)
        #expect(result.stdout == """
            ::error file=Tests/CLITests/Inputs/invalid/policy.yaml,line=10,col=5,title=RP101::unknown key `windw` in referral type `client`%0Ahelp: did you mean `window`?
            ::error file=Tests/CLITests/Inputs/invalid/policy.yaml,line=21,col=20,title=RP403::`window.days` cannot be negative: `-5`%0Ahelp: write a number of days, 0 or more
            1 file checked: 2 errors, 0 warnings

            """)
    }

    @Test func aWarningPassesUnlessStrict() throws {
        let relaxed = try CLI.run(["validate", Self.warning])
        #expect(relaxed.status == 0, "\(relaxed)")
        #expect(relaxed.stdout == """
            Tests/CLITests/Inputs/warning/policy.yaml:8:3: warning[RP506]: event type `refund` is declared but no rule uses it
               8 |   refund:
                 |   ^
                 = help: remove it, or use it in a requirement or reversal

            1 file checked: 0 errors, 1 warning

            """)
        let strict = try CLI.run(["validate", "--strict", Self.warning])
        #expect(strict.status == 1, "\(strict)")
        #expect(strict.stdout.hasPrefix("Tests/CLITests/Inputs/warning/policy.yaml:8:3: error[RP506]: "))
        #expect(strict.stdout.hasSuffix("1 file checked: 1 error, 0 warnings\n"))
        let github = try CLI.run(["validate", "--strict", "--format", "github", Self.warning])
        #expect(github.stdout.hasPrefix("::error file=Tests/CLITests/Inputs/warning/policy.yaml,line=8,col=3,title=RP506::"))
    }

    @Test func aMissingPathIsExitTwo() throws {
        let result = try CLI.run(["validate", "no/such/policy.yaml", CLI.program])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout == """
            no/such/policy.yaml: error[RP008]: no such file or folder `no/such/policy.yaml`
              = help: check the path

            2 files checked: 1 error, 0 warnings

            """)
    }

    @Test func aFolderWithNoPoliciesIsExitTwo() throws {
        let scratch = try Scratch()
        _ = try scratch.write("notes.txt", "not a policy\n")
        let result = try CLI.run(["validate", "--format", "json", scratch.url.path])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.contains("\"code\": \"RP009\""))
        #expect(result.stdout.contains("\"files\": 0"))
    }

    @Test(arguments: [
        ["validate"],
        ["validate", "--format", "xml", "policies/"],
        ["validate", "--no-such-flag", "policies/"],
        ["no-such-command"],
    ])
    func usageErrorsAreExitTwo(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout == "")
        #expect(result.stderr.contains("Usage:"))
    }

    @Test func helpListsTheExitCodes() throws {
        for arguments in [["--help"], ["validate", "--help"], ["evaluate", "--help"]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 0)
            #expect(result.stdout.contains("Exit codes:\n  0  success"), "\(arguments)")
            #expect(result.stdout.contains("  3  some input records could not be decided"), "\(arguments)")
        }
    }
}
