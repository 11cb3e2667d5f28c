/// The wording of one diagnostic: its code, its message and its help line.
///
/// Every message ReferralPolicy reports about a policy file is written by one of the static
/// functions in the `DiagnosticText+…` files, one per diagnostic (grouped by code family), so
/// the loader, the parser and the checker say the same thing the same way, and a change of
/// wording is made in one place. (swift-argument-parser keeps its error wording in one
/// generator in the same way.) Messages follow `docs/diagnostics.md`: lowercase, no final
/// period, the user's own words in backticks; the help line says how to fix it.
struct DiagnosticText: Sendable, Hashable {
    var code: DiagnosticCode
    var message: String
    var help: String?
    /// Set only when the diagnostic is not of its code's usual severity.
    var severity: Diagnostic.Severity?

    init(_ code: DiagnosticCode, _ message: String, help: String? = nil, severity: Diagnostic.Severity? = nil) {
        self.code = code
        self.message = message
        self.help = help
        self.severity = severity
    }

    /// The diagnostic at `location` in `file`.
    func at(_ location: SourceLocation?, file: String?) -> Diagnostic {
        Diagnostic(code: code, severity: severity, message: message, location: location, help: help, file: file)
    }

    /// `word` as it may be echoed in a message: cut to 64 characters (then `…`), control
    /// characters (a line break, ESC, …) written as `\u{1B}`, so that hostile input is never
    /// echoed whole and never reaches a terminal or a CI log as a control character.
    static func clip(_ word: some StringProtocol) -> String {
        var out = ""
        var count = 0
        for scalar in word.unicodeScalars {
            if count == 64 { return out + "…" }
            let v = scalar.value
            if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0x2028 || v == 0x2029 {
                out += "\\u{" + String(v, radix: 16, uppercase: true) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
            count += 1
        }
        return out
    }

    /// `` `a`, `b`, `c` ``.
    static func list(_ words: some Sequence<String>) -> String {
        words.map { "`\($0)`" }.joined(separator: ", ")
    }
}
