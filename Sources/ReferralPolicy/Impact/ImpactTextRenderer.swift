/// The report for a terminal (`diff --format text`): the rule diff, then the impact — counts,
/// payouts before and after, transitions, types, referrers, the distribution and examples.
package enum ImpactTextRenderer {
    package static func render(_ report: ImpactReport) -> String {
        var out = "referral-policy diff: \(report.program)\n"
        out += "  base: \(versions(report.baseVersions))\n"
        out += "  new:  \(versions(report.newVersions))\n"
        out += "\n" + rules(report.rules)
        if let s = report.summary { out += "\n" + impact(s, report.limits) }
        return out
    }

    /// `payouts in USD would grow by $350.00, more than the $100.00 allowed`.
    package static func limitLine(_ check: PayoutLimit.Check) -> String {
        ImpactFormat.limit(check)
    }

    static func versions(_ list: [ImpactReport.Version]) -> String {
        list.map { "\($0.file ?? "<policy>") (version \($0.version))" }.joined(separator: ", ")
    }

    static func rules(_ diff: RuleDiff) -> String {
        var out = ""
        if diff.changes.isEmpty {
            out += "Rule changes: none\n"
        } else {
            out += "Rule changes (\(diff.changes.count)):\n"
            for c in diff.changes { out += "  \(c.headline)\n      \(c.locations)\n" }
        }
        if !diff.cosmetic.isEmpty {
            out += "Cosmetic changes, nothing decided changes (\(diff.cosmetic.count)):\n"
            for c in diff.cosmetic { out += "  \(c.headline)\n      \(c.locations)\n" }
        }
        return out
    }

    static func impact(_ s: ImpactSummary, _ limits: [PayoutLimit.Check]) -> String {
        let f = ImpactFormat.self
        var out = "Impact on \(f.plural(s.records, "record")): \(f.count(s.changed)) changed, \(f.count(s.undecided)) undecided"
        if s.undecided > 0 { out += " (\(f.count(s.undecidedBase)) by the base, \(f.count(s.undecidedNew)) by the new policy)" }
        out += "\n"
        for c in limits { out += "  \(c.exceeded ? "OVER THE LIMIT" : "within the limit"): \(f.limit(c))\n" }

        out += "\nPayouts (rewards of qualified decisions):\n"
        out += table(["currency", "kind", "to", "before", "after", "change", ""], payoutRows(s.payouts), right: [3, 4, 5, 6])

        out += "\nStatus transitions:\n"
        out += table(["from", "to", "records", "changed"],
                     s.transitions.map { [f.status($0.from), f.status($0.to), f.count($0.count), f.count($0.changed)] }, right: [2, 3])

        out += "\nBy referral type:\n"
        var typeRows: [[String]] = []
        for t in s.byType {
            let money = t.payouts.isEmpty ? [["", "", "", "", "", "", ""]] : payoutRows(t.payouts)
            for (i, row) in money.enumerated() {
                typeRows.append((i == 0 ? [t.type, f.count(t.records), f.count(t.changed)] : ["", "", ""]) + row.dropLast())
            }
        }
        out += table(["type", "records", "changed", "currency", "kind", "to", "before", "after", "change"], typeRows, right: [1, 2, 6, 7, 8])

        if !s.referrers.isEmpty {
            out += "\nReferrers most affected (\(s.currency.code)\(s.referrersComplete ? "" : ", from the referrers kept")):\n"
            out += table(["referrer", "changed", "before", "after", "change"], s.referrers.map {
                [$0.referrer, f.count($0.changed), f.money($0.baseMinor, s.currency.code), f.money($0.newMinor, s.currency.code),
                 f.signed($0.deltaMinor, s.currency.code)]
            }, right: [1, 2, 3, 4])
        }

        let buckets = s.distribution
        if !buckets.isEmpty {
            out += "\nChange per changed referral (\(s.currency.code)):\n"
            let most = buckets.map(\.count).max() ?? 1
            let labels = buckets.map { f.bucket($0, s.currency.code) }
            let width = labels.map(\.count).max() ?? 0
            for (b, label) in zip(buckets, labels) {
                let bar = String(repeating: "#", count: max(1, b.count * 40 / max(1, most)))
                out += "  " + label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + bar + " " + f.count(b.count) + "\n"
            }
        }

        if !s.examples.isEmpty {
            out += "\nExamples:\n"
            for group in s.examples {
                out += "  \(f.status(group.from)) -> \(f.status(group.to)):\n"
                for r in group.referrals { out += example(r) }
            }
        }
        return out
    }

    static func example(_ r: ChangedReferral) -> String {
        let f = ImpactFormat.self
        var out = "    \(r.referralID) (\(r.referralType), referrer \(r.referrer), \(r.place))\n"
        out += "      base: \(f.side(r.base))\n"
        out += "      new:  \(f.side(r.new))\n"
        if !r.delta.isEmpty { out += "      change: " + r.delta.map { "\(f.signed($0.deltaMinor, $0.currency)) \($0.kind)" }.joined(separator: ", ") + "\n" }
        for rule in r.rules { out += "      \(rule.rule) (\(rule.kind)): \(f.outcome(rule))\n" }
        return out
    }

    static func payoutRows(_ payouts: [ImpactSummary.Payout]) -> [[String]] {
        let f = ImpactFormat.self
        return payouts.map {
            [$0.currency, $0.kind, $0.beneficiary, f.money($0.baseMinor, $0.currency), f.money($0.newMinor, $0.currency),
             f.signed($0.deltaMinor, $0.currency), f.percent($0.deltaMinor, of: $0.baseMinor)]
        }
    }

    /// Columns padded to their widest cell, `right` ones aligned right; two spaces between.
    static func table(_ header: [String], _ rows: [[String]], right: Set<Int>) -> String {
        guard !rows.isEmpty else { return "  none\n" }
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { i < $0.count ? $0[i].count : 0 }.max() ?? 0 }
        var out = ""
        for row in all {
            var cells: [String] = []
            for (i, w) in widths.enumerated() {
                let cell = i < row.count ? row[i] : ""
                let pad = String(repeating: " ", count: w - cell.count)
                cells.append(right.contains(i) ? pad + cell : cell + pad)
            }
            var line = "  " + cells.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            out += line + "\n"
        }
        return out
    }
}
