import ArgumentParser
import Foundation
import ReferralPolicy

/// `referral-policy validate PATH...`: checks policy files and reports every problem.
struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check policy files and report every problem found.",
        discussion: """
            Each PATH is a policy file or a folder; a folder stands for every *.yaml and *.yml \
            file below it (policy test files, *.tests.yaml, are left out). The files are checked \
            one by one and then together, as the versions of one program: they must not overlap.

            \(ExitStatus.help)
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// Compiler style: `path:line:col: error[CODE]: message`, the source line and a caret.
        case text
        /// One JSON document with every diagnostic.
        case json
        /// GitHub Actions workflow commands, so problems show on the pull request.
        case github
        /// A SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.
        case sarif

        var rendererFormat: DiagnosticRenderer.Format {
            switch self {
            case .text: .text
            case .json: .json
            case .github: .github
            case .sarif: .sarif
            }
        }
    }

    @Argument(help: ArgumentHelp("Policy files and folders to check.", valueName: "path"),
              completion: .file(extensions: ["yaml", "yml"]))
    var paths: [String]

    @Option(help: "Output format: text, json, github or sarif.")
    var format: Format = .text

    @Option(name: .customLong("docs-url"),
            help: ArgumentHelp("Where docs/diagnostics.md is published, for the help links of SARIF rules (default: the relative docs/diagnostics.md).",
                               valueName: "url"))
    var docsURL: String?

    @OptionGroup var options: DiagnosticOptions

    @OptionGroup var color: ColorOption

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one policy file or folder") }
    }

    mutating func run() throws {
        let loaded = PolicySet.load(paths: paths)
        let diagnostics = options.apply(to: loaded.diagnostics)
        var renderer = DiagnosticRenderer(loaded, diagnostics: diagnostics)
        renderer.colored = format == .text && color.enabled(for: STDOUT_FILENO)
        renderer.documentationURL = docsURL
        print(renderer.render(format.rendererFormat), terminator: "")
        let status = ExitStatus.forPolicies(diagnostics)
        if status != .success { throw status.exitCode }
    }
}

extension ExitStatus {
    /// 2 when a path could not be read or a folder held no policies, else 1 when there are
    /// errors, else 0.
    static func forPolicies(_ diagnostics: [Diagnostic]) -> ExitStatus {
        if diagnostics.contains(where: { $0.code == .unreadableFile || $0.code == .noPolicyFiles }) { return .usage }
        return diagnostics.hasErrors ? .policyInvalid : .success
    }
}
