internal import Yams

/// Says what a YAML error from the parser means in policy terms, and where: libyaml reports
/// where it noticed the problem ("mapping values are not allowed in this context" at a colon);
/// a person needs the key that is out of place and how to place it ("indent `hold_days` to line
/// up with `to:` above it").
struct YAMLSyntaxExplainer {
    let source: String
    let error: YamlError

    /// One line of the file: its indentation, its first key (if it starts with `key:` or `- key:`).
    struct Line {
        var text: Substring
        var indent: Int
        /// Column (1-based) of the first character after the indentation and any `- `.
        var contentColumn: Int
        var isItem: Bool
        var key: Substring?
        /// True when the key has a value on the same line.
        var hasInlineValue: Bool
        var isBlank: Bool

        init(_ text: Substring) {
            self.text = text
            // Indentation, `- ` and keys are ASCII, so bytes and columns agree up to the key's end.
            let bytes = text.utf8
            var i = bytes.startIndex
            var n = 0
            while i != bytes.endIndex, bytes[i] == 32 { i = bytes.index(after: i); n += 1 }
            indent = n
            isBlank = i == bytes.endIndex || bytes[i] == 35
            isItem = false
            while i != bytes.endIndex, bytes[i] == 45 {
                let next = bytes.index(after: i)
                if next == bytes.endIndex { isItem = true; i = next; n += 1; break }
                guard bytes[next] == 32 else { break }
                isItem = true
                i = bytes.index(after: next); n += 2
                while i != bytes.endIndex, bytes[i] == 32 { i = bytes.index(after: i); n += 1 }
            }
            contentColumn = n + 1
            key = nil
            hasInlineValue = false
            var j = i
            while j != bytes.endIndex {
                let b = bytes[j]
                if b == 34 || b == 39 || b == 123 || b == 91 { break }  // quoted or flow: not read here
                let next = bytes.index(after: j)
                if b == 58, next == bytes.endIndex || bytes[next] == 32 {
                    var name = Substring(text[i..<j])
                    while name.hasSuffix(" ") { name = name.dropLast() }
                    if !name.isEmpty, !name.contains("#") {
                        key = name
                        var k = next
                        while k != bytes.endIndex, bytes[k] == 32 { k = bytes.index(after: k) }
                        hasInlineValue = k != bytes.endIndex && bytes[k] != 35
                    }
                    break
                }
                j = next
            }
        }
    }

    func diagnostic() -> (text: DiagnosticText, location: SourceLocation?) {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let location = SourceLocation(line: mark.line, column: mark.column)
            if problem.contains("Maximum nesting level") { return (DiagnosticText.nestsTooDeepForParser, location) }
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
            let lineText = mark.line >= 1 && mark.line <= lines.count ? lines[mark.line - 1] : ""
            if lineText.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                return (DiagnosticText.yamlSyntax(problem, help: DiagnosticText.tabIndentationHelp), location)
            }
            if problem.contains("quoted scalar") || context?.text.contains("quoted scalar") == true {
                // Point at the quote that never closes, not at the end of the file.
                return (DiagnosticText.unclosedQuote, context.map { SourceLocation(line: $0.mark.line, column: $0.mark.column) } ?? location)
            }
            if context?.text.contains("flow") == true {
                return (DiagnosticText.yamlSyntax(problem, help: DiagnosticText.unclosedBracketHelp(openedAtLine: context?.mark.line)), location)
            }
            if problem.contains("flow") || problem.contains("',' or ']'") || problem.contains("',' or '}'") {
                return (DiagnosticText.yamlSyntax(problem, help: "close the bracket or add the missing `,`"), location)
            }
            if let shaped = shape(problem: problem, context: context, mark: mark, lines: lines) { return shaped }
            return (DiagnosticText.yamlSyntax(problem), location)
        case .composer(_, let problem, let mark, _):
            let location = SourceLocation(line: mark.line, column: mark.column)
            if problem.contains("another document") { return (DiagnosticText.multipleDocuments, location) }
            return (DiagnosticText.yamlSyntax(problem), location)
        case .reader(let problem, _, _, _):
            return (DiagnosticText.unreadableText(problem), nil)
        default:
            return (DiagnosticText.parserFailure, nil)
        }
    }

    /// Indentation and list-marker mistakes, in policy terms, at the key that is out of place.
    private func shape(problem: String, context: YamlError.Context?, mark: Mark,
                       lines: [Substring]) -> (text: DiagnosticText, location: SourceLocation?)? {
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let here = Line(lines[mark.line - 1])
        /// The nearest line above `line` (1-based) that is not blank or a comment.
        func above(_ line: Int) -> (number: Int, line: Line)? {
            var n = line - 1
            while n >= 1 {
                let candidate = Line(lines[n - 1])
                if !candidate.isBlank { return (n, candidate) }
                n -= 1
            }
            return nil
        }
        if problem.contains("mapping values are not allowed") {
            // `description: Note: paid monthly`: the value holds `: `.
            if let key = here.key, here.contentColumn + key.unicodeScalars.count < mark.column - 1 {
                let valueColumn = here.contentColumn + key.unicodeScalars.count + 2
                return (DiagnosticText.colonInValue(String(key)), SourceLocation(line: mark.line, column: valueColumn))
            }
            // A key indented further than the key above it, whose value is on its own line: YAML
            // reads the two lines as one text.
            if let key = here.key, let previous = above(mark.line), let previousKey = previous.line.key,
               previous.line.hasInlineValue, here.contentColumn > previous.line.contentColumn {
                return (DiagnosticText.keyIndentedTooFar(String(key), above: String(previousKey)),
                        SourceLocation(line: mark.line, column: here.contentColumn))
            }
            return nil
        }
        if problem.contains("could not find expected ':'"), let context {
            let line = context.mark.line
            guard line >= 1, line <= lines.count else { return nil }
            let start = Line(lines[line - 1])
            let content = lines[line - 1].dropFirst(start.contentColumn - 1)
            if let colon = content.firstIndex(of: ":"), content[content.index(after: colon)...].first != " " {
                let fixed = content[..<colon] + ": " + content[content.index(after: colon)...]
                return (DiagnosticText.noSpaceAfterColon(String(content), fixed: String(fixed)),
                        SourceLocation(line: line, column: start.contentColumn))
            }
            return (DiagnosticText.notKeyValue(String(content)), SourceLocation(line: line, column: start.contentColumn))
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
            guard let previous = above(mark.line) else { return nil }
            if here.isItem {
                // A `- ` item lined up with no list above it: find the nearest item above.
                var n = mark.line - 1
                while n >= 1 {
                    let candidate = Line(lines[n - 1])
                    if candidate.isItem, candidate.indent != here.indent, abs(candidate.indent - here.indent) <= 2 {
                        return (DiagnosticText.itemMisaligned(line: n, column: candidate.indent + 1),
                                SourceLocation(line: mark.line, column: here.indent + 1))
                    }
                    if !candidate.isBlank, candidate.indent < min(here.indent, candidate.indent + 1) - 2 { break }
                    n -= 1
                }
                return nil
            }
            guard let key = here.key else { return nil }
            // Indented less than the key above: its siblings are the nearest keys at the smallest
            // column still right of it, below the key it is indented under (its parent).
            if here.contentColumn < previous.line.contentColumn {
                var n = mark.line - 1
                var sibling: (column: Int, key: Substring)? = nil
                while n >= 1 {
                    let candidate = Line(lines[n - 1])
                    n -= 1
                    guard !candidate.isBlank, let candidateKey = candidate.key else { continue }
                    if candidate.contentColumn <= here.contentColumn { break }
                    if sibling == nil || candidate.contentColumn < sibling!.column { sibling = (candidate.contentColumn, candidateKey) }
                }
                if let sibling {
                    return (DiagnosticText.keyIndentedTooLittle(String(key), sibling: String(sibling.key)),
                            SourceLocation(line: mark.line, column: here.contentColumn))
                }
                return nil
            }
            let siblingColumn = previous.line.key != nil ? previous.line.contentColumn : previous.line.indent + 1
            if here.contentColumn > siblingColumn, let sibling = previous.line.key {
                return (DiagnosticText.keyIndentedTooFar(String(key), above: String(sibling)),
                        SourceLocation(line: mark.line, column: here.contentColumn))
            }
            return nil
        }
        return nil
    }
}

