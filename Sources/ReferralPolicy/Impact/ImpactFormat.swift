import Foundation

/// How the renderers write amounts, counts and statuses for a person.
enum ImpactFormat {
    /// `$1,234.50`, `12.500 KWD`.
    static func money(_ minor: Int64, _ code: String) -> String {
        guard let currency = Currency(code: code) else { return "\(minor) \(code) (minor units)" }
        return Money(minorUnits: minor, currency: currency).display
    }

    /// `+$200.00`, `-$25.00`, `$0.00`.
    static func signed(_ minor: Int64, _ code: String) -> String {
        minor > 0 ? "+" + money(minor, code) : money(minor, code)
    }

    /// `+12.5%` of `base`, or empty when the base is 0.
    static func percent(_ delta: Int64, of base: Int64) -> String {
        guard delta != 0 else { return "" }
        guard base != 0 else { return "new" }
        let tenths = (Double(delta) / Double(base) * 1000).rounded() / 10
        return (tenths > 0 ? "+" : "") + String(format: tenths == tenths.rounded() ? "%.0f%%" : "%.1f%%", tenths)
    }

    /// `1,234`.
    static func count(_ n: Int) -> String {
        Money.decimalString(Int64(n), digits: 0, grouped: true)
    }

    /// `3 records`, `1 record`.
    static func plural(_ n: Int, _ word: String) -> String {
        "\(count(n)) \(word)\(n == 1 ? "" : "s")"
    }

    /// `not eligible` for `not_eligible`; `error` stays.
    static func status(_ s: String) -> String {
        s.replacingOccurrences(of: "_", with: " ")
    }

    /// `$25.00 credit to the referrer, $50.00 cash to the referee`, or `no rewards`.
    static func rewards(_ side: ChangedReferral.Side) -> String {
        guard !side.rewards.isEmpty else { return "no rewards" }
        return side.rewards.map { "\(money($0.amountMinor, $0.currency)) \($0.kind) to the \($0.beneficiary)" }.joined(separator: ", ")
    }

    /// `qualified: $25.00 credit to the referrer`, `not eligible (came_through_link)`, `error (invalid_json: …)`.
    static func side(_ s: ChangedReferral.Side) -> String {
        var text = status(s.status)
        if let reason = s.reason { text += " (\(reason))" }
        if let error = s.error { text += " (\(error))" }
        if s.status == "qualified" || s.status == "reversed" { text += ": " + rewards(s) }
        return text
    }

    /// `held -> failed`, `not checked -> held`.
    static func outcome(_ r: ChangedReferral.RuleOutcome) -> String {
        func word(_ b: Bool?) -> String { b.map { $0 ? "held" : "failed" } ?? "not checked" }
        if r.baseHeld == r.newHeld { return "\(word(r.newHeld)) on both sides; before: \(r.baseSaw ?? ""); after: \(r.newSaw ?? "")" }
        return "\(word(r.baseHeld)) -> \(word(r.newHeld))"
    }

    /// The range of a distribution bucket: `+$5.00 to +$10.00`, `no change in money`.
    static func bucket(_ b: ImpactSummary.Bucket, _ code: String) -> String {
        if b.lowMinor == 0, b.highMinor == 0 { return "no money change" }
        if b.highMinor == .max { return "more than \(signed(b.lowMinor, code))" }
        if b.lowMinor == -Int64.max { return "less than \(signed(b.highMinor, code))" }
        return "\(signed(b.lowMinor, code)) to \(signed(b.highMinor, code))"
    }

    /// `payouts in USD would grow by $350.00, more than the $100.00 allowed`.
    static func limit(_ c: PayoutLimit.Check) -> String {
        let code = c.limit.currency.code
        let change = c.increaseMinor >= 0 ? "grow by \(money(c.increaseMinor, code))" : "shrink by \(money(-c.increaseMinor, code))"
        return "payouts in \(code) would \(change), " + (c.exceeded ? "more than the \(money(c.limit.limitMinor, code)) allowed"
            : "within the \(money(c.limit.limitMinor, code)) allowed")
    }
}
