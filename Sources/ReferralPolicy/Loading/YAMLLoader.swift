internal import Yams

/// Turns policy text into a ``YNode`` tree, collecting diagnostics instead of stopping at the
/// first: a duplicate key is reported where the duplicate stands and parsing goes on.
/// Guards the parser with the ``LoadLimits`` (size, line length, nesting, alias expansion).
package struct YAMLLoader {
    let text: String
    let limits: LoadLimits
    let file: String?

    package init(text: String, limits: LoadLimits, file: String?) {
        self.text = text
        self.limits = limits
        self.file = file
    }

    /// Start of the mark given to a key Yams reports as duplicated, so the parser can carry on
    /// past it (the ``Converter`` takes it off again and reports the duplicate itself).
    static let duplicateMarker = "\u{2063}"

    package func load() -> (root: YNode?, diagnostics: [Diagnostic]) {
        let screened = TextScreen(text: text, limits: limits, file: file).scan()
        if let problem = screened.problem { return (nil, [problem]) }
        // A byte-order mark is no part of the text (and counts no column).
        let source = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        // The usual policy (no syntax error, duplicate key, anchor, alias, tag or limit reached)
        // straight from libyaml's events; anything else the general way below, which reports it.
        if let root = EventReader.read(source, limits: limits) { return (root, []) }
        return loadGenerally(source, aliases: screened.aliases)
    }

    /// The general way: Yams' parser and the ``Converter``, again after marking duplicated keys.
    /// `source` is the text without its byte-order mark, which passed the text screen (which
    /// found the `aliases`).
    func loadGenerally(_ source: String, aliases: [SourceLocation]) -> (root: YNode?, diagnostics: [Diagnostic]) {
        var source = source
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
                // which would cost a regular-expression match per key. UTF-8 named, not Yams' default,
                // which reads the whole process environment on every parse (for YAMS_DEFAULT_ENCODING,
                // and prints to standard output when it is set).
                let parser = try Parser(yaml: source, resolver: .basic, encoding: .utf8)
                guard let root = try parser.singleRoot() else {
                    return (nil, [DiagnosticText.emptyPolicy.at(SourceLocation(line: 1, column: 1), file: file)])
                }
                var converter = Converter(limits: limits, file: file, marks: marks, aliases: aliases)
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
}
