internal import Yams

/// Turns policy text into a ``YNode`` tree, collecting diagnostics instead of stopping at the
/// first: a duplicate key is reported where the duplicate stands and parsing goes on.
/// Guards the parser with the ``LoadLimits`` (size, line length, nesting, alias expansion).
struct YAMLLoader {
    let text: String
    let limits: LoadLimits
    let file: String?

    /// Start of the mark given to a key Yams reports as duplicated, so the parser can carry on
    /// past it (the ``Converter`` takes it off again and reports the duplicate itself).
    static let duplicateMarker = "\u{2063}"

    func load() -> (root: YNode?, diagnostics: [Diagnostic]) {
        let screened = TextScreen(text: text, limits: limits, file: file).scan()
        if let problem = screened.problem { return (nil, [problem]) }
        // A byte-order mark is no part of the text (and counts no column).
        var source = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        var marks = InsertedMarks()
        // Yams stops at a mapping that holds one key twice, naming the first. Mark that first key
        // (so the two differ) and parse again; the converter reports the second, where it stands.
        // Each pass parses the whole text again: at most `maxDiagnostics` passes and 4 MiB parsed.
        // (A pass marks every key of a block mapping that is set more than once, so one or two
        // passes are the rule; flow mappings take one pass per duplicate.)
        let passes = min(limits.maxDiagnostics, max(1, (4 << 20) / max(1, text.utf8.count)))
        for pass in 0...passes {
            do {
                // Keys are compared as text (the policy reads every scalar as text): no tag resolution,
                // which would cost a regular-expression match per key.
                let parser = try Parser(yaml: source, resolver: .basic)
                guard let root = try parser.singleRoot() else {
                    return (nil, [DiagnosticText.emptyPolicy.at(SourceLocation(line: 1, column: 1), file: file)])
                }
                var converter = Converter(limits: limits, file: file, marks: marks, aliases: screened.aliases)
                let converted = converter.convert(root, depth: 1)
                return (converted, converter.diagnostics)
            } catch let error as YamlError {
                if case .duplicatedKeysInMapping(_, let context) = error {
                    if pass < passes, let marked = marks.markBlockMapping(source, line: context.mark.line, column: context.mark.column, pass: pass)
                        ?? marks.mark(&source, line: context.mark.line, column: context.mark.column, pass: pass) {
                        source = marked
                        continue
                    }
                    return (nil, [DiagnosticText.tooManyDuplicateKeys(limit: pass)
                        .at(marks.original(SourceLocation(line: context.mark.line, column: context.mark.column)), file: file)])
                }
                let problem = YAMLSyntaxExplainer(source: source, error: error).diagnostic()
                return (nil, [problem.text.at(problem.location.map(marks.original), file: file)])
            } catch {
                return (nil, [DiagnosticText.parserFailure.at(nil, file: file)])
            }
        }
        return (nil, [])
    }

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
            guard let inserted = byLine[location.line] else { return location }
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

    /// Converts Yams nodes, checking depth and total node count (aliases count every time
    /// they are used, so an alias bomb is stopped long before it is expanded), refusing tags,
    /// and reporting every key set twice in one mapping at the second.
    private struct Converter {
        let limits: LoadLimits
        let file: String?
        let marks: InsertedMarks
        var diagnostics: [Diagnostic] = []
        var nodes = 0
        var stopped = false

        static let standardTags: Set<String> = Set(["map", "seq", "str", "int", "float", "bool", "null", "timestamp", "merge"].map { "tag:yaml.org,2002:" + $0 })

        /// Where the aliases stand (from the text screen), and how many have been met: a node
        /// met before the furthest place reached so far is an alias's copy of an anchored node,
        /// so the limit on nodes is reported at the alias that crossed it.
        let aliases: [SourceLocation]
        var aliasesMet = 0
        var frontier = SourceLocation(line: 0, column: 0)
        var inAlias = false

        init(limits: LoadLimits, file: String?, marks: InsertedMarks, aliases: [SourceLocation]) {
            self.limits = limits
            self.file = file
            self.marks = marks
            self.aliases = aliases
        }

        /// Notes a node at `mark`; true when it starts an alias's copy (an earlier place than reached).
        private mutating func enter(_ mark: SourceLocation) -> Bool {
            if !inAlias, mark < frontier {
                aliasesMet += 1
                inAlias = true
                return true
            }
            if !inAlias, frontier < mark { frontier = mark }
            return false
        }

        /// The alias being copied, when there is one.
        private var aliasPlace: SourceLocation? {
            inAlias && aliasesMet >= 1 && aliasesMet <= aliases.count ? aliases[aliasesMet - 1] : nil
        }

        mutating func convert(_ node: Node, depth: Int) -> YNode? {
            if stopped { return nil }
            nodes += 1
            let mark = marks.original(node.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1))
            let enteredAlias = enter(mark)
            defer { if enteredAlias { inAlias = false } }
            if nodes > limits.maxNodes {
                stop(DiagnosticText.tooManyNodes(limit: limits.maxNodes), aliasPlace ?? mark)
                return nil
            }
            if depth > limits.maxDepth {
                stop(DiagnosticText.nestsTooDeep(limit: limits.maxDepth, flow: false), mark)
                return nil
            }
            // Yams gives untagged mappings and lists their standard tags; any other tag was written
            // (the text screen refuses most tags before; this catches the rest, `%TAG` ones included).
            if !node.tag.rawValue.isEmpty, !Self.standardTags.contains(node.tag.rawValue) {
                report(DiagnosticText.tag, mark)
            }
            switch node {
            case .scalar(let scalar):
                let quoted = scalar.style != .plain && scalar.style != .any
                return YNode(kind: .scalar(scalar.string, quoted: quoted), location: mark)
            case .sequence(let sequence):
                var items: [YNode] = []
                for item in sequence {
                    if case .mapping(let mapping) = item {
                        // An item of a list: a key set twice in it may be the next item, written without its `- `.
                        let itemMark = marks.original(item.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? mark)
                        nodes += 1
                        let enteredAlias = enter(itemMark)
                        defer { if enteredAlias { inAlias = false } }
                        if nodes > limits.maxNodes {
                            stop(DiagnosticText.tooManyNodes(limit: limits.maxNodes), aliasPlace ?? itemMark)
                            return nil
                        }
                        guard let converted = convertMapping(mapping, mark: itemMark, depth: depth + 1, item: true) else { return nil }
                        items.append(contentsOf: converted)
                        continue
                    }
                    guard let converted = convert(item, depth: depth + 1) else { return nil }
                    items.append(converted)
                }
                return YNode(kind: .sequence(items), location: mark)
            case .mapping(let mapping):
                return convertMapping(mapping, mark: mark, depth: depth, item: false)?.first
            default:
                report(DiagnosticText.unsupportedNode, mark)
                return nil
            }
        }

        /// A mapping's pairs, each key once. In a list item (`item`), the item's first key set again
        /// at the same column starts the next item, whose `- ` is missing: the item is split
        /// there, so the rules after it are read as written and nothing else is reported about it.
        mutating func convertMapping(_ mapping: Node.Mapping, mark: SourceLocation, depth: Int, item: Bool) -> [YNode]? {
            if depth > limits.maxDepth {
                stop(DiagnosticText.nestsTooDeep(limit: limits.maxDepth, flow: false), mark)
                return nil
            }
            var groups: [(location: SourceLocation, pairs: [(key: YNode, value: YNode)])] = [(mark, [])]
            var seen: [String: SourceLocation] = [:]
            for (key, value) in mapping {
                guard var k = convert(key, depth: depth + 1) else { return nil }
                if case .scalar(let text, let quoted) = k.kind {
                    let name = InsertedMarks.unmarked(text)
                    k.kind = .scalar(name, quoted: quoted)
                    if name == "<<", !quoted {
                        report(DiagnosticText.mergeKey, k.location)
                        _ = convert(value, depth: depth + 1)  // counted all the same
                        continue
                    }
                    if let first = seen[name] {
                        let start = groups[groups.count - 1]
                        // Only when the key set again is the item's first: `- id: a … id: b` is two items.
                        if item, let firstKey = start.pairs.first?.key.location, firstKey.column == k.location.column,
                           start.pairs.first?.key.scalar == name {
                            report(DiagnosticText.itemWithoutDash(name, itemLine: firstKey.line, column: max(1, firstKey.column - 2)), k.location)
                            groups.append((k.location, []))
                            seen = [:]
                        } else {
                            report(DiagnosticText.duplicateKey(name, firstLine: first.line), k.location)
                            _ = convert(value, depth: depth + 1)
                            continue
                        }
                    }
                    seen[name] = k.location
                }
                guard let v = convert(value, depth: depth + 1) else { return nil }
                groups[groups.count - 1].pairs.append((k, v))
            }
            return groups.map { YNode(kind: .mapping($0.pairs), location: $0.location) }
        }

        private mutating func report(_ text: DiagnosticText, _ location: SourceLocation) {
            diagnostics.append(text.at(location, file: file))
        }

        private mutating func stop(_ text: DiagnosticText, _ location: SourceLocation) {
            report(text, location)
            stopped = true
        }
    }
}
