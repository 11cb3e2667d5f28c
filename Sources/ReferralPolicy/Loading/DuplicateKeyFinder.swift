/// Finds where a duplicated mapping key stands, given the first occurrence, and returns the
/// text with that duplicate renamed so parsing can continue past it.
///
/// Yams reports a duplicate at the first key; ReferralPolicy points at the second one,
/// the one a person has to delete.
struct DuplicateKeyFinder {
    let text: String
    let key: String
    let first: SourceLocation

    func find() -> (location: SourceLocation, marked: String)? {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard first.line >= 1, first.line <= lines.count else { return nil }
        let candidates = [key, "\"\(key)\"", "'\(key)'"]
        // Flow mapping: the duplicate on the same line after the first.
        let firstLine = Array(lines[first.line - 1].unicodeScalars)
        var col = first.column - 1 + key.unicodeScalars.count
        while col < firstLine.count {
            if let match = matchKey(firstLine, at: col, candidates: candidates), col > 0,
               [",", "{", " "].contains(firstLine[col - 1]) {
                return mark(&lines, line: first.line - 1, column: col, length: match)
            }
            col += 1
        }
        // Block mapping: the next line whose key starts at the same column.
        for index in first.line..<lines.count {
            let scalars = Array(lines[index].unicodeScalars)
            let indent = scalars.prefix { $0 == " " || $0 == "-" }.count
            let trimmed = scalars.dropFirst(indent)
            if trimmed.isEmpty || trimmed.first == "#" { continue }
            if indent < first.column - 1 { break }
            if indent == first.column - 1, let match = matchKey(scalars, at: indent, candidates: candidates) {
                return mark(&lines, line: index, column: indent, length: match)
            }
        }
        return nil
    }

    /// Length of the candidate key at `at`, when one stands there followed by `:`.
    private func matchKey(_ line: [Unicode.Scalar], at: Int, candidates: [String]) -> Int? {
        for candidate in candidates {
            let c = Array(candidate.unicodeScalars)
            guard at + c.count <= line.count, Array(line[at..<(at + c.count)]) == c else { continue }
            var j = at + c.count
            while j < line.count, line[j] == " " { j += 1 }
            if j < line.count, line[j] == ":" { return c.count }
        }
        return nil
    }

    private func mark(_ lines: inout [String], line: Int, column: Int, length: Int) -> (SourceLocation, String) {
        var scalars = Array(lines[line].unicodeScalars)
        let quoted = scalars[column] == "\"" || scalars[column] == "'"
        let insertAt = column + length - (quoted ? 1 : 0)
        scalars.insert(contentsOf: YAMLLoader.duplicateMarker.unicodeScalars, at: insertAt)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        lines[line] = String(view)
        return (SourceLocation(line: line + 1, column: column + 1), lines.joined(separator: "\n"))
    }
}
