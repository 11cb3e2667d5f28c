/// Names one policy version: program id, version, and a content hash of its text.
public struct PolicyIdentity: Sendable, Hashable {
    /// The three texts, in one object every decision of the version shares: a decision value
    /// copies and frees one reference for its policy, not one for each text (the program id and
    /// the hash are longer than a string keeps inline). Changing one of them makes new texts.
    private var texts: Texts

    public var program: String {
        get { texts.program }
        set { texts = Texts(program: newValue, version: texts.version, contentHash: texts.contentHash) }
    }

    public var version: String {
        get { texts.version }
        set { texts = Texts(program: texts.program, version: newValue, contentHash: texts.contentHash) }
    }

    /// `sha256:` and the hex digest of the policy file's bytes.
    public var contentHash: String {
        get { texts.contentHash }
        set { texts = Texts(program: texts.program, version: texts.version, contentHash: newValue) }
    }

    package init(program: String, version: String, contentHash: String) {
        texts = Texts(program: program, version: version, contentHash: contentHash)
    }

    public static func == (a: PolicyIdentity, b: PolicyIdentity) -> Bool {
        a.texts === b.texts
            || (a.program == b.program && a.version == b.version && a.contentHash == b.contentHash)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(program)
        hasher.combine(version)
        hasher.combine(contentHash)
    }

    private final class Texts: Sendable {
        let program: String
        let version: String
        let contentHash: String

        init(program: String, version: String, contentHash: String) {
            self.program = program
            self.version = version
            self.contentHash = contentHash
        }
    }
}
