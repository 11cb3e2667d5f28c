import ReferralPolicy
import ReferralPolicyTesting

/// Renders a policy test report: text for people, JSON for programs, JUnit XML for CI.
struct TestReportRenderer {
    let report: PolicyTestReport
    let threshold: Double?
    let listUncovered: Bool

    // MARK: - Text

    /// ```
    /// PASS policies/marketplace.tests.yaml:7:5: freelancer earning $150 gets the referrer $25 credit
    /// FAIL policies/marketplace.tests.yaml:19:5: freelancer earning $1,200 gets the referrer $100 cash
    ///        field            expected                        actual
    ///        rewards[0].rule  freelancer.referrer_bonus.pro   freelancer.referrer_bonus.starter
    /// coverage policies/marketplace-v2.yaml (marketplace-referrals version 2): 100.0% (19 of 19 rules)
    /// 24 passed, 1 failed
    /// ```
    /// Names, paths and values from the test files are printed with control characters
    /// escaped; with `style` enabled, the outcomes are coloured.
    func text(style: TerminalStyle = .plain) -> String {
        var out = ""
        for r in report.results {
            let place = "\(TerminalText.path(r.file)):\(r.location.line):\(r.location.column)"
            let name = TerminalText.escaped(r.name)
            switch r.outcome {
            case .passed:
                out += "\(style.green("PASS")) \(place): \(name)\n"
            case .skipped(let why):
                out += "\(style.yellow("SKIP")) \(place): \(name) (\(TerminalText.escaped(why)))\n"
            case .error(let message):
                out += "\(style.red("FAIL")) \(place): \(name)\n       the snapshot could not be decided: \(TerminalText.escaped(message))\n"
            case .failed(let mismatches):
                out += "\(style.red("FAIL")) \(place): \(name)\n"
                out += table([("field", "expected", "actual")]
                    + mismatches.map { (TerminalText.escaped($0.field), TerminalText.escaped($0.expected), TerminalText.escaped($0.actual)) })
            }
        }
        if !report.coverage.isEmpty { out += "\n" }
        for c in report.coverage {
            let covered = c.items.count - c.uncovered.count
            let file = TerminalText.path(c.file ?? "policy")
            out += "coverage \(file) (\(TerminalText.escaped(c.policy.program)) version \(TerminalText.escaped(c.policy.version))): "
                + "\(percent(c.percent)) (\(covered) of \(c.items.count) rules)\n"
            let below = isBelow(c)
            if below || listUncovered {
                for item in c.uncovered {
                    out += "  not covered: \(file):\(item.location.line):\(item.location.column): "
                        + "\(item.kind) `\(TerminalText.escaped(item.id))` (covered when \(item.coveredWhen))\n"
                }
            }
            if below, let threshold {
                out += "  " + style.red("coverage \(percent(c.percent)) is below the threshold of \(percent(threshold))") + "\n"
            }
        }
        if !report.coverage.isEmpty { out += "\n" }
        out += summaryLine(style: style) + "\n"
        return out
    }

    /// The policy versions whose coverage is below the threshold.
    var belowThreshold: [PolicyCoverage] { report.coverage.filter(isBelow) }

    private func isBelow(_ c: PolicyCoverage) -> Bool {
        threshold.map { c.percent + 1e-9 < $0 } ?? false
    }

    /// `24 passed, 1 failed`; when coverage is below the threshold, the line says so too:
    /// `3 passed, 0 failed; coverage below the threshold of 90.0%: cli-test version 2 (50.0%)`.
    func summaryLine(style: TerminalStyle = .plain) -> String {
        var line = report.summaryLine
        if style.enabled {
            line = (report.failed > 0 ? style.red(line) : style.green(line))
        }
        let below = belowThreshold
        if let threshold, !below.isEmpty {
            let versions = below.map { "\(TerminalText.escaped($0.policy.program)) version \(TerminalText.escaped($0.policy.version)) (\(percent($0.percent)))" }
            line += "; " + style.red("coverage below the threshold of \(percent(threshold)): " + versions.joined(separator: ", "))
        }
        return line
    }

    // MARK: - GitHub Actions

    /// One `::error` workflow command per failing case, at the case in its test file, one per
    /// policy version below the coverage threshold, then the summary line.
    func github() -> String {
        var out = ""
        for r in report.results {
            let lines: [String]
            switch r.outcome {
            case .passed, .skipped: continue
            case .error(let message): lines = ["the snapshot could not be decided: " + message]
            case .failed(let mismatches): lines = mismatches.map { "\($0.field): expected \($0.expected), got \($0.actual)" }
            }
            out += DiagnosticRenderer.workflowCommand("error", file: r.file, location: r.location, title: "FAIL " + r.name, lines: lines)
        }
        if let threshold {
            for c in belowThreshold {
                out += DiagnosticRenderer.workflowCommand(
                    "error", file: c.file, location: nil, title: "coverage",
                    lines: ["coverage of \(c.policy.program) version \(c.policy.version) is \(percent(c.percent)), below the threshold of \(percent(threshold))"]
                        + (c.uncovered.isEmpty ? [] : ["help: not covered: " + c.uncovered.map { "\($0.kind) `\($0.id)` (line \($0.location.line))" }.joined(separator: ", ")]))
            }
        }
        out += summaryLine() + "\n"
        return out
    }

    // MARK: - SARIF

    /// A SARIF 2.1.0 log: the test files' diagnostics, each failing case (rule `test-failed`,
    /// at the case) and each policy version below the coverage threshold (`coverage-below-threshold`).
    func sarif(diagnostics: [Diagnostic], sources: [String: String], documentationURL: String?) -> String {
        var log = SARIFLog(documentationURL: documentationURL)
        let indexed = sources.mapValues(SourceText.init)
        for d in diagnostics {
            log.result(ruleID: d.code.rawValue, level: d.severity.rawValue, message: d.message, help: d.help, file: d.file,
                       location: d.location, snippet: d.location.flatMap { l in d.file.flatMap { indexed[$0]?.line(l.line).map(String.init) } })
        }
        for r in report.results {
            let message: String
            switch r.outcome {
            case .passed, .skipped: continue
            case .error(let why): message = "case `\(r.name)` failed: the snapshot could not be decided: " + why
            case .failed(let mismatches):
                message = "case `\(r.name)` failed: " + mismatches.map { "\($0.field): expected \($0.expected), got \($0.actual)" }.joined(separator: "; ")
            }
            log.result(ruleID: Self.testFailedRule, level: "error", message: message, help: nil, file: r.file, location: r.location,
                       snippet: nil)
        }
        if let threshold {
            for c in belowThreshold {
                log.result(ruleID: Self.coverageRule, level: "error",
                           message: "coverage of \(c.policy.program) version \(c.policy.version) is \(percent(c.percent)), below the threshold of \(percent(threshold))",
                           help: c.uncovered.isEmpty ? nil : "not covered: " + c.uncovered.map { "\($0.kind) `\($0.id)` (line \($0.location.line))" }.joined(separator: ", "),
                           file: c.file, location: nil, snippet: nil)
            }
        }
        let testing = documentationURL.map { url -> String in
            var base = url
            if let slash = base.lastIndex(of: "/") { base = String(base[...slash]) } else { base = "" }
            return base + "testing-policies.md"
        } ?? "docs/testing-policies.md"
        var rules = DiagnosticCode.allCases.map { code in
            SARIFLog.Rule(id: code.rawValue, name: code.name, summary: code.name.split(separator: "-").joined(separator: " "),
                          anchor: DiagnosticRenderer.documentationAnchor(code), level: code.defaultSeverity.rawValue)
        }
        rules.append(SARIFLog.Rule(id: Self.testFailedRule, name: Self.testFailedRule, summary: "a policy test case failed",
                                   anchor: nil, level: "error", helpURI: testing + "#the-runner"))
        rules.append(SARIFLog.Rule(id: Self.coverageRule, name: Self.coverageRule, summary: "rule coverage is below the threshold",
                                   anchor: nil, level: "error", helpURI: testing + "#coverage"))
        return log.render(rules: rules)
    }

    static let testFailedRule = "test-failed"
    static let coverageRule = "coverage-below-threshold"

    /// Columns padded to the widest cell, indented under the case.
    private func table(_ rows: [(String, String, String)]) -> String {
        let w0 = rows.map(\.0.count).max() ?? 0, w1 = rows.map(\.1.count).max() ?? 0
        return rows.map { r in
            "       " + r.0.padding(toLength: w0 + 2, withPad: " ", startingAt: 0)
                + r.1.padding(toLength: w1 + 2, withPad: " ", startingAt: 0) + r.2
        }.joined(separator: "\n") + "\n"
    }

    private func percent(_ p: Double) -> String {
        let tenths = Int((p * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }

    // MARK: - JSON

    func json() -> String {
        var w = JSONOutput(pretty: true)
        w.beginObject()
        w.key("passed"); w.integer(report.passed)
        w.key("failed"); w.integer(report.failed)
        w.key("skipped"); w.integer(report.skipped)
        w.key("cases")
        w.beginArray()
        for r in report.results {
            w.element()
            w.beginObject()
            w.key("file"); w.string(r.file)
            w.key("line"); w.integer(r.location.line)
            w.key("column"); w.integer(r.location.column)
            w.key("name"); w.string(r.name)
            switch r.outcome {
            case .passed:
                w.key("outcome"); w.string("passed")
            case .skipped(let why):
                w.key("outcome"); w.string("skipped")
                w.key("reason"); w.string(why)
            case .error(let message):
                w.key("outcome"); w.string("failed")
                w.key("error"); w.string(message)
            case .failed(let mismatches):
                w.key("outcome"); w.string("failed")
                w.key("mismatches")
                w.beginArray()
                for m in mismatches {
                    w.element()
                    w.beginObject()
                    w.key("field"); w.string(m.field)
                    w.key("expected"); w.string(m.expected)
                    w.key("actual"); w.string(m.actual)
                    w.endObject()
                }
                w.endArray()
            }
            w.endObject()
        }
        w.endArray()
        w.key("coverage")
        w.beginArray()
        for c in report.coverage {
            w.element()
            w.beginObject()
            w.key("program"); w.string(c.policy.program)
            w.key("version"); w.string(c.policy.version)
            if let file = c.file { w.key("file"); w.string(file) }
            w.key("rules"); w.integer(c.items.count)
            w.key("covered"); w.integer(c.items.count - c.uncovered.count)
            w.key("percent"); w.raw(percent(c.percent).dropLast().description)
            w.key("uncovered")
            w.beginArray()
            for item in c.uncovered {
                w.element()
                w.beginObject()
                w.key("id"); w.string(item.id)
                w.key("kind"); w.string(item.kind)
                w.key("line"); w.integer(item.location.line)
                w.key("column"); w.integer(item.location.column)
                w.key("covered_when"); w.string(item.coveredWhen)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.endObject()
        return w.text + "\n"
    }

    // MARK: - JUnit

    /// One `<testsuite>` per test file, one `<testcase>` per case; coverage as a suite of its
    /// own, whose cases fail when a policy version is below the threshold.
    func junit() -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        let coverageFailures = report.coverage.filter { c in threshold.map { c.percent + 1e-9 < $0 } ?? false }.count
        out += "<testsuites name=\"referral-policy\" tests=\"\(report.results.count + report.coverage.count)\" "
            + "failures=\"\(report.failed + coverageFailures)\" skipped=\"\(report.skipped)\">\n"
        var files: [String] = []
        for r in report.results where !files.contains(r.file) { files.append(r.file) }
        for file in files {
            let cases = report.results.filter { $0.file == file }
            let failed = cases.filter { if case .failed = $0.outcome { true } else if case .error = $0.outcome { true } else { false } }.count
            let skipped = cases.filter { if case .skipped = $0.outcome { true } else { false } }.count
            out += "  <testsuite name=\"\(xml(file))\" tests=\"\(cases.count)\" failures=\"\(failed)\" skipped=\"\(skipped)\">\n"
            for r in cases {
                out += "    <testcase name=\"\(xml(r.name))\" classname=\"\(xml(file))\" file=\"\(xml(file))\" line=\"\(r.location.line)\""
                switch r.outcome {
                case .passed:
                    out += "/>\n"
                case .skipped(let why):
                    out += ">\n      <skipped message=\"\(xml(why))\"/>\n    </testcase>\n"
                case .error(let message):
                    out += ">\n      <failure message=\"\(xml("the snapshot could not be decided: " + message))\"/>\n    </testcase>\n"
                case .failed(let mismatches):
                    let summary = mismatches.map { "\($0.field): expected \($0.expected), got \($0.actual)" }
                    out += ">\n      <failure message=\"\(xml(summary.first ?? "failed"))\">\(xml(summary.joined(separator: "\n")))</failure>\n    </testcase>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        if !report.coverage.isEmpty {
            out += "  <testsuite name=\"coverage\" tests=\"\(report.coverage.count)\" failures=\"\(coverageFailures)\" skipped=\"0\">\n"
            for c in report.coverage {
                let name = "\(c.policy.program) version \(c.policy.version): \(percent(c.percent))"
                out += "    <testcase name=\"\(xml(name))\" classname=\"coverage\" file=\"\(xml(c.file ?? ""))\""
                if let threshold, c.percent + 1e-9 < threshold {
                    let missing = c.uncovered.map { "\($0.kind) \($0.id) (line \($0.location.line))" }.joined(separator: "\n")
                    out += ">\n      <failure message=\"\(xml("coverage \(percent(c.percent)) is below \(percent(threshold))"))\">\(xml(missing))</failure>\n    </testcase>\n"
                } else {
                    out += "/>\n"
                }
            }
            out += "  </testsuite>\n"
        }
        out += "</testsuites>\n"
        return out
    }

    private func xml(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n": out += "&#10;"
            case _ where ch.value < 0x20: out += " "
            default: out.unicodeScalars.append(ch)
            }
        }
        return out
    }
}
