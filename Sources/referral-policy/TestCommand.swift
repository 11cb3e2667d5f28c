import ArgumentParser
import Foundation
import ReferralPolicy

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
              2  usage error; a file or folder cannot be read or holds no test files
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// A line per case, mismatches side by side, coverage, and `N passed, N failed`.
        case text
        /// One JSON document with every case and the coverage.
        case json
        /// JUnit XML, for CI systems that show test reports.
        case junit
    }

    @Argument(help: ArgumentHelp("Test files and folders (default: the current folder).", valueName: "path"))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Run only cases whose name contains PATTERN (case-insensitive), or matches it as a glob with * and ?.",
                               valueName: "pattern"))
    var filter: String?

    @Option(help: "Output format: text, json or junit.")
    var format: Format = .text

    @Flag(help: "List every rule no case covered, even when all cases pass.")
    var coverage = false

    @Option(name: .customLong("coverage-threshold"),
            help: ArgumentHelp("Fail when any policy version's rule coverage is below P percent.", valueName: "P"))
    var coverageThreshold: Double?

    func validate() throws {
        if let t = coverageThreshold, !(0...100).contains(t) {
            throw ValidationError("--coverage-threshold must be between 0 and 100, found \(t)")
        }
    }

    mutating func run() throws {
        let loaded = PolicyTests.load(paths: paths.isEmpty ? ["."] : paths)
        if !loaded.diagnostics.isEmpty {
            let renderer = DiagnosticRenderer(diagnostics: loaded.diagnostics, sources: loaded.sources,
                                              fileCount: loaded.sources.count)
            var standardError = StandardError()
            print(renderer.text(), terminator: "", to: &standardError)
        }
        let unreadable = loaded.diagnostics.contains { $0.code == .unreadableFile && $0.location == nil || $0.code == .noPolicyFiles }
        if unreadable { throw ExitStatus.usage.exitCode }
        let report = PolicyTests.run(loaded.files, filter: filter)
        let below = report.coverage.filter { c in coverageThreshold.map { c.percent + 1e-9 < $0 } ?? false }
        let renderer = TestReportRenderer(report: report, threshold: coverageThreshold, listUncovered: coverage)
        switch format {
        case .text: print(renderer.text(), terminator: "")
        case .json: print(renderer.json(), terminator: "")
        case .junit: print(renderer.junit(), terminator: "")
        }
        if loaded.diagnostics.hasErrors || report.failed > 0 || !below.isEmpty {
            throw ExitStatus.policyInvalid.exitCode
        }
    }
}
