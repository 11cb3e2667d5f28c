import Foundation

/// The report as GitHub-flavoured markdown, for a pull-request comment or
/// `$GITHUB_STEP_SUMMARY`: the payout change first, then tables of payouts, transitions and
/// types, the rule changes, the referrers most affected, and examples folded away.
///
/// Text from the policy or the history (rule ids, values, referral ids) is escaped, so it
/// cannot open a link, an image, HTML or a table cell of its own.
package enum ImpactMarkdownRenderer {
    package static func render(_ report: ImpactReport) -> String {
        let f = ImpactFormat.self
        var out = "## Referral policy impact: \(code(report.program))\n\n"
        if let s = report.summary {
            let currencies = Array(Set(s.payouts.map(\.currency))).sorted()
            if currencies.isEmpty {
                out += "**Payouts: no rewards on either side**"
            } else {
                out += "**Payouts: " + currencies.map { c in
                    let rows = s.payouts.filter { $0.currency == c }
                    let before = rows.reduce(Int64(0)) { $0 &+ $1.baseMinor }, after = rows.reduce(Int64(0)) { $0 &+ $1.newMinor }
                    return "\(escape(f.signed(after &- before, c))) \(c)** (\(escape(f.money(before, c))) → \(escape(f.money(after, c))))"
                }.joined(separator: ", **")
            }
            out += " over \(f.plural(s.records, "referral record")): \(f.count(s.changed)) changed, \(f.count(s.undecided)) undecided"
            if s.undecided > 0 { out += " (\(f.count(s.undecidedBase)) by the base, \(f.count(s.undecidedNew)) by the new policy)" }
            out += ".\n\n"
            for c in report.limits {
                out += c.exceeded ? "> [!WARNING]\n> **Over the limit:** \(escape(f.limit(c))). A sign-off is needed.\n\n"
                    : "> Within the limit: \(escape(f.limit(c))).\n\n"
            }
            out += "| Currency | Kind | To | Before | After | Change | |\n|---|---|---|--:|--:|--:|--:|\n"
            for p in s.payouts {
                out += "| \(p.currency) | \(p.kind) | \(p.beneficiary) | \(escape(f.money(p.baseMinor, p.currency))) | "
                    + "\(escape(f.money(p.newMinor, p.currency))) | **\(escape(f.signed(p.deltaMinor, p.currency)))** | "
                    + "\(f.percent(p.deltaMinor, of: p.baseMinor)) |\n"
            }
            out += "\n### Status transitions\n\n| From | To | Records | Changed |\n|---|---|--:|--:|\n"
            for t in s.transitions {
                out += "| \(escape(f.status(t.from))) | \(escape(f.status(t.to))) | \(f.count(t.count)) | \(f.count(t.changed)) |\n"
            }
            out += "\n### By referral type\n\n| Type | Records | Changed | Payout change |\n|---|--:|--:|---|\n"
            for t in s.byType {
                let changes = t.payouts.filter { $0.deltaMinor != 0 }
                    .map { "\(escape(f.signed($0.deltaMinor, $0.currency))) \($0.kind) to the \($0.beneficiary)" }
                out += "| \(cell(t.type)) | \(f.count(t.records)) | \(f.count(t.changed)) | \(changes.isEmpty ? "none" : changes.joined(separator: "<br>")) |\n"
            }
            out += "\n"
        }
        out += "### Rule changes\n\n"
        if report.rules.changes.isEmpty { out += "None: no rule decides differently.\n" }
        for c in report.rules.changes { out += "- \(change(c))\n" }
        if !report.rules.cosmetic.isEmpty {
            out += "\n<details><summary>Cosmetic changes (\(report.rules.cosmetic.count)): descriptions, comments, layout</summary>\n\n"
            for c in report.rules.cosmetic { out += "- \(change(c))\n" }
            out += "\n</details>\n"
        }
        if let s = report.summary {
            if !s.referrers.isEmpty {
                out += "\n### Referrers most affected\n\n| Referrer | Changed | Before | After | Change |\n|---|--:|--:|--:|--:|\n"
                for r in s.referrers {
                    out += "| \(cell(r.referrer)) | \(f.count(r.changed)) | \(escape(f.money(r.baseMinor, s.currency.code))) | "
                        + "\(escape(f.money(r.newMinor, s.currency.code))) | \(escape(f.signed(r.deltaMinor, s.currency.code))) |\n"
                }
                if !s.referrersComplete { out += "\n_From the referrers kept while counting; the list may miss some._\n" }
            }
            if !s.examples.isEmpty {
                out += "\n<details><summary>Examples of each kind of change</summary>\n\n"
                for g in s.examples {
                    out += "#### \(escape(f.status(g.from))) → \(escape(f.status(g.to)))\n\n"
                    for r in g.referrals {
                        out += "- \(code(r.referralID)) (\(code(r.referralType)), referrer \(code(r.referrer)), \(code(r.place)))\n"
                        out += "  - base: \(escape(f.side(r.base)))\n  - new: \(escape(f.side(r.new)))\n"
                        for rule in r.rules { out += "  - \(code(rule.rule)) (\(rule.kind)): \(escape(f.outcome(rule)))\n" }
                    }
                    out += "\n"
                }
                out += "</details>\n"
            }
        }
        return out
    }

    /// `` `freelancer.referrer_bonus.starter` ``: amount 25.00 → 30.00 (`a.yaml:95` → `b.yaml:95`).
    static func change(_ c: RuleChange) -> String {
        let name = c.rule.isEmpty ? "version \(escape(c.version))" : code(c.rule)
        var text: String
        switch c.change {
        case .added: text = "\(name): \(c.kind == "version" ? "version" : c.kind) **added**"
        case .removed: text = "\(name): \(c.kind == "version" ? "version" : c.kind) **removed**"
        case .changed, .cosmetic:
            if c.field == "text" {
                text = "\(name): comments or layout changed"
            } else {
                text = "\(name): \(escape(c.field ?? "value")) \(code(c.base ?? "(none)")) → \(code(c.new ?? "(none)"))"
            }
        }
        if !c.locations.isEmpty {
            text += " (" + [c.baseLocation, c.newLocation].compactMap { $0 }.map(code).joined(separator: " → ") + ")"
        }
        return text
    }

    /// Text as a code span: a backtick cannot end it, newlines become spaces.
    static func code(_ text: String) -> String {
        let flat = text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "`", with: "'")
        return "`\(flat)`"
    }

    /// A code span in a table cell: a pipe cannot end the cell either.
    static func cell(_ text: String) -> String {
        code(text).replacingOccurrences(of: "|", with: "\\|")
    }

    /// Text with markdown's and HTML's special characters escaped.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "|": out += "\\|"
            case "\n", "\r": out += " "
            // `$` too: GitHub reads `$…$` as mathematics.
            case "\\", "`", "*", "_", "[", "]", "#", "!", "$", "~": out += "\\\(ch)"
            default: out.append(ch)
            }
        }
        return out
    }
}
