import Foundation

/// The page's tables: the figures under each chart, the rule changes, the referrers most
/// affected and the example referrals.
extension ImpactHTMLRenderer {
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
}
