import ReferralPolicy

/// Renders policy diagnostics for a person (compiler style, with the source line and a caret),
/// for a program (one JSON document) or for GitHub Actions (workflow commands).
struct DiagnosticRenderer {
    /// The diagnostics in the order they are reported.
    let diagnostics: [Diagnostic]
    /// Policy text by file path, to quote the source line.
    let sources: [String: String]
    /// How many policy files were read.
    let fileCount: Int

    init(_ loaded: PolicySetLoadResult, diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
        var sources: [String: String] = [:]
        for file in loaded.files {
            var paths = Set(file.diagnostics.compactMap(\.file))
            if let path = file.policy?.file { paths.insert(path) }
            for path in paths { sources[path] = file.source }
        }
        self.sources = sources
        self.fileCount = loaded.files.count
    }

    init(diagnostics: [Diagnostic], sources: [String: String], fileCount: Int) {
        self.diagnostics = diagnostics
        self.sources = sources
        self.fileCount = fileCount
    }

    var errorCount: Int { diagnostics.count { $0.severity == .error } }
    var warningCount: Int { diagnostics.count { $0.severity == .warning } }

    /// `2 files checked: 1 error, 0 warnings`.
    var summaryLine: String {
        "\(plural(fileCount, "file")) checked: \(plural(errorCount, "error")), \(plural(warningCount, "warning"))"
    }

    // MARK: - Text

    /// Every diagnostic compiler style, a blank line after each, then the summary line.
    func text() -> String {
        var out = ""
        for diagnostic in diagnostics {
            out += text(diagnostic)
            out += "\n"
        }
        out += summaryLine + "\n"
        return out
    }

    /// ```
    /// policies/marketplace.yaml:14:7: error[RP101]: unknown key `windw`
    ///    14 |   windw:
    ///       |   ^
    ///       = help: did you mean `window`?
    /// ```
    func text(_ d: Diagnostic) -> String {
        var head = ""
        if let file = d.file { head += file + ":" }
        if let location = d.location { head += "\(location.line):\(location.column):" }
        if !head.isEmpty { head += " " }
        var out = "\(head)\(d.severity.rawValue)[\(d.code.rawValue)]: \(d.message)\n"
        var pad = ""
        if let location = d.location, let file = d.file, let source = sources[file],
           let line = Self.line(location.line, of: source) {
            pad = String(repeating: " ", count: String(location.line).count + 3)
            out += "   \(location.line) | \(line)\n"
            out += "\(pad) | \(Self.caret(under: location.column, in: line))\n"
        }
        if let help = d.help {
            out += "\(pad.isEmpty ? " " : pad) = help: \(help)\n"
        }
        return out
    }

    /// Line `number` (1-based) of `source`, without its line break; nil past the end.
    static func line(_ number: Int, of source: String) -> String? {
        guard number >= 1 else { return nil }
        let lines = source.utf8.split(separator: UInt8(ascii: "\n"), maxSplits: number, omittingEmptySubsequences: false)
        guard number <= lines.count else { return nil }
        var line = lines[number - 1]
        if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
        return String(decoding: line, as: UTF8.self)
    }

    /// Spaces up to `column` (1-based, counting Unicode scalars) and a caret. Tabs before the
    /// column are kept as tabs so the caret lines up however wide the terminal shows them.
    static func caret(under column: Int, in line: String) -> String {
        var out = ""
        var scalars = line.unicodeScalars.makeIterator()
        for _ in 1..<max(column, 1) {
            out += scalars.next() == "\t" ? "\t" : " "
        }
        return out + "^"
    }

    // MARK: - JSON

    /// `{"files":2,"errors":1,"warnings":0,"diagnostics":[{"file":…,"line":14,"column":7,
    /// "code":"RP101","name":"unknown-key","severity":"error","message":…,"help":…}]}`;
    /// `file`, `line`, `column` and `help` are left out when a diagnostic has none.
    func json() -> String {
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
    func github() -> String {
        var out = ""
        for d in diagnostics {
            var properties: [String] = []
            if let file = d.file { properties.append("file=" + Self.escapeProperty(file)) }
            if let location = d.location {
                properties.append("line=\(location.line)")
                properties.append("col=\(location.column)")
            }
            properties.append("title=" + d.code.rawValue)
            var message = d.message
            if let help = d.help { message += "\nhelp: " + help }
            out += "::\(d.severity.rawValue) \(properties.joined(separator: ","))::\(Self.escapeData(message))\n"
        }
        out += summaryLine + "\n"
        return out
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
}

/// `1 file`, `2 files`, `0 errors`.
func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
