import ArgumentParser

/// The exit codes of `referral-policy`: each names one outcome, so a script or CI can tell
/// "the policy is wrong" from "the input is wrong" from "some records were bad".
enum ExitStatus: Int32, CaseIterable {
    /// Every policy is valid; every input record was decided.
    case success = 0
    /// A policy has errors (with `--strict`, warnings too); `evaluate` decided nothing.
    case policyInvalid = 1
    /// A usage error, or a file or folder that cannot be read (or holds no policy files).
    case usage = 2
    /// Some input records could not be decided; each got an error record in its place and
    /// every other record was decided.
    case someRecordsFailed = 3
    /// `diff`: payouts would grow by more than a `--max-increase` bound allows.
    case payoutIncreaseExceeded = 4

    var exitCode: ExitCode { ExitCode(rawValue) }

    /// The table printed in `--help` and in the README.
    static let help = """
        Exit codes:
          0  success: policies valid, every input record decided
          1  a policy is invalid (with --strict, also when it has warnings)
          2  usage error; a file or folder cannot be read or holds no policies
          3  some input records could not be decided (see their error records)
          4  diff: payouts would grow by more than --max-increase allows
        """
}
