import Foundation
import ReferralPolicy

/// Policy test cases: load `*.tests.yaml` files, run their cases, measure rule coverage.
///
/// ```swift
/// let loaded = PolicyTests.load(paths: ["policies"])
/// let report = PolicyTests.run(loaded.files)
/// print(report.summaryLine)   // "24 passed, 0 failed"
/// ```
public enum PolicyTests {
    /// Loads every test file named, or found below a named folder (`*.tests.yaml`, `*.tests.yml`).
    public static func load(paths: [String], limits: LoadLimits = .default) -> PolicyTestLoadResult {
        let found = PolicyFiles.expand(paths, kind: .tests)
        var result = PolicyTestLoadResult(files: [], diagnostics: found.problems, sources: [:])
        for path in found.paths {
            guard let data = FileManager.default.contents(atPath: path), let text = String(validating: data, as: UTF8.self) else {
                result.diagnostics.append(Diagnostic(code: .unreadableFile, message: "cannot read `\(path)` as UTF-8 text", location: nil,
                                                     help: "check that the file exists and is UTF-8", file: path))
                continue
            }
            result.sources[path] = text
            var parser = PolicyTestParser(file: path)
            let (file, policyDiagnostics) = parser.parse(source: text, limits: limits)
            result.diagnostics += policyDiagnostics + parser.diagnostics.sortedByLocation()
            if let file, !parser.diagnostics.hasErrors { result.files.append(file) }
        }
        return result
    }

    /// Runs the cases whose name matches `filter` (a substring, or a glob with `*` and `?`;
    /// case-insensitive), in file order.
    public static func run(_ files: [PolicyTestFile], filter: String? = nil) -> PolicyTestReport {
        var results: [PolicyTestReport.CaseResult] = []
        var tracker = CoverageTracker()
        for file in files {
            for policy in file.policies.policies { tracker.register(policy) }
            for c in file.cases where filter.map({ NameFilter.matches(c.name, pattern: $0) }) ?? true {
                if let reason = c.skip {
                    results.append(.init(file: file.path, name: c.name, location: c.location, outcome: .skipped(reason), decision: nil))
                    continue
                }
                do {
                    let policy = try file.policies.governingPolicy(for: c.snapshot)
                    // Decided by the set, as `evaluate` decides: an event type only another
                    // version declares is left out, not an error.
                    let decision = try file.policies.evaluate(c.snapshot, explain: true)
                    tracker.record(decision, policy: policy)
                    let mismatches = ExpectationCheck.mismatches(c.expectation, decision)
                    var shown = decision
                    shown.explanation = []
                    results.append(.init(file: file.path, name: c.name, location: c.location,
                                         outcome: mismatches.isEmpty ? .passed : .failed(mismatches), decision: shown))
                } catch {
                    results.append(.init(file: file.path, name: c.name, location: c.location, outcome: .error(error.description), decision: nil))
                }
            }
        }
        return PolicyTestReport(results: results, coverage: tracker.report())
    }
}

/// Test files loaded, with every diagnostic (of the test files and of the policies they name).
public struct PolicyTestLoadResult: Sendable {
    public var files: [PolicyTestFile]
    public var diagnostics: [Diagnostic]
    /// Each test file's text, by path, for rendering diagnostics with their source line.
    public var sources: [String: String]
}
