extension DiagnosticRenderer {
    /// The SARIF version written, and the schema it follows (OASIS, errata 01).
    static let sarifVersion = "2.1.0"
    static let sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

    /// A SARIF 2.1.0 log with one run: the tool, one rule per diagnostic code (its help link
    /// into `docs/diagnostics.md`), and one result per diagnostic with its file, line and
    /// column (columns count Unicode code points, as in every other format).
    package func sarif() -> String {
        var log = SARIFLog(documentationURL: documentationURL)
        for d in diagnostics {
            log.result(ruleID: d.code.rawValue, level: d.severity.rawValue, message: d.message, help: d.help,
                       file: d.file, location: d.location,
                       snippet: d.location.flatMap { location in d.file.flatMap { sources[$0]?.line(location.line).map(String.init) } })
        }
        return log.render(rules: DiagnosticCode.allCases.map { code in
            SARIFLog.Rule(id: code.rawValue, name: code.name, summary: code.name.split(separator: "-").joined(separator: " "),
                          anchor: Self.documentationAnchor(code), level: code.defaultSeverity.rawValue)
        })
    }

    /// The anchor of a code's section in `docs/diagnostics.md` (`## RP101 unknown-key` is
    /// `rp101-unknown-key`, as GitHub and most Markdown renderers make it).
    package static func documentationAnchor(_ code: DiagnosticCode) -> String {
        code.rawValue.lowercased() + "-" + code.name
    }
}
