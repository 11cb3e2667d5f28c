import ArgumentParser
import Foundation
import ReferralPolicy

#if canImport(Glibc)
import Glibc
#endif

/// Output formats of `diff`.
enum DiffFormat: String, ExpressibleByArgument, CaseIterable {
    /// For a terminal.
    case text
    /// One JSON document: the rule diff and the summary (`docs/impact.md` lists every field).
    case json
    /// GitHub-flavoured markdown for a pull-request comment or `$GITHUB_STEP_SUMMARY`.
    case markdown
    /// One self-contained HTML page with charts.
    case html
}

/// `referral-policy diff --base OLD --policy NEW [INPUT...]`: what a policy change does.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show what a policy change does: the rules changed, and the impact on past referrals.",
        discussion: """
            OLD and NEW are each a policy file or a folder of one program's versions, as \
            --policy takes them. --base git:REV (or git:REV:PATH) reads the base from git at \
            that revision: the same files as NEW's path (or PATH) at REV.

            Without INPUT: the rule diff, matched by rule id: rules added, removed and changed, \
            each changed value old -> new with file:line on both sides; descriptions, comments \
            and layout are cosmetic and listed apart.

            With INPUT (snapshot files, JSON Lines or documents, - for standard input, as \
            evaluate reads them): the rule diff, then every record decided by both sides, and \
            the impact: records, changed, undecided; status transitions; payouts before and \
            after per currency, kind and beneficiary, and per referral type; the referrers most \
            affected; examples of each kind of change with the rules whose outcome changed. A \
            record that one side cannot decide is counted (undecided), never dropped.

            --merge adds up JSON reports of partitions of one history (each made with \
            --format json by the same two policies): diff --merge a.json b.json ...

            \(ExitStatus.help)
            """)

    @Option(help: ArgumentHelp("The policy before the change: a file, a folder, or git:REV[:PATH].", valueName: "old"))
    var base: String?

    @Option(help: ArgumentHelp("The policy after the change: a file or a folder of one program's versions.", valueName: "new"))
    var policy: String?

    @Argument(help: ArgumentHelp("Snapshot files (JSON or JSON Lines), or - for standard input; with --merge, JSON reports.",
                                 valueName: "input"))
    var inputs: [String] = []

    @Option(help: "Output format: text, json, markdown or html.")
    var format: DiffFormat = .text

    @Option(help: ArgumentHelp("Write one JSON line per changed referral to this file.", valueName: "file"))
    var records: String?

    @Option(name: .customLong("max-increase"),
            help: ArgumentHelp("Exit with 4 when payouts would grow by more than this: AMOUNT in the policy's currency, or CUR:AMOUNT. Repeatable.",
                               valueName: "amount"))
    var maxIncrease: [String] = []

    @Option(help: ArgumentHelp("Write the report to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(help: "Read every input as JSON Lines, even a single line.")
    var jsonl = false

    @Flag(help: "Add up the JSON reports named as inputs instead of deciding snapshots.")
    var merge = false

    @OptionGroup var options: DiagnosticOptions

    func validate() throws {
        if inputs.count(where: { $0 == "-" }) > 1 { throw ValidationError("standard input (-) can be read only once") }
        if merge {
            if base != nil || policy != nil { throw ValidationError("--merge adds up reports; it takes no --base or --policy") }
            if inputs.isEmpty { throw ValidationError("--merge needs the JSON reports to add up") }
            if records != nil { throw ValidationError("--records does not apply to --merge") }
            return
        }
        guard base != nil else { throw ValidationError("name the policy before the change with --base") }
        guard policy != nil else { throw ValidationError("name the policy after the change with --policy") }
        if records != nil, inputs.isEmpty { throw ValidationError("--records needs snapshots to decide (INPUT)") }
        if !maxIncrease.isEmpty, inputs.isEmpty { throw ValidationError("--max-increase needs snapshots to decide (INPUT)") }
    }

    mutating func run() throws {
        var standardError = StandardError()
        let report: ImpactReport
        if merge {
            report = try mergedReport(&standardError)
        } else {
            report = try diffReport(&standardError)
        }
        let text = switch format {
        case .text: ImpactTextRenderer.render(report)
        case .json: report.json()
        case .markdown: ImpactMarkdownRenderer.render(report)
        case .html: ImpactHTMLRenderer.render(report)
        }
        if let output {
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output))
            } catch {
                print("referral-policy: cannot write `\(output)`: \(error.localizedDescription)", to: &standardError)
                throw ExitStatus.usage.exitCode
            }
        } else {
            print(text, terminator: "")
        }
        for check in report.limits where check.exceeded {
            print("referral-policy: \(ImpactTextRenderer.limitLine(check))", to: &standardError)
        }
        if report.exceedsLimit { throw ExitStatus.payoutIncreaseExceeded.exitCode }
    }

    // MARK: - Diffing

    private func diffReport(_ standardError: inout StandardError) throws -> ImpactReport {
        let newPath = policy ?? ""
        var old: DiffPolicies
        if let git = DiffGitBase(base ?? "", defaultPath: newPath) {
            do {
                old = try git.load()
            } catch {
                print("referral-policy: \(error.message)", to: &standardError)
                throw ExitStatus.usage.exitCode
            }
        } else {
            old = DiffPolicies(PolicySet.load(paths: [base ?? ""]))
        }
        var new = DiffPolicies(PolicySet.load(paths: [newPath]))
        old.diagnostics = options.apply(to: old.diagnostics)
        new.diagnostics = options.apply(to: new.diagnostics)
        // Both sides' problems, as `validate` prints them; nothing is decided when either has errors.
        for side in [old, new] where !side.diagnostics.isEmpty {
            let renderer = DiagnosticRenderer(diagnostics: side.diagnostics, sources: side.sources, fileCount: side.fileCount)
            print(renderer.text(), terminator: "", to: &standardError)
        }
        let status = [ExitStatus.forPolicies(old.diagnostics), ExitStatus.forPolicies(new.diagnostics)]
        if status.contains(.usage) { throw ExitStatus.usage.exitCode }
        guard let baseSet = old.set, let newSet = new.set, !status.contains(.policyInvalid) else {
            throw ExitStatus.policyInvalid.exitCode
        }
        guard baseSet.policies.first?.identity.program == newSet.policies.first?.identity.program else {
            print("referral-policy: the base is program `\(baseSet.policies.first?.identity.program ?? "")`, the new policy "
                  + "`\(newSet.policies.first?.identity.program ?? "")`: diff compares two versions of one program", to: &standardError)
            throw ExitStatus.usage.exitCode
        }
        let limits = try parseLimits(ImpactAnalyzer.currency(of: newSet), &standardError)
        guard !inputs.isEmpty else { return ImpactReport(base: baseSet, new: newSet) }

        var opened: [InputFile] = []
        do throws(IOFailure) {
            for name in inputs { opened.append(try InputFile(path: name)) }
        } catch {
            print("referral-policy: \(error.message)", to: &standardError)
            throw ExitStatus.usage.exitCode
        }
        var recordsFile: FileHandle?
        if let records {
            guard FileManager.default.createFile(atPath: records, contents: nil), let handle = FileHandle(forWritingAtPath: records) else {
                print("referral-policy: cannot write `\(records)`", to: &standardError)
                throw ExitStatus.usage.exitCode
            }
            recordsFile = handle
        }
        defer { try? recordsFile?.close() }
        let workers = max(1, min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
        var run = DiffRun(analyzer: ImpactAnalyzer(base: baseSet, new: newSet, keepChanged: records != nil, workers: workers),
                          forceLines: jsonl, recordsFile: recordsFile)
        do throws(IOFailure) {
            for input in opened { try run.process(input) }
        } catch {
            print("referral-policy: \(error.message)", to: &standardError)
            throw ExitStatus.usage.exitCode
        }
        return ImpactReport(base: baseSet, new: newSet, summary: run.analyzer.summary, limits: limits)
    }

    private func parseLimits(_ currency: Currency, _ standardError: inout StandardError) throws -> [PayoutLimit] {
        var limits: [PayoutLimit] = []
        for text in maxIncrease {
            switch PayoutLimit.parse(text, defaultCurrency: currency) {
            case .success(let limit): limits.append(limit)
            case .failure(let error):
                print("referral-policy: --max-increase \(error.message)", to: &standardError)
                throw ExitStatus.usage.exitCode
            }
        }
        return limits
    }

    // MARK: - Merging

    private func mergedReport(_ standardError: inout StandardError) throws -> ImpactReport {
        var reports: [ImpactReport] = []
        for path in inputs {
            do {
                let data = path == "-" ? FileHandle.standardInput.readDataToEndOfFile() : try Data(contentsOf: URL(fileURLWithPath: path))
                reports.append(try ImpactReport(json: data))
            } catch let error as ImpactReportError {
                print("referral-policy: `\(path)`: \(error.message)", to: &standardError)
                throw ExitStatus.usage.exitCode
            } catch {
                print("referral-policy: cannot read `\(path)`: \(error.localizedDescription)", to: &standardError)
                throw ExitStatus.usage.exitCode
            }
        }
        var merged: ImpactReport
        do {
            merged = try ImpactReport.merged(reports)
        } catch {
            print("referral-policy: cannot merge: \(error.message)", to: &standardError)
            throw ExitStatus.usage.exitCode
        }
        if !maxIncrease.isEmpty, let summary = merged.summary {
            merged.limits = try parseLimits(summary.currency, &standardError).map { $0.check(summary) }
        }
        return merged
    }
}
