internal import Yams

extension YAMLLoader {
    /// Converts Yams nodes, checking depth and total node count (aliases count every time
    /// they are used, so an alias bomb is stopped long before it is expanded), refusing tags,
    /// and reporting every key set twice in one mapping at the second.
    struct Converter {
        let limits: LoadLimits
        let file: String?
        let marks: InsertedMarks
        var diagnostics: [Diagnostic] = []
        var nodes = 0
        var stopped = false

        static let standardPrefix = "tag:yaml.org,2002:"
        static let standardNames = ["map", "seq", "str", "int", "float", "bool", "null", "timestamp", "merge"]

        /// Whether `tag` is one of YAML's standard tags (compared, not hashed: there is one per node).
        static func isStandard(_ tag: String) -> Bool {
            guard tag.hasPrefix(standardPrefix) else { return false }
            let name = tag.utf8.dropFirst(standardPrefix.utf8.count)
            return standardNames.contains { name.elementsEqual($0.utf8) }
        }

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
            let tag = node.tag.rawValue
            if !tag.isEmpty, !Self.isStandard(tag) {
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
