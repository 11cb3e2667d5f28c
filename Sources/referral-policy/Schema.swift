import ArgumentParser
import ReferralPolicy

/// `referral-policy schema [--tests]`: prints the JSON Schema of the policy language (or of
/// policy test files), for editors.
struct Schema: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema of policy files (or, with --tests, of policy test files).",
        discussion: """
            The schema (JSON Schema draft 2020-12) gives an editor every key with its meaning, \
            the values each takes and the keys each place requires. Save it beside your \
            policies and point the first line of a policy at it:

              # yaml-language-server: $schema=../schema/policy.schema.json

            The repository keeps both schemas in schema/: policy.schema.json and \
            policy-tests.schema.json. `referral-policy validate` remains the full check.
            """)

    @Flag(help: "The schema of policy test files (*.tests.yaml) instead of policy files.")
    var tests = false

    mutating func run() throws {
        print(PolicySchema.json(tests ? .tests : .policy), terminator: "")
    }
}
