import ArgumentParser
import ReferralPolicy

/// `referral-policy describe PATH...`: the program in plain English, as Markdown or as an
/// HTML terms page.
struct Describe: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "Print a policy program in plain English (Markdown, or an HTML terms page).",
        discussion: """
            Each PATH is a policy file or a folder of policy files (policy test files are left \
            out); together they are the versions of one program, described in the order they \
            take effect. The text is built from the rules themselves: who can earn, what the \
            referee must do and by when, what is paid to whom and when, tiers, limits, reversal \
            and each version's effective period. Descriptions written in the policy are added \
            as notes marked "Author's note".

            A policy with errors is not described: its diagnostics go to standard error, as \
            with `validate`.

            \(ExitStatus.help)
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        /// CommonMark, for a README, a wiki or a pull request.
        case markdown
        /// One self-contained HTML page.
        case html
    }

    @Argument(help: ArgumentHelp("Policy files and folders: the versions of one program.", valueName: "path"))
    var paths: [String]

    @Option(help: "Output format: markdown or html.")
    var format: Format = .markdown

    func validate() throws {
        if paths.isEmpty { throw ValidationError("name at least one policy file or folder") }
    }

    mutating func run() throws {
        let loaded = PolicySet.load(paths: paths)
        guard let set = loaded.set else {
            var standardError = StandardError()
            print(DiagnosticRenderer(loaded, diagnostics: loaded.diagnostics).text(), terminator: "", to: &standardError)
            throw ExitStatus.forPolicies(loaded.diagnostics).exitCode
        }
        let description = PolicyDescription(set)
        print(format == .html ? description.html : description.markdown, terminator: "")
    }
}
