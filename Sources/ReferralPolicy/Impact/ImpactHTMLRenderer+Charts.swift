import Foundation

/// The page's three charts, inline SVG: payouts before and after, the status transition
/// matrix, the distribution of per-referral change.
extension ImpactHTMLRenderer {
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
}
