/// Names one policy version: program id, version, and a content hash of its text.
public struct PolicyIdentity: Sendable, Hashable {
    public var program: String
    public var version: String
    /// `sha256:` and the hex digest of the policy file's bytes.
    public var contentHash: String

    package init(program: String, version: String, contentHash: String) {
        self.program = program
        self.version = version
        self.contentHash = contentHash
    }
}
