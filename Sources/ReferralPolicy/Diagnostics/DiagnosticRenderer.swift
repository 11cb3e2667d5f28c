/// Renders policy diagnostics the way `referral-policy` prints them: for a person (compiler
/// style, with the source line and a caret), for a program (one JSON document), for GitHub
/// Actions (workflow commands) or for code scanning (SARIF 2.1.0). A service that loads
/// policies renders their diagnostics with it exactly as the CLI does.
///
/// ```swift
/// let loaded = PolicySet.load(paths: ["policies"])
/// print(DiagnosticRenderer(loaded).render(.text), terminator: "")
/// ```
///
/// Text taken from the policy or its path (keys, values, source lines) is printed with every
/// control character escaped (`\u{1B}`, `\u{A}`), in every format, so a policy file cannot move
/// the cursor of a terminal or inject a workflow command into a CI log. Each file's lines are
/// indexed once, so rendering many diagnostics costs time in proportion to the output.
public struct DiagnosticRenderer: Sendable {
    /// The output formats.
    public enum Format: String, Sendable, CaseIterable {
        /// `path:line:col: error[RP101]: message`, the source line, a caret and the help line.
        case text
        /// One JSON document: counts and every diagnostic.
        case json
        /// GitHub Actions workflow commands (`::error file=…,line=…,col=…,title=RP101::…`).
        case github
        /// A SARIF 2.1.0 log, for code scanning.
        case sarif
    }

    /// The diagnostics in the order they are reported.
    public var diagnostics: [Diagnostic]
    /// How many policy files were read (for the summary line).
    public var fileCount: Int
    /// Colour the severities for a terminal (text format only).
    public var colored = false
    /// Where `docs/diagnostics.md` is published, for each rule's help link in SARIF
    /// (`https://…/docs/diagnostics.md`); a relative reference to it when nil.
    public var documentationURL: String?
    /// Policy text by file path, to quote the source line.
    let sources: [String: SourceText]

    /// Diagnostics of files whose text is in `sources` (by path).
    public init(diagnostics: [Diagnostic], sources: [String: String], fileCount: Int) {
        self.diagnostics = diagnostics
        self.fileCount = fileCount
        var indexed: [String: SourceText] = [:]
        let paths = Set(diagnostics.compactMap(\.file))
        for (path, text) in sources where paths.contains(path) { indexed[path] = SourceText(text) }
        self.sources = indexed
    }

    /// The diagnostics of a loaded policy set (`diagnostics` replaces them, e.g. after turning
    /// warnings into errors), with each file's text for the source lines.
    public init(_ loaded: PolicySetLoadResult, diagnostics: [Diagnostic]? = nil) {
        let shown = diagnostics ?? loaded.diagnostics
        var sources: [String: String] = [:]
        for file in loaded.files {
            var paths = Set(file.diagnostics.compactMap(\.file))
            if let path = file.policy?.file { paths.insert(path) }
            for path in paths { sources[path] = file.source }
        }
        self.init(diagnostics: shown, sources: sources, fileCount: loaded.files.count)
    }

    public var errorCount: Int { diagnostics.count { $0.severity == .error } }
    public var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// `2 files checked: 1 error, 0 warnings`.
    public var summaryLine: String {
        "\(Self.plural(fileCount, "file")) checked: \(Self.plural(errorCount, "error")), \(Self.plural(warningCount, "warning"))"
    }

    /// Every diagnostic in `format`, ending with a line break.
    public func render(_ format: Format) -> String {
        switch format {
        case .text: text()
        case .json: json()
        case .github: github()
        case .sarif: sarif()
        }
    }

    // MARK: - Text

    /// Every diagnostic compiler style, a blank line after each, then the summary line.
    package func text() -> String {
        var out = ""
        for diagnostic in diagnostics {
            out += render(diagnostic)
            out += "\n"
        }
        out += summaryLine + "\n"
        return out
    }

    /// One diagnostic compiler style:
    /// ```
    /// policies/marketplace.yaml:14:7: error[RP101]: unknown key `windw`
    ///    14 |   windw:
    ///       |   ^
    ///       = help: did you mean `window`?
    /// ```
    public func render(_ d: Diagnostic) -> String {
        let style = TerminalStyle(enabled: colored)
        var head = ""
        if let file = d.file { head += TerminalText.path(file) + ":" }
        if let location = d.location { head += "\(location.line):\(location.column):" }
        if !head.isEmpty { head += " " }
        let label = style.severity(d.severity, "\(d.severity.rawValue)[\(d.code.rawValue)]")
        var out = "\(head)\(label): \(TerminalText.escaped(d.message))\n"
        var pad = ""
        if let location = d.location, let file = d.file, let source = sources[file],
           let snippet = location.snippetParts(in: source) {
            pad = String(repeating: " ", count: String(location.line).count + 3)
            out += "   \(style.blue("\(location.line) |")) \(snippet.line)\n"
            out += "\(pad) \(style.blue("|")) \(style.severity(d.severity, snippet.caret))\n"
        }
        if let help = d.help {
            out += "\(pad.isEmpty ? " " : pad) \(style.cyan("= help:")) \(TerminalText.escaped(help))\n"
        }
        return out
    }

    // MARK: - JSON

    /// `{"files":2,"errors":1,"warnings":0,"diagnostics":[{"file":…,"line":14,"column":7,
    /// "code":"RP101","name":"unknown-key","severity":"error","message":…,"help":…}]}`;
    /// `file`, `line`, `column` and `help` are left out when a diagnostic has none.
    package func json() -> String {
        var w = JSONOutput(pretty: true)
        w.beginObject()
        w.key("files")
        w.integer(fileCount)
        w.key("errors")
        w.integer(errorCount)
        w.key("warnings")
        w.integer(warningCount)
        w.key("diagnostics")
        w.beginArray()
        for d in diagnostics {
            w.element()
            w.beginObject()
            if let file = d.file {
                w.key("file")
                w.string(file)
            }
            if let location = d.location {
                w.key("line")
                w.integer(location.line)
                w.key("column")
                w.integer(location.column)
            }
            w.key("code")
            w.string(d.code.rawValue)
            w.key("name")
            w.string(d.code.name)
            w.key("severity")
            w.string(d.severity.rawValue)
            w.key("message")
            w.string(d.message)
            if let help = d.help {
                w.key("help")
                w.string(help)
            }
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }

    // MARK: - GitHub Actions

    /// One workflow command per diagnostic, `::error file=…,line=…,col=…,title=RP101::message`,
    /// so each shows on the pull request at its line; then the summary line.
    package func github() -> String {
        var out = ""
        for d in diagnostics {
            out += Self.workflowCommand(d.severity.rawValue, file: d.file, location: d.location, title: d.code.rawValue,
                                        lines: [d.message] + (d.help.map { ["help: " + $0] } ?? []))
        }
        out += summaryLine + "\n"
        return out
    }

    /// `::error file=…,line=…,col=…,title=…::message%0Ahelp: …` and a line break: the
    /// annotation's `lines` (the message, the help) each escaped for a terminal first (a line
    /// break inside one becomes `\u{A}`), then joined and escaped for the workflow command. A
    /// path keeps its line breaks percent-encoded, so the annotation still finds its file,
    /// unless it holds other control characters.
    package static func workflowCommand(_ command: String, file: String?, location: SourceLocation?, title: String,
                                        lines: [String]) -> String {
        var properties: [String] = []
        if let file {
            let safe = file.unicodeScalars.contains { TerminalText.needsEscape($0) && $0 != "\n" && $0 != "\r" }
                ? TerminalText.escaped(file) : file
            properties.append("file=" + escapeProperty(safe))
        }
        if let location {
            properties.append("line=\(location.line)")
            properties.append("col=\(location.column)")
        }
        properties.append("title=" + escapeProperty(TerminalText.escaped(title)))
        let data = lines.map { TerminalText.escaped($0) }.joined(separator: "\n")
        return "::\(command) \(properties.joined(separator: ","))::\(escapeData(data))\n"
    }

    /// Workflow command data: `%`, CR and LF escaped.
    static func escapeData(_ text: String) -> String {
        escape(text, ["%": "%25", "\r": "%0D", "\n": "%0A"])
    }

    /// Workflow command property values: also `:` and `,`.
    static func escapeProperty(_ text: String) -> String {
        escape(text, ["%": "%25", "\r": "%0D", "\n": "%0A", ":": "%3A", ",": "%2C"])
    }

    private static func escape(_ text: String, _ table: [Unicode.Scalar: String]) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if let replacement = table[scalar] { out += replacement } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// `1 file`, `2 files`, `0 errors`.
    static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }
}
