/// A plain-English description as a document: headings, paragraphs, nested lists and the
/// author's notes, with a little inline markup. ``PolicyDescriber`` builds it from the rules;
/// ``MarkdownWriter`` and ``HTMLWriter`` render it.
struct DescriptionDocument: Sendable, Equatable {
    /// A run of text: plain, strong, emphasised, or a name from the policy (`first_earnings`).
    enum Inline: Sendable, Equatable {
        case text(String)
        case strong(String)
        case emphasis(String)
        case code(String)
    }

    struct Item: Sendable, Equatable {
        var text: [Inline]
        var children: [Item] = []
        /// What the policy's author wrote about this rule, shown as context after it.
        var note: String? = nil
    }

    enum Block: Sendable, Equatable {
        case heading(level: Int, [Inline])
        case paragraph([Inline])
        case list([Item])
        /// What the policy's author wrote (a `description`), marked as such: context, not a rule.
        case note(String)
    }

    var title: String
    var blocks: [Block] = []
}

/// Builds inline runs: `"the referrer gets " + .strong("$25.00")`.
extension Array where Element == DescriptionDocument.Inline {
    static func + (lhs: Self, rhs: String) -> Self { lhs + [.text(rhs)] }
    static func + (lhs: String, rhs: Self) -> Self { [.text(lhs)] + rhs }
}
