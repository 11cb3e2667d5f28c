internal import Yams

/// Turns policy text into a ``YNode`` tree, collecting diagnostics instead of stopping at the
/// first: a duplicate key is reported where the duplicate stands and parsing goes on.
/// Guards the parser with the ``LoadLimits`` (size, line length, nesting, alias expansion).
struct YAMLLoader {
    let text: String
    let limits: LoadLimits
    let file: String?

    /// Suffix given to a duplicate key's text so the parser can carry on past it.
    static let duplicateMarker = "\u{2063}duplicate"

    func load() -> (root: YNode?, diagnostics: [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        if let problem = TextScreen(text: text, limits: limits, file: file).firstProblem() {
            return (nil, [problem])
        }
        var source = text
        // A duplicate key stops Yams; mark it, report it, and parse again (bounded).
        for _ in 0..<64 {
            do {
                let parser = try Parser(yaml: source)
                guard let root = try parser.singleRoot() else {
                    return (nil, diagnostics + [diag(.emptyPolicy, "the policy file is empty", nil,
                                                     help: "a policy starts with `program:`, `version:` and `referral_types:`")])
                }
                var converter = Converter(limits: limits, file: file)
                let converted = converter.convert(root, depth: 1)
                return (converted, diagnostics + converter.diagnostics)
            } catch let error as YamlError {
                if case .duplicatedKeysInMapping(let keys, let context) = error,
                   let key = keys.sorted().first,
                   let found = DuplicateKeyFinder(text: source, key: key,
                                                  first: SourceLocation(line: context.mark.line, column: context.mark.column)).find() {
                    diagnostics.append(diag(.duplicateKey, "duplicate key `\(key)`", found.location,
                                            help: "`\(key)` is already set at line \(context.mark.line); remove one of them"))
                    source = found.marked
                    continue
                }
                return (nil, diagnostics + [syntaxDiagnostic(error, source: source)])
            } catch {
                return (nil, diagnostics + [diag(.yamlSyntax, "the policy is not valid YAML: \(error)", nil)])
            }
        }
        return (nil, diagnostics)
    }

    private func diag(_ code: DiagnosticCode, _ message: String, _ location: SourceLocation?, help: String? = nil) -> Diagnostic {
        Diagnostic(code: code, message: message, location: location, help: help, file: file)
    }

    private func syntaxDiagnostic(_ error: YamlError, source: String) -> Diagnostic {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _):
            let location = SourceLocation(line: mark.line, column: mark.column)
            if problem.contains("Maximum nesting level") {
                return diag(.limitExceeded, "the policy nests deeper than the YAML parser allows", location,
                            help: "a policy needs only a few levels; check the indentation and `- ` markers")
            }
            let opened = context.map { " that opens at line \($0.mark.line)" } ?? ""
            let line = source.split(separator: "\n", omittingEmptySubsequences: false)
            let lineText = mark.line - 1 < line.count && mark.line >= 1 ? line[mark.line - 1] : ""
            var help: String? = nil
            if lineText.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") {
                help = "indent with spaces; YAML does not allow tabs for indentation"
            } else if problem.contains("quoted scalar") || context?.text.contains("quoted scalar") == true {
                // Point at the quote that never closes, not at the end of the file.
                let start = context.map { SourceLocation(line: $0.mark.line, column: $0.mark.column) } ?? location
                return diag(.yamlSyntax, "invalid YAML: this quoted text is never closed", start,
                            help: "add the closing quote, or remove the opening one")
            } else if context?.text.contains("flow") == true {
                help = "close the bracket\(opened), or add the missing `,`"
            } else if problem.contains("flow") || problem.contains("',' or ']'") || problem.contains("',' or '}'") {
                help = "close the bracket or add the missing `,`"
            }
            return diag(.yamlSyntax, "invalid YAML: \(problem)", location, help: help)
        case .composer(_, let problem, let mark, _):
            if problem.contains("another document") {
                return diag(.multipleDocuments, "a policy file holds one YAML document, found a second",
                            SourceLocation(line: mark.line, column: mark.column),
                            help: "remove the `---` or put each version in its own file")
            }
            return diag(.yamlSyntax, "invalid YAML: \(problem)", SourceLocation(line: mark.line, column: mark.column))
        case .reader(let problem, _, _, _):
            return diag(.invalidText, "the file cannot be read as text: \(problem)", nil,
                        help: "save the policy as UTF-8 text")
        default:
            return diag(.yamlSyntax, "invalid YAML: \(error)", nil)
        }
    }

    /// Converts Yams nodes, checking depth and total node count (aliases count every time
    /// they are used, so an alias bomb is stopped long before it is expanded).
    private struct Converter {
        let limits: LoadLimits
        let file: String?
        var diagnostics: [Diagnostic] = []
        var nodes = 0
        var stopped = false

        init(limits: LoadLimits, file: String?) {
            self.limits = limits
            self.file = file
        }

        mutating func convert(_ node: Node, depth: Int) -> YNode? {
            if stopped { return nil }
            nodes += 1
            let mark = node.mark.map { SourceLocation(line: $0.line, column: $0.column) } ?? SourceLocation(line: 1, column: 1)
            if nodes > limits.maxNodes {
                stop(.limitExceeded, "the policy expands to more than \(limits.maxNodes) YAML nodes", mark,
                     help: "YAML aliases (`*name`) count each time they are used; write the policy without nested aliases")
                return nil
            }
            if depth > limits.maxDepth {
                stop(.limitExceeded, "the policy nests deeper than \(limits.maxDepth) levels", mark,
                     help: "a policy needs only a few levels; check the indentation")
                return nil
            }
            switch node {
            case .scalar(let scalar):
                let quoted = scalar.style != .plain && scalar.style != .any
                return YNode(kind: .scalar(scalar.string, quoted: quoted), location: mark)
            case .sequence(let sequence):
                var items: [YNode] = []
                for item in sequence {
                    guard let converted = convert(item, depth: depth + 1) else { return nil }
                    items.append(converted)
                }
                return YNode(kind: .sequence(items), location: mark)
            case .mapping(let mapping):
                var pairs: [(key: YNode, value: YNode)] = []
                for (key, value) in mapping {
                    guard let k = convert(key, depth: depth + 1) else { return nil }
                    if k.scalar == "<<", case .scalar(_, false) = k.kind {
                        report(.unsupportedYAML, "merge keys (`<<`) are not supported", k.location,
                               help: "write the keys out; a reviewer should see every rule where it applies")
                        continue
                    }
                    guard let v = convert(value, depth: depth + 1) else { return nil }
                    pairs.append((k, v))
                }
                return YNode(kind: .mapping(pairs), location: mark)
            default:
                report(.unsupportedYAML, "unsupported YAML node", mark)
                return nil
            }
        }

        private mutating func report(_ code: DiagnosticCode, _ message: String, _ location: SourceLocation, help: String? = nil) {
            diagnostics.append(Diagnostic(code: code, message: message, location: location, help: help, file: file))
        }

        private mutating func stop(_ code: DiagnosticCode, _ message: String, _ location: SourceLocation, help: String) {
            report(code, message, location, help: help)
            stopped = true
        }
    }
}
