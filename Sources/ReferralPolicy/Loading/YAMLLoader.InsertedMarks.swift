extension YAMLLoader {
    /// Marks put into the text in front of duplicated keys, and how to move a place in the
    /// marked text back to the place in the file.
    struct InsertedMarks {
        /// Per line, the columns (in the marked text) where marks were put, and their lengths.
        var byLine: [Int: [(column: Int, length: Int)]] = [:]

        /// The text with a mark in front of the key at `line`:`column`, or nil when that place is
        /// not in the text.
        mutating func mark(_ text: inout String, line: Int, column: Int, pass: Int) -> String? {
            var scalars = Array(text.unicodeScalars)
            // Find the line's start (one pass; marks are few, each pass parses the whole text anyway).
            var index = 0, current = 1
            while current < line, index < scalars.count {
                if scalars[index] == "\n" { current += 1 }
                index += 1
            }
            guard current == line else { return nil }
            var at = index + column - 1
            guard at < scalars.count else { return nil }
            if scalars[at] == "\"" || scalars[at] == "'" { at += 1 }
            let mark = "\(YAMLLoader.duplicateMarker)\(pass)\(YAMLLoader.duplicateMarker)"
            let length = mark.unicodeScalars.count
            scalars.insert(contentsOf: mark.unicodeScalars, at: at)
            let insertColumn = at - index + 1
            var shifted = (byLine[line] ?? []).map { $0.column >= insertColumn ? ($0.column + length, $0.length) : $0 }
            shifted.append((insertColumn, length))
            byLine[line] = shifted
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars)
            return String(view)
        }

        /// The text with a mark in front of every key of the block mapping around `line`:`column`
        /// that is set more than once there (found by their column, in one pass over the lines),
        /// or nil when that mapping is not a block mapping with such keys.
        mutating func markBlockMapping(_ text: String, line: Int, column: Int, pass: Int) -> String? {
            var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard line >= 1, line <= lines.count, column >= 1 else { return nil }
            typealias Shape = YAMLSyntaxExplainer.Line
            let first = Shape(Substring(lines[line - 1]))
            guard first.contentColumn == column, first.key != nil else { return nil }
            // The mapping's lines: up to the `- ` that starts it, or a line indented less.
            func inMapping(_ l: Shape) -> Bool { l.isBlank || l.indent >= column - 1 || (l.isItem && l.contentColumn == column) }
            var start = line
            while start > 1, !first.isItem {
                let above = Shape(Substring(lines[start - 2]))
                guard inMapping(above) else { break }
                start -= 1
                if above.isItem, above.contentColumn == column { break }
                if above.isItem, above.contentColumn < column { start += 1; break }
            }
            var end = line
            while end < lines.count {
                let below = Shape(Substring(lines[end]))
                guard below.isBlank || below.indent >= column - 1, !(below.isItem && below.indent < column - 1) else { break }
                if below.isItem, below.indent == column - 1, below.contentColumn != column { break }
                end += 1
            }
            var byKey: [String: [Int]] = [:]
            for n in start...end {
                let shape = Shape(Substring(lines[n - 1]))
                guard !shape.isBlank, shape.contentColumn == column, var key = shape.key.map(String.init) else { continue }
                if key.count >= 2, let q = key.first, q == "\"" || q == "'", key.last == q { key = String(key.dropFirst().dropLast()) }
                byKey[key, default: []].append(n)
            }
            let twice = byKey.values.filter { $0.count > 1 }.flatMap { $0 }.sorted()
            guard !twice.isEmpty else { return nil }
            for (index, n) in twice.enumerated() {
                var scalars = Array(lines[n - 1].unicodeScalars)
                var at = column - 1
                if at < scalars.count, scalars[at] == "\"" || scalars[at] == "'" { at += 1 }
                let mark = "\(YAMLLoader.duplicateMarker)\(pass)_\(index)\(YAMLLoader.duplicateMarker)"
                scalars.insert(contentsOf: mark.unicodeScalars, at: at)
                var view = String.UnicodeScalarView()
                view.append(contentsOf: scalars)
                lines[n - 1] = String(view)
                let length = mark.unicodeScalars.count
                var shifted = (byLine[n] ?? []).map { $0.column >= at + 1 ? ($0.column + length, $0.length) : $0 }
                shifted.append((at + 1, length))
                byLine[n] = shifted
            }
            return lines.joined(separator: "\n")
        }

        /// A place in the marked text as a place in the file.
        func original(_ location: SourceLocation) -> SourceLocation {
            guard !byLine.isEmpty, let inserted = byLine[location.line] else { return location }  // no marks: no lookup
            let before = inserted.filter { $0.column < location.column }.reduce(0) { $0 + $1.length }
            return SourceLocation(line: location.line, column: location.column - before)
        }

        /// A key's text without its mark.
        static func unmarked(_ key: String) -> String {
            guard key.unicodeScalars.first == YAMLLoader.duplicateMarker.unicodeScalars.first else { return key }
            let rest = key.unicodeScalars.dropFirst()
            guard let end = rest.firstIndex(of: YAMLLoader.duplicateMarker.unicodeScalars.first!) else { return key }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: rest[rest.index(after: end)...])
            return String(view)
        }
    }
}
