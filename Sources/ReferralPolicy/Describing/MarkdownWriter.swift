/// Renders a ``DescriptionDocument`` as Markdown (CommonMark): `#` headings, `-` lists
/// indented by two spaces per level, author's notes as block quotes.
enum MarkdownWriter {
    static func render(_ document: DescriptionDocument) -> String {
        var out: [String] = []
        for block in document.blocks {
            switch block {
            case .heading(let level, let text):
                out.append(String(repeating: "#", count: level) + " " + inline(text))
            case .paragraph(let text):
                out.append(wrap(inline(text)))
            case .list(let items):
                var lines: [String] = []
                for item in items { write(item, depth: 0, into: &lines) }
                out.append(lines.joined(separator: "\n"))
            case .note(let text):
                out.append("> **Author's note:** " + escape(text))
            }
        }
        return out.joined(separator: "\n\n") + "\n"
    }

    private static func write(_ item: DescriptionDocument.Item, depth: Int, into lines: inout [String]) {
        let pad = String(repeating: "  ", count: depth)
        lines.append(pad + "- " + inline(item.text))
        if let note = item.note { lines.append(pad + "  *Author's note: " + escape(note) + "*") }
        for child in item.children { write(child, depth: depth + 1, into: &lines) }
    }

    static func inline(_ runs: [DescriptionDocument.Inline]) -> String {
        runs.map { run in
            switch run {
            case .text(let t): escape(t)
            case .strong(let t): "**" + escape(t) + "**"
            case .emphasis(let t): "*" + escape(t) + "*"
            case .code(let t): t.contains("`") ? "`` " + t + " ``" : "`" + t + "`"
            }
        }.joined()
    }

    /// Backslashes the characters Markdown would read as markup in plain text.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            if "\\`*_[]<>#|".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    /// Paragraphs stay on one line: Markdown joins wrapped lines anyway, and diffs of a
    /// generated text are easier to read sentence by sentence.
    private static func wrap(_ text: String) -> String { text }
}
