import ArgumentParser
import ReferralPolicy

/// Options shared by every subcommand that loads policies.
struct DiagnosticOptions: ParsableArguments {
    @Flag(help: "Treat warnings as errors: report them as errors and fail on them.")
    var strict = false

    /// The diagnostics as reported: with `--strict`, warnings become errors.
    func apply(to diagnostics: [Diagnostic]) -> [Diagnostic] {
        guard strict else { return diagnostics }
        return diagnostics.map { diagnostic in
            var copy = diagnostic
            copy.severity = .error
            return copy
        }
    }
}
