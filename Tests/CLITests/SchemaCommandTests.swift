import Foundation
import Testing

/// `referral-policy schema`: prints the committed schemas, byte for byte.
@Suite struct SchemaCommandTests {
    @Test(arguments: [([String](), "schema/policy.schema.json"), (["--tests"], "schema/policy-tests.schema.json")])
    func printsTheCommittedSchema(_ flags: [String], _ file: String) throws {
        let result = try CLI.run(["schema"] + flags)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty)
        let committed = try String(contentsOf: CLI.packageRoot.appendingPathComponent(file), encoding: .utf8)
        #expect(result.stdout == committed, "\(file) differs from `referral-policy schema \(flags.joined(separator: " "))`")
    }

    @Test func refusesAPath() throws {
        let result = try CLI.run(["schema", "policies/marketplace-v2.yaml"])
        #expect(result.status == 2, "\(result)")
    }
}
