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
            let scalars = Array(text.unicodeScalars)
            var i = 0
            while i < scalars.count, scalars[i] == " " { i += 1 }
            indent = i
            isBlank = i == scalars.count || scalars[i] == "#"
            isItem = false
            while i + 1 < scalars.count, scalars[i] == "-", scalars[i + 1] == " " {
                isItem = true
                i += 2
                while i < scalars.count, scalars[i] == " " { i += 1 }
            }
            if i + 1 == scalars.count, scalars[i] == "-" { isItem = true }
            contentColumn = i + 1
            key = nil
            hasInlineValue = false
            var j = i
            while j < scalars.count {
                if scalars[j] == ":", j + 1 == scalars.count || scalars[j + 1] == " " {
                    let name = String(String.UnicodeScalarView(scalars[i..<j]))
                    if !name.isEmpty, !name.contains("#"), !name.hasPrefix("{"), !name.hasPrefix("[") {
                        key = Substring(name.trimmingSuffixSpaces)
                        var k = j + 1
                        while k < scalars.count, scalars[k] == " " { k += 1 }
                        hasInlineValue = k < scalars.count && scalars[k] != "#"
                    }
                    break
                }
                if scalars[j] == "\"" || scalars[j] == "'" || scalars[j] == "{" || scalars[j] == "[" { break }
                j += 1
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
        nil
    }
}

private extension String {
    var trimmingSuffixSpaces: String {
        var s = self
        while s.hasSuffix(" ") { s.removeLast() }
        return s
    }
}
