import ArgumentParser
import Foundation
import ReferralPolicy

/// Output formats of `evaluate`.
enum EvaluateFormat: String, ExpressibleByArgument, CaseIterable {
    /// Decisions as JSON (pretty for one document, JSON Lines otherwise).
    case json
    /// Decisions for a person.
    case text
}

/// `referral-policy evaluate --policy PATH [INPUT...]`: decides referral snapshots.
struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Decide referral snapshots with a policy.",
        discussion: """
            The policy is a file, or a folder holding the versions of one program; the version \
            that governs each snapshot is chosen per snapshot (by the referee's sign-up, or as \
            the policy says). If the policy is invalid, its diagnostics go to standard error and \
            nothing is decided.

            Each INPUT is a file, or - for standard input (the default when none is given). An \
            input is one JSON document (a pretty-printed snapshot) or JSON Lines (one snapshot \
            per line): it is one document when its first non-blank line opens an object that \
            does not close on that line and the whole input parses as that one object; \
            otherwise it is JSON Lines (also when its first line is damaged, and when it holds \
            a single line). Files named *.jsonl or *.ndjson, and every input with --jsonl, are \
            JSON Lines.

            Output goes to standard output, in input order. A lone document gets one \
            pretty-printed decision; otherwise each record gets one compact line, written as \
            the input is read (a line is decided as soon as it has arrived). A record that cannot be decided (not JSON, not a snapshot, an \
            unknown referral type, a blank line, ...) gets an error record in its place, \
            {"line":3,"referral_id":"r-7","error":{"code":...,"message":...,"path":...}}, and \
            the others are still decided: N records in, N records out. A count of the records \
            that failed goes to standard error.

            \(ExitStatus.help)
            """)

    @Option(help: ArgumentHelp("A policy file, or a folder of the versions of one program.", valueName: "path"),
            completion: .file(extensions: ["yaml", "yml"]))
    var policy: String

    @Argument(help: ArgumentHelp("Snapshot files (JSON or JSON Lines), or - for standard input.", valueName: "input"),
              completion: .file(extensions: ["json", "jsonl", "ndjson"]))
    var inputs: [String] = []

    @Option(help: "Output format: json or text.")
    var format: EvaluateFormat = .json

    @Flag(help: "Read every input as JSON Lines, even a single line.")
    var jsonl = false

    @Flag(help: "Add every rule checked, whether it held and what it saw, to each decision.")
    var explain = false

    @Flag(help: "Print, per referrer, what their referrals add up to instead of each decision.")
    var summary = false

    @Flag(inversion: .prefixedNo,
          help: ArgumentHelp("""
              Show a progress line on standard error: records, decided, failed, records/s \
              (default: for a long batch, when standard error is a terminal and standard \
              output is not).
              """))
    var progress: Bool?

    @OptionGroup var options: DiagnosticOptions

    @OptionGroup var color: ColorOption

    func validate() throws {
        if inputs.count(where: { $0 == "-" }) > 1 { throw ValidationError("standard input (-) can be read only once") }
        if summary, explain { throw ValidationError("--explain does not apply to --summary") }
    }

    mutating func run() throws {
        var standardError = StandardError()
        let loaded = PolicySet.load(paths: [policy])
        let diagnostics = options.apply(to: loaded.diagnostics)
        if !diagnostics.isEmpty {
            var renderer = DiagnosticRenderer(loaded, diagnostics: diagnostics)
            renderer.colored = color.enabled(for: STDERR_FILENO)
            print(renderer.render(.text), terminator: "", to: &standardError)
        }
        let status = ExitStatus.forPolicies(diagnostics)
        guard status == .success, let set = loaded.set else {
            throw (status == .success ? .policyInvalid : status).exitCode
        }

        let names = inputs.isEmpty ? ["-"] : inputs
        var opened: [InputFile] = []
        do throws(IOFailure) {
            for name in names { opened.append(try InputFile(path: name)) }
        } catch {
            print("referral-policy: \(TerminalText.escaped(error.message))", to: &standardError)
            throw ExitStatus.usage.exitCode
        }

        var run = EvaluationRun(set: set, explain: explain, output: summary ? .summary : format == .text ? .text : .json,
                                forceLines: jsonl, singleInput: names.count == 1)
        run.progress = ProgressLine(option: progress)
        run.style = TerminalStyle(enabled: color.enabled(for: STDOUT_FILENO))
        do throws(IOFailure) {
            for input in opened { try run.process(input) }
            try run.finish(summaryFormat: format)
        } catch {
            print("referral-policy: \(TerminalText.escaped(error.message))", to: &standardError)
            throw ExitStatus.usage.exitCode
        }
        if run.failures > 0 {
            let first = run.firstFailure.map { " (the first at \(TerminalText.escaped($0)))" } ?? ""
            print("referral-policy: \(run.failures) of \(plural(run.records, "record")) could not be decided\(first)",
                  to: &standardError)
            throw ExitStatus.someRecordsFailed.exitCode
        }
    }
}
