/// At most ``LoadLimits/maxDiagnostics`` diagnostics per file: the first ones in file order, then
/// one that says how many more there are (an error when any of those is an error). A file with
/// 48,000 unknown keys is reported in 101 lines, not 48,000.
enum DiagnosticLimit {
    /// `diagnostics` in the order given, at most `limit` of each file, then the count of the rest.
    static func apply(_ diagnostics: [Diagnostic], limit: Int) -> [Diagnostic] {
        guard diagnostics.count > limit else { return diagnostics }
        var shown: [String: Int] = [:]
        var hidden: [String: (count: Int, errors: Bool, first: Diagnostic)] = [:]
        var out: [Diagnostic] = []
        var order: [String] = []
        for diagnostic in diagnostics {
            let file = diagnostic.file ?? ""
            if shown[file, default: 0] < limit {
                shown[file, default: 0] += 1
                out.append(diagnostic)
            } else if let h = hidden[file] {
                hidden[file] = (h.count + 1, h.errors || diagnostic.severity == .error, h.first)
            } else {
                hidden[file] = (1, diagnostic.severity == .error, diagnostic)
                order.append(file)
            }
        }
        for file in order {
            guard let h = hidden[file] else { continue }
            let summary = DiagnosticText.moreDiagnostics(h.count, shown: limit, errors: h.errors)
            out.append(summary.at(h.first.location, file: h.first.file))
        }
        return out
    }
}

extension Array where Element == Diagnostic {
    /// Sorted by place, at most `limits.maxDiagnostics` per file (see ``DiagnosticLimit``).
    func sortedAndLimited(_ limits: LoadLimits) -> [Diagnostic] {
        DiagnosticLimit.apply(sortedByLocation(), limit: limits.maxDiagnostics)
    }
}
