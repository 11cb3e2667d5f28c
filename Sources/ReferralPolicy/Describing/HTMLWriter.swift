/// Renders a ``DescriptionDocument`` as one self-contained HTML page (no scripts, no external
/// files): a terms page that can be published or printed as it is.
enum HTMLWriter {
    static func render(_ document: DescriptionDocument) -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(document.title))</title>
            <style>
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; color: #1b1b1b; max-width: 46em; margin: 2em auto; padding: 0 1em; }
            h1 { font-size: 1.8em; margin-bottom: 0.3em; }
            h2 { font-size: 1.4em; margin-top: 2em; border-bottom: 1px solid #ccc; padding-bottom: 0.2em; }
            h3 { font-size: 1.15em; margin-top: 1.6em; }
            h4 { font-size: 1em; margin-top: 1.2em; }
            code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 0.9em; background: #f3f3f3; padding: 0 0.2em; border-radius: 3px; }
            .note { color: #555; border-left: 3px solid #ccc; margin: 0.5em 0; padding-left: 0.8em; }
            li .note { display: block; border: 0; padding: 0; margin: 0.2em 0 0; font-size: 0.95em; }
            @media print { body { margin: 0; max-width: none; } code { background: none; } }
            </style>
            </head>
            <body>

            """
        for block in document.blocks {
            switch block {
            case .heading(let level, let text):
                out += "<h\(level)>\(inline(text))</h\(level)>\n"
            case .paragraph(let text):
                out += "<p>\(inline(text))</p>\n"
            case .list(let items):
                write(items, depth: 0, into: &out)
            case .note(let text):
                out += "<p class=\"note\"><strong>Author's note:</strong> \(escape(text))</p>\n"
            }
        }
        out += "</body>\n</html>\n"
        return out
    }

    private static func write(_ items: [DescriptionDocument.Item], depth: Int, into out: inout String) {
        let pad = String(repeating: "  ", count: depth)
        out += pad + "<ul>\n"
        for item in items {
            out += pad + "  <li>" + inline(item.text)
            if let note = item.note { out += " <span class=\"note\"><em>Author's note:</em> \(escape(note))</span>" }
            if item.children.isEmpty {
                out += "</li>\n"
            } else {
                out += "\n"
                write(item.children, depth: depth + 2, into: &out)
                out += pad + "  </li>\n"
            }
        }
        out += pad + "</ul>\n"
    }

    static func inline(_ runs: [DescriptionDocument.Inline]) -> String {
        runs.map { run in
            switch run {
            case .text(let t): escape(t)
            case .strong(let t): "<strong>" + escape(t) + "</strong>"
            case .emphasis(let t): "<em>" + escape(t) + "</em>"
            case .code(let t): "<code>" + escape(t) + "</code>"
            }
        }.joined()
    }

    /// Text as element content: `&`, `<` and `>` escaped. (No text goes into an attribute, so
    /// quotes and apostrophes stay as they are.)
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(ch)
            }
        }
        return out
    }
}
