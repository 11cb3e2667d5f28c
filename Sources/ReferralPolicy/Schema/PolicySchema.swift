/// JSON Schemas (draft 2020-12) of the policy language and of policy test files, for editors:
/// with the `# yaml-language-server: $schema=...` line at the top of a file, an editor that
/// speaks the YAML language server (VS Code with Red Hat's YAML extension) completes keys,
/// shows each key's meaning and flags unknown keys, wrong values and missing keys as you type.
///
/// Generated from ``PolicyLanguage`` and ``TestFileLanguage``, the language described key by
/// key, so the schema follows the language. The checker (`referral-policy validate`) remains
/// the authority: it also checks what a schema cannot, such as references between rules and
/// the decimals a currency allows.
public enum PolicySchema {
    /// Which file the schema describes.
    public enum Document: String, Sendable, CaseIterable {
        /// A policy file: one version of one program.
        case policy
        /// A policy test file (`*.tests.yaml`).
        case tests
    }

    /// The schema as pretty JSON, with a final newline.
    public static func json(_ document: Document) -> String {
        schema(document).pretty
    }

    static let draft = "https://json-schema.org/draft/2020-12/schema"

    static func schema(_ document: Document) -> JSONValue {
        let (title, top, definitions): (String, ObjectShape, [(String, ValueShape)]) = switch document {
        case .policy: ("ReferralPolicy policy", PolicyLanguage.top, PolicyLanguage.definitions)
        case .tests: ("ReferralPolicy policy test file", TestFileLanguage.top, TestFileLanguage.definitions)
        }
        var pairs: [(String, JSONValue)] = [("$schema", .string(draft)), ("title", .string(title))]
        if let description = top.description { pairs.append(("description", .string(description))) }
        pairs += top.schemaBody(nullable: false)
        let defs = ValueShape.commonDefinitions + definitions.map { ($0.0, $0.1.schema()) }
        pairs.append(("$defs", .object(defs)))
        return .object(pairs)
    }
}
