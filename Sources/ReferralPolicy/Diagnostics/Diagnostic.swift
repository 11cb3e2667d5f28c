/// One problem found while loading or checking a policy.
///
/// A diagnostic is a plain value: ``DiagnosticRenderer`` renders it compiler style
/// (`policies/marketplace.yaml:14:7: error[RP101]: unknown key `windw``), as JSON, as GitHub
/// annotations or as SARIF, the same for the CLI and for a service.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    /// How serious a diagnostic is. Errors stop compilation; warnings do not
    /// (the CLI's `--strict` turns them into errors).
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error
        case warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    /// Stable code, `RP103`; documented in `docs/diagnostics.md`.
    public var code: DiagnosticCode
    public var severity: Severity
    /// One lowercase line, no final period, the user's own words in backticks.
    public var message: String
    /// Where the problem is, when it has a place in the file.
    public var location: SourceLocation?
    /// How to fix it, when a fix can be suggested ("did you mean `window`?").
    public var help: String?
    /// The file the diagnostic belongs to, when the policy was loaded from a file.
    public var file: String?

    package init(code: DiagnosticCode, severity: Severity? = nil, message: String,
                location: SourceLocation?, help: String? = nil, file: String? = nil) {
        self.code = code
        self.severity = severity ?? code.defaultSeverity
        self.message = message
        self.location = location
        self.help = help
        self.file = file
    }

    /// `file:line:col: error[RP103]: message` followed by `  help: …` when there is help.
    /// ``DiagnosticRenderer`` adds the source line and caret; this form is for logs. Like every
    /// rendering, it shows control characters from the policy escaped (`\u{A}`).
    public var description: String {
        var head = ""
        if let file { head += TerminalText.path(file) + ":" }
        if let location { head += "\(location.line):\(location.column):" }
        if !head.isEmpty { head += " " }
        var text = "\(head)\(severity.rawValue)[\(code.rawValue)]: \(TerminalText.escaped(message))"
        if let help { text += "\n  help: \(TerminalText.escaped(help))" }
        return text
    }
}

extension Array where Element == Diagnostic {
    /// True when any diagnostic is an error.
    package var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, then position (diagnostics without a place first), then code.
    package func sortedByLocation() -> [Diagnostic] {
        sorted { a, b in
            if (a.file ?? "") != (b.file ?? "") { return (a.file ?? "") < (b.file ?? "") }
            let la = a.location ?? SourceLocation(line: 0, column: 0)
            let lb = b.location ?? SourceLocation(line: 0, column: 0)
            if la != lb { return la < lb }
            return a.code.rawValue < b.code.rawValue
        }
    }
}
