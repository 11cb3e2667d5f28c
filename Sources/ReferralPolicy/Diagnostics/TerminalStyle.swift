/// ANSI colours for output shown on a terminal: severities of diagnostics and outcomes of test
/// cases. `plain` adds nothing, so output to a pipe or a file is the same text without colour.
package struct TerminalStyle: Sendable {
    package let enabled: Bool

    package init(enabled: Bool) {
        self.enabled = enabled
    }

    package static let plain = TerminalStyle(enabled: false)

    package func red(_ text: String) -> String { paint(text, "1;31") }
    package func yellow(_ text: String) -> String { paint(text, "1;33") }
    package func green(_ text: String) -> String { paint(text, "1;32") }
    package func cyan(_ text: String) -> String { paint(text, "1;36") }
    package func blue(_ text: String) -> String { paint(text, "1;34") }
    package func bold(_ text: String) -> String { paint(text, "1") }

    /// Red for errors, yellow for warnings.
    package func severity(_ severity: Diagnostic.Severity, _ text: String) -> String {
        severity == .error ? red(text) : yellow(text)
    }

    private func paint(_ text: String, _ code: String) -> String {
        enabled ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }
}
