import Foundation

/// The report as one self-contained HTML page (no scripts, fonts or style sheets from
/// elsewhere): headline figures, three charts drawn as inline SVG — payouts before and after
/// per referral type and kind, the status transition matrix, the distribution of per-referral
/// change — and the tables under them.
///
/// The page is well-formed XML (XHTML syntax), so a test can read it. Every chart element that
/// stands for a number carries it in a `data-` attribute (`data-minor`, `data-count`), and
/// every bar and cell is labelled in text: colour only repeats what the words and patterns say.
package enum ImpactHTMLRenderer {
    package static func render(_ report: ImpactReport) -> String {
        var out = """
            <!DOCTYPE html>
            <html xmlns="http://www.w3.org/1999/xhtml" lang="en">
            <head>
            <meta charset="utf-8"/>
            <meta name="viewport" content="width=device-width, initial-scale=1"/>
            <title>Policy impact: \(esc(report.program))</title>
            <style>\(style)</style>
            </head>
            <body>
            <main>
            <header>
            <p class="eyebrow">referral-policy diff</p>
            <h1>What the change does to <code>\(esc(report.program))</code></h1>
            <p class="versions">Base: \(esc(ImpactTextRenderer.versions(report.baseVersions)))<br/>New: \(esc(ImpactTextRenderer.versions(report.newVersions)))</p>
            </header>

            """
        if let s = report.summary {
            out += headline(s, report.limits)
        }
        out += rulesSection(report.rules)
        if let s = report.summary {
            out += section("Payouts before and after", "Rewards of qualified decisions, per referral type and kind.", payoutChart(s))
            out += payoutTable(s)
            out += section("Status transitions", "Rows: the status under the base policy. Columns: under the new one. "
                           + "Cells off the diagonal (solid) changed status; on the diagonal (dashed outline) the status stayed and “changed” counts those whose rewards differ.", transitionMatrix(s))
            out += transitionTable(s)
            out += section("Change per changed referral", "How much each changed referral is paid more or less (\(esc(s.currency.code)), all rewards).",
                           distributionChart(s))
            out += typeTable(s)
        }
        if let s = report.summary {
            out += referrersTable(s)
            out += examplesSection(s)
        }
        out += "</main>\n</body>\n</html>\n"
        return out
    }

    // MARK: - Headline

    static func headline(_ s: ImpactSummary, _ limits: [PayoutLimit.Check]) -> String {
        let f = ImpactFormat.self
        var out = "<section class=\"cards\">\n"
        let currencies = Array(Set(s.payouts.map(\.currency))).sorted()
        for c in currencies {
            let rows = s.payouts.filter { $0.currency == c }
            let before = rows.reduce(Int64(0)) { $0 &+ $1.baseMinor }, after = rows.reduce(Int64(0)) { $0 &+ $1.newMinor }
            let d = after &- before
            out += "<div class=\"card \(d > 0 ? "up" : d < 0 ? "down" : "flat")\" data-currency=\"\(esc(c))\" data-delta-minor=\"\(d)\">"
                + "<span class=\"label\">Payout change, \(esc(c))</span><span class=\"value\">\(d > 0 ? "▲ " : d < 0 ? "▼ " : "")\(esc(f.signed(d, c)))</span>"
                + "<span class=\"sub\">\(esc(f.money(before, c))) → \(esc(f.money(after, c))) \(esc(f.percent(d, of: before)))</span></div>\n"
        }
        out += card("Records", f.count(s.records), "every input record, error records included", "records", s.records)
        out += card("Changed", f.count(s.changed), "status or rewards differ", "changed", s.changed)
        out += card("Undecided", f.count(s.undecided), "\(f.count(s.undecidedBase)) by the base, \(f.count(s.undecidedNew)) by the new policy",
                    "undecided", s.undecided)
        out += "</section>\n"
        for c in limits {
            out += "<p class=\"limit \(c.exceeded ? "over" : "within")\"><strong>\(c.exceeded ? "Over the limit" : "Within the limit"):</strong> "
                + "\(esc(f.limit(c))).</p>\n"
        }
        return out
    }

    static func card(_ label: String, _ value: String, _ sub: String, _ name: String, _ n: Int) -> String {
        "<div class=\"card\" data-\(name)=\"\(n)\"><span class=\"label\">\(esc(label))</span><span class=\"value\">\(esc(value))</span>"
            + "<span class=\"sub\">\(esc(sub))</span></div>\n"
    }

    static func section(_ title: String, _ note: String, _ body: String) -> String {
        "<section>\n<h2>\(esc(title))</h2>\n<p class=\"note\">\(esc(note))</p>\n<figure>\(body)</figure>\n</section>\n"
    }

    // MARK: - Helpers

    /// Text for XML: `&`, `<`, `>`, quotes escaped.
    static func esc(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Characters XML 1.0 does not allow are left out.
                if scalar.value < 0x20, scalar != "\n", scalar != "\t" { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A coordinate with at most one decimal.
    static func n(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }

    static let style = """
        :root{--ink:#1d2330;--muted:#5b6573;--line:#d5dae2;--paper:#ffffff;--wash:#f5f7fa;--new:#2458b3;--up:#1d6b3a;--down:#9d2a2a}
        *{box-sizing:border-box}
        body{margin:0;background:var(--wash);color:var(--ink);font:15px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
        main{max-width:1080px;margin:0 auto;padding:32px 28px 64px}
        header{border-bottom:1px solid var(--line);margin-bottom:24px;padding-bottom:16px}
        .eyebrow{text-transform:uppercase;letter-spacing:.08em;font-size:12px;color:var(--muted);margin:0}
        h1{font-size:28px;margin:4px 0 8px}
        h2{font-size:20px;margin:36px 0 4px}
        h3{font-size:16px;margin:20px 0 8px}
        code{font:13px/1.4 ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;background:#eef1f5;padding:1px 5px;border-radius:4px}
        .versions,.note{color:var(--muted);margin:4px 0 12px}
        .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(200px,1fr));gap:14px}
        .card{background:var(--paper);border:1px solid var(--line);border-radius:10px;padding:14px 16px;display:flex;flex-direction:column}
        .card .label{font-size:13px;color:var(--muted)}
        .card .value{font-size:28px;font-weight:700;font-variant-numeric:tabular-nums}
        .card .sub{font-size:13px;color:var(--muted)}
        .card.up{border-left:6px solid var(--up)} .card.up .value{color:var(--up)}
        .card.down{border-left:6px solid var(--down)} .card.down .value{color:var(--down)}
        .limit{padding:10px 14px;border-radius:8px;border:1px solid var(--line);background:var(--paper)}
        .limit.over{border:2px solid var(--down)}
        figure{margin:0;background:var(--paper);border:1px solid var(--line);border-radius:10px;padding:16px;overflow-x:auto}
        svg{max-width:100%;height:auto;font-family:inherit}
        svg text{font-size:13px;fill:var(--ink)}
        svg .group-label{font-weight:600}
        svg .group-sub,svg .tick,svg .axis-title{fill:var(--muted);font-size:12px}
        svg .value{font-variant-numeric:tabular-nums}
        svg .bar.base{fill:url(#hatch);stroke:#5b6573;stroke-width:1}
        svg .bar.new{fill:var(--new)}
        svg .axis{stroke:var(--muted);stroke-width:1}
        svg .heat{stroke:var(--line);stroke-width:1}
        svg .heat.diagonal{stroke:var(--ink);stroke-width:2;stroke-dasharray:4 3}
        svg .d0{fill:#fafbfc} svg .d1{fill:#eef0f3} svg .d2{fill:#dde1e7} svg .d3{fill:#c3c9d2} svg .d4{fill:#8a94a3} svg .d5{fill:#5b6573}
        svg .sub{font-size:11px;fill:var(--muted)} svg .sub.on-dark{fill:#ffffff}
        svg .l0{fill:#fafbfc} svg .l1{fill:#e3ebf7} svg .l2{fill:#c0d2ee} svg .l3{fill:#8eafe0} svg .l4{fill:#4f7fc9} svg .l5{fill:#2458b3}
        svg .count{font-size:16px;font-weight:600;font-variant-numeric:tabular-nums}
        svg .count.on-dark{fill:#ffffff}
        svg .bucket-group .count{font-size:14px}
        svg .bucket.up{fill:var(--new)}
        svg .bucket.down{fill:url(#hatch);stroke:#5b6573}
        svg .bucket.zero{fill:#ffffff;stroke:var(--ink);stroke-width:1.5;stroke-dasharray:3 2}
        .table table{width:100%;border-collapse:collapse;background:var(--paper);border:1px solid var(--line);border-radius:10px;overflow:hidden}
        table.rules code{white-space:nowrap}
        table.rules td.where{min-width:260px}
        th,td{text-align:left;padding:8px 12px;border-bottom:1px solid var(--line);vertical-align:top}
        th{background:#eef1f5;font-size:13px;color:var(--muted);font-weight:600}
        td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
        td.up{color:var(--up)} td.down{color:var(--down)}
        .where{color:var(--muted);font-size:13px}
        .tag{display:inline-block;font-size:12px;border:1px solid var(--muted);border-radius:10px;padding:0 7px;margin-right:4px}
        .tag.added{border-style:solid;font-weight:700} .tag.removed{border-style:dashed} .tag.cosmetic{border-style:dotted}
        details{background:var(--paper);border:1px solid var(--line);border-radius:10px;padding:8px 16px;margin:10px 0}
        summary{font-weight:600;cursor:pointer}
        .example{border-top:1px solid var(--line);padding:8px 0}
        dl{display:grid;grid-template-columns:60px 1fr;margin:4px 0} dt{color:var(--muted)} dd{margin:0}
        ul.rules{margin:4px 0 0 0;padding-left:20px;font-size:14px}
        .empty{color:var(--muted)}
        """
}
