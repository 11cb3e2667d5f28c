import ReferralPolicy

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
    func text() -> String {
        var out = ""
        for r in report.results {
            let place = "\(r.file):\(r.location.line):\(r.location.column)"
            switch r.outcome {
            case .passed:
                out += "PASS \(place): \(r.name)\n"
            case .skipped(let why):
                out += "SKIP \(place): \(r.name) (\(why))\n"
            case .error(let message):
                out += "FAIL \(place): \(r.name)\n       the snapshot could not be decided: \(message)\n"
            case .failed(let mismatches):
                out += "FAIL \(place): \(r.name)\n"
                out += table([("field", "expected", "actual")] + mismatches.map { ($0.field, $0.expected, $0.actual) })
            }
        }
        if !report.coverage.isEmpty { out += "\n" }
        for c in report.coverage {
            let covered = c.items.count - c.uncovered.count
            out += "coverage \(c.file ?? "policy") (\(c.policy.program) version \(c.policy.version)): "
                + "\(percent(c.percent)) (\(covered) of \(c.items.count) rules)\n"
            let below = threshold.map { c.percent + 1e-9 < $0 } ?? false
            if below || listUncovered {
                for item in c.uncovered {
                    out += "  not covered: \(c.file ?? "policy"):\(item.location.line):\(item.location.column): "
                        + "\(item.kind) `\(item.id)` (covered when \(item.coveredWhen))\n"
                }
            }
            if below, let threshold {
                out += "  coverage \(percent(c.percent)) is below the threshold of \(percent(threshold))\n"
            }
        }
        if !report.coverage.isEmpty { out += "\n" }
        out += report.summaryLine + "\n"
        return out
    }

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
