extension SourceLocation {
    /// The line this location is on and a caret under its column, as two lines (the way Yams'
    /// `Mark.snippet(from:)` shows a YAML position); nil when the line is not in the text.
    ///
    /// Control characters in the line are shown escaped (`\u{1B}`), and the caret moves past
    /// each escape by its width; tabs before the column are kept, so the caret lines up
    /// however wide the terminal shows them. A line longer than 160 bytes is cut to the part
    /// around the column, with `…` where text was left out.
    package func snippet(in source: SourceText) -> String? {
        snippetParts(in: source).map { $0.line + "\n" + $0.caret }
    }

    /// Lines up to this many UTF-8 bytes are quoted whole.
    static let snippetWidth = 160
    /// In a longer line, how many characters before the column are shown.
    static let snippetContext = 60

    /// The quoted line (escaped) and the caret line under it. The work is bounded by the
    /// column and the snippet's width, not by the length of the line.
    func snippetParts(in source: SourceText) -> (line: String, caret: String)? {
        guard let raw = source.line(line) else { return nil }
        let target = max(column, 1) - 1  // scalars before the caret
        let scalars = raw.unicodeScalars
        var index = scalars.startIndex
        var shown = ""
        var caret = ""
        var first = 0  // the first scalar shown
        var last = Int.max  // one past the last scalar shown
        if raw.utf8.count > Self.snippetWidth {
            first = max(0, target - Self.snippetContext)
            last = first + Self.snippetWidth - (first > 0 ? 1 : 0)
            var skipped = 0
            while skipped < first, index < scalars.endIndex {
                scalars.formIndex(after: &index)
                skipped += 1
            }
            if first > 0 {
                shown += "…"
                caret += " "
            }
        }
        var position = first
        while index < scalars.endIndex, position < last {
            let scalar = scalars[index]
            let text = TerminalText.needsEscape(scalar) ? TerminalText.escape(scalar) : String(scalar)
            shown += text
            if position < target { caret += scalar == "\t" ? "\t" : String(repeating: " ", count: text.count) }
            scalars.formIndex(after: &index)
            position += 1
        }
        if index < scalars.endIndex { shown += "…" }
        if position < target { caret += String(repeating: " ", count: target - position) }
        return (shown, caret + "^")
    }
}
