/// A policy program in plain English, for the people who run, support and sign off on it:
/// who can earn, what the referred person must do and by when, what is paid to whom and when,
/// tiers, caps, reversal, and each version's effective period. The sentences come from the
/// rules themselves; descriptions the author wrote are added as context, marked as notes.
///
/// ```swift
/// let loaded = PolicySet.load(paths: ["policies/"])
/// if let set = loaded.set { print(PolicyDescription(set).markdown) }
/// ```
public struct PolicyDescription: Sendable {
    let document: DescriptionDocument

    /// Every version of a program, in the order they take effect.
    public init(_ set: PolicySet) {
        document = PolicyDescriber(policies: set.policies).document()
    }

    /// One version.
    public init(_ policy: Policy) {
        document = PolicyDescriber(policies: [policy]).document()
    }

    /// Markdown (CommonMark), ending with a newline.
    public var markdown: String { MarkdownWriter.render(document) }

    /// One self-contained HTML page (inline style, no scripts): a terms page.
    public var html: String { HTMLWriter.render(document) }
}
