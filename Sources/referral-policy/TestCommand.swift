import ArgumentParser
import Foundation
import ReferralPolicy
import ReferralPolicyTesting

/// `referral-policy test [PATH...]`: runs policy test cases and measures rule coverage.
struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run policy test cases (*.tests.yaml) and report rule coverage.",
        discussion: """
            Each PATH is a test file or a folder; a folder stands for every *.tests.yaml and \
            *.tests.yml file below it. With no PATH, the current folder. Each test file names \
            the policy (or folder of versions) it tests; see docs/testing-policies.md.

            Exit codes:
              0  every case passed (and coverage met --coverage-threshold)
              1  a case failed, coverage is below the threshold, or a test file or its policy has errors
              2  usage error; a file or folder cannot be read or holds no test files; --filter matches no case
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// A line per case, mismatches side by side, coverage, and `N passed, N failed`.
        case text
        /// One JSON document with every case and the coverage.
        case json
        /// JUnit XML, for CI systems that show test reports.
        case junit
        /// GitHub Actions workflow commands: an error annotation at each failing case.
        case github
        /// A SARIF 2.1.0 log: test file problems, failing cases, coverage below the threshold.
        case sarif
    }

    @Argument(help: ArgumentHelp("Test files and folders (default: the current folder).", valueName: "path"),
              completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Run only cases whose name contains PATTERN (case-insensitive), or matches it as a glob with * and ?.",
                               valueName: "pattern"))
    var filter: String?

    @Option(help: "Output format: text, json, junit, github or sarif.")
    var format: Format = .text

    @Flag(help: "List every rule no case covered, even when all cases pass.")
    var coverage = false

    @Option(name: .customLong("coverage-threshold"),
            help: ArgumentHelp("Fail when any policy version's rule coverage is below P percent.", valueName: "P"))
    var coverageThreshold: Double?

    @Option(name: .customLong("docs-url"),
            help: ArgumentHelp("Where docs/diagnostics.md is published, for the help links of SARIF rules.", valueName: "url"))
    var docsURL: String?

    @OptionGroup var color: ColorOption

    func validate() throws {
        if let t = coverageThreshold, !(0...100).contains(t) {
            throw ValidationError("--coverage-threshold must be between 0 and 100, found \(t)")
        }
    }

    mutating func run() throws {
        let loaded = PolicyTests.load(paths: paths.isEmpty ? ["."] : paths)
        var standardError = StandardError()
        if !loaded.diagnostics.isEmpty, format != .sarif {
            var renderer = DiagnosticRenderer(diagnostics: loaded.diagnostics, sources: loaded.sources,
                                              fileCount: loaded.sources.count)
            if format == .github {
                print(renderer.render(.github), terminator: "")
            } else {
                renderer.colored = color.enabled(for: STDERR_FILENO)
                print(renderer.render(.text), terminator: "", to: &standardError)
            }
        }
        let unreadable = loaded.diagnostics.contains { $0.code == .unreadableFile && $0.location == nil || $0.code == .noPolicyFiles }
        // A SARIF log is still written, so that code scanning shows why nothing ran.
        if unreadable, format != .sarif { throw ExitStatus.usage.exitCode }
        let report = PolicyTests.run(loaded.files, filter: filter)
        if let filter, report.results.isEmpty, !loaded.files.isEmpty {
            let cases = loaded.files.reduce(0) { $0 + $1.cases.count }
            print("referral-policy: --filter `\(TerminalText.escaped(filter))` matches no case (of \(plural(cases, "case")) in "
                  + "\(plural(loaded.files.count, "test file"))); a filter is a case-insensitive part of a name, "
                  + "or a glob with * and ?", to: &standardError)
            throw ExitStatus.usage.exitCode
        }
        let renderer = TestReportRenderer(report: report, threshold: coverageThreshold, listUncovered: coverage)
        switch format {
        case .text: print(renderer.text(style: TerminalStyle(enabled: color.enabled(for: STDOUT_FILENO))), terminator: "")
        case .json: print(renderer.json(), terminator: "")
        case .junit: print(renderer.junit(), terminator: "")
        case .github: print(renderer.github(), terminator: "")
        case .sarif: print(renderer.sarif(diagnostics: loaded.diagnostics, sources: loaded.sources, documentationURL: docsURL),
                           terminator: "")
        }
        if unreadable { throw ExitStatus.usage.exitCode }
        if loaded.diagnostics.hasErrors || report.failed > 0 || !renderer.belowThreshold.isEmpty {
            throw ExitStatus.policyInvalid.exitCode
        }
    }
}
