import ArgumentParser
import Foundation
import ReferralPolicy

@main
struct ReferralPolicyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "referral-policy",
        abstract: "Validate referral policies and evaluate referral snapshots against them.",
        discussion: """
            Policies are YAML files (one version of one program each); snapshots are JSON \
            (one document, or JSON Lines: one snapshot per line).

            \(ExitStatus.help)
            """,
        version: ReferralPolicyVersion.current,
        subcommands: [Validate.self, Evaluate.self, TestCommand.self, Diff.self, Describe.self, Schema.self])

    /// Runs the command like `ParsableCommand.main()`, except that usage errors exit with 2
    /// (argument-parser's default is 64, `EX_USAGE`), so every exit code is one of ``ExitStatus``.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                var standardError = StandardError()
                print(fullMessage(for: error), to: &standardError)
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            exit(withError: error)
        }
    }
}
