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

    // MARK: - Charts

    /// One group per referral type, currency and kind (beneficiaries added up): a hatched
    /// bar for before, a solid one for after, each labelled with its amount.
    static func payoutChart(_ s: ImpactSummary) -> String {
        struct Group { var type: String; var currency: String; var kind: String; var base: Int64; var new: Int64 }
        var groups: [Group] = []
        for t in s.byType {
            var keys: [(String, String)] = []
            for p in t.payouts where !keys.contains(where: { $0 == (p.currency, p.kind) }) { keys.append((p.currency, p.kind)) }
            for (c, k) in keys {
                let rows = t.payouts.filter { $0.currency == c && $0.kind == k }
                groups.append(Group(type: t.type, currency: c, kind: k, base: rows.reduce(0) { $0 &+ $1.baseMinor },
                                    new: rows.reduce(0) { $0 &+ $1.newMinor }))
            }
        }
        guard !groups.isEmpty else { return "<p class=\"empty\">No rewards on either side.</p>" }
        let f = ImpactFormat.self
        let labelWidth = 150.0, barMax = 470.0, valueWidth = 290.0
        let width = labelWidth + barMax + valueWidth
        let rowHeight = 22.0, gap = 18.0
        let height = Double(groups.count) * (2 * rowHeight + gap) + 40
        var maxBy: [String: Int64] = [:]
        for g in groups { maxBy[g.currency] = max(maxBy[g.currency] ?? 0, g.base, g.new) }
        var svg = svgOpen(width, height, "Payouts before and after per referral type and kind")
        svg += legend(x: labelWidth, y: 14)
        var y = 36.0
        for g in groups {
            let scale = barMax / Double(max(1, maxBy[g.currency] ?? 1))
            svg += "<g class=\"payout-group\" data-type=\"\(esc(g.type))\" data-currency=\"\(esc(g.currency))\" data-kind=\"\(esc(g.kind))\">"
            svg += "<text class=\"group-label\" x=\"\(n(labelWidth - 12))\" y=\"\(n(y + rowHeight - 4))\" text-anchor=\"end\">\(esc(g.type))</text>"
            svg += "<text class=\"group-sub\" x=\"\(n(labelWidth - 12))\" y=\"\(n(y + 2 * rowHeight - 4))\" text-anchor=\"end\">\(esc(g.kind)), \(esc(g.currency))</text>"
            for (i, (side, value)) in [("base", g.base), ("new", g.new)].enumerated() {
                let by = y + Double(i) * rowHeight + 2
                let w = max(value > 0 ? 2 : 0, Double(max(0, value)) * scale)
                svg += "<rect class=\"bar \(side)\" x=\"\(n(labelWidth))\" y=\"\(n(by))\" width=\"\(n(w))\" height=\"\(n(rowHeight - 5))\" rx=\"2\" "
                    + "data-side=\"\(side)\" data-minor=\"\(value)\"><title>\(side == "base" ? "Before" : "After"): \(esc(f.money(value, g.currency)))</title></rect>"
                svg += "<text class=\"value\" x=\"\(n(labelWidth + w + 8))\" y=\"\(n(by + rowHeight - 9))\">\(side == "base" ? "before" : "after") "
                    + "\(esc(f.money(value, g.currency)))"
                if side == "new", g.new != g.base {
                    svg += " (\(esc(f.signed(g.new &- g.base, g.currency))), \(esc(f.percent(g.new &- g.base, of: g.base))))"
                }
                svg += "</text>"
            }
            svg += "</g>"
            y += 2 * rowHeight + gap
        }
        svg += "<line class=\"axis\" x1=\"\(n(labelWidth))\" y1=\"30\" x2=\"\(n(labelWidth))\" y2=\"\(n(height - 8))\"/>"
        return svg + "</svg>"
    }

    static func legend(x: Double, y: Double) -> String {
        "<g class=\"legend\"><rect class=\"bar base\" x=\"\(n(x))\" y=\"\(n(y - 10))\" width=\"14\" height=\"12\"/>"
            + "<text x=\"\(n(x + 20))\" y=\"\(n(y))\">before (base policy)</text>"
            + "<rect class=\"bar new\" x=\"\(n(x + 170))\" y=\"\(n(y - 10))\" width=\"14\" height=\"12\"/>"
            + "<text x=\"\(n(x + 190))\" y=\"\(n(y))\">after (new policy)</text></g>"
    }

    /// Rows: base status; columns: new status; each cell shaded by its share and labelled
    /// with its count. The diagonal (no status change) is drawn with a heavier outline.
    static func transitionMatrix(_ s: ImpactSummary) -> String {
        let order = ["qualified", "pending", "expired", "not_eligible", "reversed", "error"]
        let seen = Set(s.transitions.flatMap { [$0.from, $0.to] })
        let statuses = order.filter(seen.contains) + seen.subtracting(order).sorted()
        guard !statuses.isEmpty else { return "<p class=\"empty\">No records.</p>" }
        var counts: [String: Int] = [:]
        var changed: [String: Int] = [:]
        for t in s.transitions {
            counts[t.from + "\u{1}" + t.to] = t.count
            changed[t.from + "\u{1}" + t.to] = t.changed
        }
        // The diagonal and the cells off it each have their own scale, so that a few changed
        // statuses are not washed out by the many that stayed.
        let mostSame = max(1, s.transitions.filter { $0.from == $0.to }.map(\.count).max() ?? 1)
        let mostMoved = max(1, s.transitions.filter { $0.from != $0.to }.map(\.count).max() ?? 1)
        let cell = 92.0, left = 150.0, top = 70.0
        let width = left + cell * Double(statuses.count) + 20, height = top + cell * Double(statuses.count) + 20
        var svg = svgOpen(width, height, "Status transition matrix")
        svg += "<text class=\"axis-title\" x=\"\(n(left + cell * Double(statuses.count) / 2))\" y=\"18\" text-anchor=\"middle\">new policy →</text>"
        svg += "<text class=\"axis-title\" x=\"14\" y=\"\(n(top - 24))\">base policy ↓</text>"
        for (j, to) in statuses.enumerated() {
            svg += "<text class=\"col-label\" x=\"\(n(left + cell * Double(j) + cell / 2))\" y=\"\(n(top - 10))\" text-anchor=\"middle\">\(esc(ImpactFormat.status(to)))</text>"
        }
        for (i, from) in statuses.enumerated() {
            let y = top + cell * Double(i)
            svg += "<text class=\"row-label\" x=\"\(n(left - 10))\" y=\"\(n(y + cell / 2 + 5))\" text-anchor=\"end\">\(esc(ImpactFormat.status(from)))</text>"
            for (j, to) in statuses.enumerated() {
                let x = left + cell * Double(j)
                let c = counts[from + "\u{1}" + to] ?? 0
                let diagonal = from == to
                let level = c == 0 ? 0 : 1 + Int((Double(c) / Double(diagonal ? mostSame : mostMoved)) * 4.999)
                svg += "<g class=\"cell\" data-from=\"\(esc(from))\" data-to=\"\(esc(to))\" data-count=\"\(c)\">"
                svg += "<rect class=\"heat \(diagonal ? "d" : "l")\(level)\(diagonal ? " diagonal" : "")\" x=\"\(n(x + 2))\" y=\"\(n(y + 2))\" width=\"\(n(cell - 4))\" height=\"\(n(cell - 4))\" rx=\"4\">"
                    + "<title>\(esc(ImpactFormat.status(from))) → \(esc(ImpactFormat.status(to))): \(c)</title></rect>"
                let dark = level >= 4
                let altered = changed[from + "\u{1}" + to] ?? 0
                let shift = diagonal && altered > 0 ? -4.0 : 6.0
                svg += "<text class=\"count\(dark ? " on-dark" : "")\" x=\"\(n(x + cell / 2))\" y=\"\(n(y + cell / 2 + shift))\" text-anchor=\"middle\">"
                    + "\(c == 0 ? "·" : ImpactFormat.count(c))</text>"
                if diagonal, altered > 0 {
                    svg += "<text class=\"sub\(dark ? " on-dark" : "")\" x=\"\(n(x + cell / 2))\" y=\"\(n(y + cell / 2 + 16))\" text-anchor=\"middle\">"
                        + "\(ImpactFormat.count(altered)) changed</text>"
                }
                svg += "</g>"
            }
        }
        return svg + "</svg>"
    }

    /// One bar per range of change, its count above it and its range below; decreases are
    /// hatched, increases solid, no money change outlined.
    static func distributionChart(_ s: ImpactSummary) -> String {
        let kept = s.distribution
        guard !kept.isEmpty else { return "<p class=\"empty\">No referral changed.</p>" }
        // Every range from the lowest to the highest, empty ones too, so the shape is true.
        let digits = s.currency.minorUnitDigits
        let indices = kept.compactMap { ImpactSummary.bucket(low: $0.lowMinor, high: $0.highMinor, digits: digits) }
        var buckets = kept
        if let lo = indices.min(), let hi = indices.max(), hi - lo < 40 {
            let byIndex = Dictionary(zip(indices, kept), uniquingKeysWith: { a, _ in a })
            buckets = (lo...hi).map { k in
                byIndex[k] ?? {
                    let (low, high) = ImpactSummary.bounds(ofBucket: k, digits: digits)
                    return ImpactSummary.Bucket(lowMinor: low, highMinor: high, count: 0)
                }()
            }
        }
        let most = max(1, buckets.map(\.count).max() ?? 1)
        let barWidth = min(110.0, max(70.0, 880.0 / Double(buckets.count))), left = 40.0, top = 30.0, plot = 220.0
        let width = max(560, left * 2 + barWidth * Double(buckets.count)), height = top + plot + 70
        var svg = svgOpen(width, height, "Distribution of per-referral payout change")
        for (i, b) in buckets.enumerated() {
            let x = left + barWidth * Double(i)
            let h = b.count == 0 ? 0 : max(2, plot * Double(b.count) / Double(most))
            let kind = b.highMinor <= 0 && b.lowMinor < 0 ? "down" : b.lowMinor == 0 && b.highMinor == 0 ? "zero" : "up"
            svg += "<g class=\"bucket-group\">"
            svg += "<rect class=\"bucket \(kind)\" x=\"\(n(x + 6))\" y=\"\(n(top + plot - h))\" width=\"\(n(barWidth - 12))\" height=\"\(n(h))\" rx=\"2\" "
                + "data-low-minor=\"\(b.lowMinor)\" data-high-minor=\"\(b.highMinor)\" data-count=\"\(b.count)\">"
                + "<title>\(esc(ImpactFormat.bucket(b, s.currency.code))): \(b.count)</title></rect>"
            if b.count > 0 {
                svg += "<text class=\"count\" x=\"\(n(x + barWidth / 2))\" y=\"\(n(top + plot - h - 6))\" text-anchor=\"middle\">\(ImpactFormat.count(b.count))</text>"
            }
            let (l1, l2) = bucketLabel(b, s.currency.code)
            svg += "<text class=\"tick\" x=\"\(n(x + barWidth / 2))\" y=\"\(n(top + plot + 18))\" text-anchor=\"middle\">\(esc(l1))</text>"
            svg += "<text class=\"tick\" x=\"\(n(x + barWidth / 2))\" y=\"\(n(top + plot + 34))\" text-anchor=\"middle\">\(esc(l2))</text>"
            svg += "</g>"
        }
        svg += "<line class=\"axis\" x1=\"\(n(left))\" y1=\"\(n(top + plot))\" x2=\"\(n(left + barWidth * Double(buckets.count)))\" y2=\"\(n(top + plot))\"/>"
        svg += "<text class=\"axis-title\" x=\"\(n(left))\" y=\"\(n(height - 8))\">change in \(esc(s.currency.code)) per referral; bars: number of changed referrals</text>"
        return svg + "</svg>"
    }

    /// Two short lines under a bar: `+$5` / `to +$10`; `none` / `(status only)`.
    static func bucketLabel(_ b: ImpactSummary.Bucket, _ code: String) -> (String, String) {
        if b.lowMinor == 0, b.highMinor == 0 { return ("no money", "change") }
        func short(_ minor: Int64) -> String {
            var text = ImpactFormat.signed(minor, code)
            if text.hasSuffix(".00") { text.removeLast(3) }
            return text
        }
        return b.highMinor > 0 ? ("\(short(b.lowMinor)) to", "\(short(b.highMinor))") : ("\(short(b.highMinor)) to", "\(short(b.lowMinor))")
    }

    static func svgOpen(_ width: Double, _ height: Double, _ label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(n(width)) \(n(height))\" width=\"\(n(width))\" height=\"\(n(height))\" "
            + "role=\"img\" aria-label=\"\(esc(label))\"><defs><pattern id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
            + "patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#dfe3ea\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" "
            + "stroke=\"#5b6573\" stroke-width=\"2.2\"/></pattern></defs>"
    }

    // MARK: - Tables

    static func payoutTable(_ s: ImpactSummary) -> String {
        let f = ImpactFormat.self
        var out = "<section class=\"table\">\n<h3>Payouts per currency, kind and beneficiary</h3>\n<table>\n"
            + "<thead><tr><th>Currency</th><th>Kind</th><th>To</th><th class=\"num\">Before</th><th class=\"num\">After</th>"
            + "<th class=\"num\">Change</th><th class=\"num\"></th></tr></thead>\n<tbody>\n"
        for p in s.payouts {
            out += "<tr data-currency=\"\(esc(p.currency))\" data-kind=\"\(esc(p.kind))\" data-beneficiary=\"\(esc(p.beneficiary))\">"
                + "<td>\(esc(p.currency))</td><td>\(esc(p.kind))</td><td>\(esc(p.beneficiary))</td>"
                + "<td class=\"num\">\(esc(f.money(p.baseMinor, p.currency)))</td><td class=\"num\">\(esc(f.money(p.newMinor, p.currency)))</td>"
                + "<td class=\"num \(p.deltaMinor > 0 ? "up" : p.deltaMinor < 0 ? "down" : "")\"><strong>\(esc(f.signed(p.deltaMinor, p.currency)))</strong></td>"
                + "<td class=\"num\">\(esc(f.percent(p.deltaMinor, of: p.baseMinor)))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    static func transitionTable(_ s: ImpactSummary) -> String {
        let f = ImpactFormat.self
        var out = "<section class=\"table\">\n<h3>Transitions</h3>\n<table>\n<thead><tr><th>From</th><th>To</th>"
            + "<th class=\"num\">Records</th><th class=\"num\">Changed</th></tr></thead>\n<tbody>\n"
        for t in s.transitions {
            out += "<tr><td>\(esc(f.status(t.from)))</td><td>\(esc(f.status(t.to)))</td><td class=\"num\">\(f.count(t.count))</td>"
                + "<td class=\"num\">\(f.count(t.changed))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    static func typeTable(_ s: ImpactSummary) -> String {
        let f = ImpactFormat.self
        var out = "<section class=\"table\">\n<h2>By referral type</h2>\n<table>\n<thead><tr><th>Type</th><th class=\"num\">Records</th>"
            + "<th class=\"num\">Changed</th><th class=\"num\">Undecided</th><th>Payouts</th></tr></thead>\n<tbody>\n"
        for t in s.byType {
            let money = t.payouts.map {
                "\(esc($0.kind)) to the \(esc($0.beneficiary)): \(esc(f.money($0.baseMinor, $0.currency))) → \(esc(f.money($0.newMinor, $0.currency)))"
                    + ($0.deltaMinor != 0 ? " <strong>(\(esc(f.signed($0.deltaMinor, $0.currency))))</strong>" : "")
            }
            out += "<tr><td><code>\(esc(t.type))</code></td><td class=\"num\">\(f.count(t.records))</td><td class=\"num\">\(f.count(t.changed))</td>"
                + "<td class=\"num\">\(f.count(t.undecided))</td><td>\(money.isEmpty ? "none" : money.joined(separator: "<br/>"))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    static func rulesSection(_ diff: RuleDiff) -> String {
        var out = "<section class=\"table\">\n<h2>Rule changes</h2>\n"
        if diff.changes.isEmpty { out += "<p class=\"note\">None: no rule decides differently.</p>\n" }
        if !diff.changes.isEmpty { out += ruleTable(diff.changes) }
        if !diff.cosmetic.isEmpty {
            out += "<h3>Cosmetic: descriptions, comments, layout</h3>\n" + ruleTable(diff.cosmetic)
        }
        return out + "</section>\n"
    }

    static func ruleTable(_ changes: [RuleChange]) -> String {
        var out = "<table class=\"rules\">\n<thead><tr><th>Rule</th><th>Change</th><th>Before</th><th>After</th><th>Where</th></tr></thead>\n<tbody>\n"
        for c in changes {
            let what = switch c.change {
            case .added: "\(c.kind) added"
            case .removed: "\(c.kind) removed"
            case .changed, .cosmetic: c.field == "text" ? "comments or layout" : (c.field ?? "value")
            }
            out += "<tr class=\"\(c.change.rawValue)\"><td><code>\(esc(c.rule.isEmpty ? "version \(c.version)" : c.rule))</code></td>"
                + "<td><span class=\"tag \(c.change.rawValue)\">\(esc(c.change.rawValue))</span> \(esc(what))</td>"
                + "<td>\(c.base.map { "<code>\(esc($0))</code>" } ?? "")</td><td>\(c.new.map { "<code>\(esc($0))</code>" } ?? "")</td>"
                + "<td class=\"where\">\(esc(c.locations))</td></tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static func referrersTable(_ s: ImpactSummary) -> String {
        guard !s.referrers.isEmpty else { return "" }
        let f = ImpactFormat.self, code = s.currency.code
        var out = "<section class=\"table\">\n<h2>Referrers most affected</h2>\n"
        if !s.referrersComplete { out += "<p class=\"note\">From the referrers kept while counting; the list may miss some.</p>\n" }
        out += "<table>\n<thead><tr><th>Referrer</th><th class=\"num\">Changed</th><th class=\"num\">Before</th><th class=\"num\">After</th>"
            + "<th class=\"num\">Change</th></tr></thead>\n<tbody>\n"
        for r in s.referrers {
            out += "<tr><td><code>\(esc(r.referrer))</code></td><td class=\"num\">\(f.count(r.changed))</td>"
                + "<td class=\"num\">\(esc(f.money(r.baseMinor, code)))</td><td class=\"num\">\(esc(f.money(r.newMinor, code)))</td>"
                + "<td class=\"num \(r.deltaMinor > 0 ? "up" : r.deltaMinor < 0 ? "down" : "")\"><strong>\(esc(f.signed(r.deltaMinor, code)))</strong></td></tr>\n"
        }
        return out + "</tbody>\n</table>\n</section>\n"
    }

    static func examplesSection(_ s: ImpactSummary) -> String {
        guard !s.examples.isEmpty else { return "" }
        let f = ImpactFormat.self
        var out = "<section>\n<h2>Examples</h2>\n<p class=\"note\">A few referrals of each kind of change, and the rules the two policies checked differently.</p>\n"
        for g in s.examples {
            out += "<details open=\"open\"><summary>\(esc(f.status(g.from))) → \(esc(f.status(g.to)))</summary>\n"
            for r in g.referrals {
                out += "<div class=\"example\"><p><code>\(esc(r.referralID))</code> · \(esc(r.referralType)) · referrer <code>\(esc(r.referrer))</code>"
                    + " · <span class=\"where\">\(esc(r.place))</span></p>\n<dl><dt>Base</dt><dd>\(esc(f.side(r.base)))</dd>"
                    + "<dt>New</dt><dd>\(esc(f.side(r.new)))</dd></dl>\n"
                if !r.rules.isEmpty {
                    out += "<ul class=\"rules\">"
                    for rule in r.rules { out += "<li><code>\(esc(rule.rule))</code> (\(esc(rule.kind))): \(esc(f.outcome(rule)))</li>" }
                    out += "</ul>\n"
                }
                out += "</div>\n"
            }
            out += "</details>\n"
        }
        return out + "</section>\n"
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
