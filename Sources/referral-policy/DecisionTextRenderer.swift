import ReferralPolicy

/// A decision as a person reads it: the status, each reward ("$100.00 cash to the referrer,
/// payable 2025-04-01, rule client.referrer_cash"), the progress of a pending referral
/// ("spent $320.00 of $500.00, 41 days left") and, when asked for, the explanation.
///
/// Ids, names and descriptions (from the snapshot and the policy) are printed with control
/// characters escaped (`\u{1B}`), so a snapshot cannot act on the terminal that shows it.
enum DecisionTextRenderer {
    /// Text from the input or the policy, safe to print.
    static func e(_ text: String) -> String { TerminalText.escaped(text) }

    /// `style` colours the status on a terminal: green qualified, yellow pending, red expired,
    /// not eligible or reversed (plain when colour is off). Dates are the program's local
    /// dates (`dates`), and the header names the zone when it is not UTC.
    static func render(_ d: Decision, style: TerminalStyle = .plain, dates: LocalDates = .utc) -> String {
        var out = "\(e(d.referralID)) (\(e(d.referralType))): \(colored(headline(d, dates: dates), d.status, style))\n"
        out += "  policy \(e(d.policy.program)) version \(e(d.policy.version)), as of \(d.asOf)"
        out += dates.zoneName.map { ", dates in \(e($0))\n" } ?? "\n"
        if !d.milestones.isEmpty { return out + milestoneBody(d, dates: dates) + explanation(d) }
        switch d.status {
        case .qualified:
            out += d.rewards.isEmpty ? "  no rewards\n" : "  rewards:\n"
        case .reversed:
            if !d.rewards.isEmpty { out += "  rewards taken back:\n" }
        case .pending:
            if !d.progress.isEmpty { out += "  still to do:\n" }
        case .expired:
            if !d.progress.isEmpty { out += "  not done in time:\n" }
        case .notEligible:
            break
        }
        for reward in d.rewards {
            out += "    \(line(reward, dates: dates))\n"
        }
        for progress in d.progress {
            out += "    \(line(progress, asOf: d.asOf, dates: dates))\n"
        }
        return out + explanation(d)
    }

    /// A decision of a referral type with milestones: what is earned so far (whatever the
    /// status), where each milestone stands, and what is still to do for each.
    private static func milestoneBody(_ d: Decision, dates: LocalDates) -> String {
        var out = ""
        if d.status != .notEligible {
            out += d.rewards.isEmpty ? "  no rewards yet\n" : d.status == .reversed ? "  rewards taken back:\n" : "  rewards earned:\n"
        }
        for reward in d.rewards {
            out += "    \(line(reward, dates: dates))\n"
        }
        out += "  milestones:\n"
        for m in d.milestones {
            let at = m.reachedAt.map { " on \(dates.date($0))" } ?? ""
            out += "    \(e(m.milestone)): \(m.status.rawValue)\(at)\n"
        }
        if !d.progress.isEmpty { out += "  still to do:\n" }
        for progress in d.progress {
            let toward = progress.milestone.map { " [milestone \(e($0))]" } ?? ""
            out += "    \(line(progress, asOf: d.asOf, dates: dates))\(toward)\n"
        }
        return out
    }

    private static func explanation(_ d: Decision) -> String {
        var out = ""
        if !d.explanation.isEmpty {
            out += "  explanation:\n"
            for check in d.explanation {
                out += "    \(check.held ? "held  " : "failed") \(check.kind.rawValue) \(e(check.rule)): \(e(check.saw))\n"
            }
        }
        return out
    }

    /// `qualified on 2025-07-20`, `pending`, `not eligible: rule came_through_link failed`.
    static func colored(_ text: String, _ status: Decision.Status, _ style: TerminalStyle) -> String {
        switch status {
        case .qualified: style.green(text)
        case .pending: style.yellow(text)
        case .expired, .notEligible, .reversed: style.red(text)
        }
    }

    static func headline(_ d: Decision, dates: LocalDates = .utc) -> String {
        switch d.status {
        case .qualified:
            return "qualified" + (d.qualifiedAt.map { " on \(dates.date($0))" } ?? "")
        case .pending:
            return "pending"
        case .expired:
            return "expired: the window closed before every requirement was met"
        case .notEligible:
            return "not eligible" + (d.reason.map { ": rule \(e($0)) failed" } ?? "")
        case .reversed:
            let when = d.qualifiedAt.map { "qualified on \(dates.date($0)), then " } ?? ""
            return when + "reversed" + (d.reason.map { " by rule \(e($0))" } ?? "")
        }
    }

    /// `$100.00 cash to the referrer, payable 2025-04-01, rule client.referrer_cash`.
    static func line(_ r: Decision.Reward, dates: LocalDates = .utc) -> String {
        var out = "\(r.amount.display) \(r.kind.rawValue) to the \(r.beneficiary.rawValue), payable \(dates.date(r.payableAt))"
        if let expiresAt = r.expiresAt { out += ", expires \(dates.date(expiresAt))" }
        if let limitedBy = r.limitedBy {
            let uncapped = r.uncappedMinor.map { " from " + Money(minorUnits: $0, currency: r.amount.currency).display } ?? ""
            out += ", reduced\(uncapped) by limit \(e(limitedBy))"
        }
        return out + ", rule \(e(r.rule))"
    }

    /// `client.spent_enough: spent $320.00 of $500.00, 41 days left`.
    static func line(_ p: Decision.Progress, asOf: Instant, dates: LocalDates = .utc) -> String {
        var out = "\(e(p.requirement)): \(p.eventTypes.map(e).joined(separator: " or ")) \(amount(p.have, p)) of \(amount(p.need, p))"
        if let deadline = p.deadline { out += ", " + timeLeft(until: deadline, asOf: asOf, dates: dates) }
        if let description = p.description { out += " (\(e(description)))" }
        return out
    }

    /// `$320.00` for money, `2` for a count.
    static func amount(_ value: Int64, _ p: Decision.Progress) -> String {
        guard p.unit == .money, let currency = p.currency else { return String(value) }
        return Money(minorUnits: value, currency: currency).display
    }

    /// `41 days left`, `1 day left`, `less than a day left`, `deadline passed 2025-10-08`:
    /// whole days from `as_of` to the deadline, rounded down.
    static func timeLeft(until deadline: Instant, asOf: Instant, dates: LocalDates = .utc) -> String {
        let (seconds, overflow) = deadline.secondsSinceEpoch.subtractingReportingOverflow(asOf.secondsSinceEpoch)
        if overflow { return "until \(dates.date(deadline))" }
        if seconds < 0 { return "deadline passed \(dates.date(deadline))" }
        let days = seconds / 86_400
        if days == 0 { return "less than a day left" }
        return "\(plural(Int(days), "day")) left"
    }
}
