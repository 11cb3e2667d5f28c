@testable import ReferralPolicy

// The evaluator ReferralPolicy had before the one-evaluator redesign, kept as a test oracle:
// every decision and error record of the library must equal what it gives.

/// Rewards of a qualified referral: amounts (fixed, percent, tiers), hold periods, credit
/// expiry, then the per-referrer limits over the snapshot's reward history.
extension OracleRun {
    mutating func rewards(qualifiedAt: Instant) throws(EvaluationError) -> [Decision.Reward] {
        var out: [Decision.Reward] = []
        var notes: [Decision.Check] = []
        let explain = self.explain
        func note(_ rule: String, _ kind: Decision.Check.Kind, _ held: Bool, _ saw: @autoclosure () -> String) {
            if explain { notes.append(Decision.Check(rule: rule, kind: kind, held: held, saw: saw())) }
        }
        for reward in type.rewards {
            var amount: Int64
            var kind = reward.kind
            var rule = reward.id
            var earnedAt = qualifiedAt
            var expiresDays = reward.creditExpiresDays
            switch reward.amount {
            case .fixed(let a):
                amount = a
                note(reward.id, .reward, true, "fixed \(Money(minorUnits: a, currency: reward.currency).display) \(kind.rawValue) to the \(reward.to.rawValue)")
            case .percent(let bp, let leaf, let minimum, let maximum):
                let measured = have[leaf]
                let product = measured.multipliedFullWidth(by: bp)
                guard product.high < 5_000 && product.high > -5_000 else {
                    throw EvaluationError(.overflow, "`\(reward.id)`: the percent of \(measured) overflows", path: nil)
                }
                let (q, _) = Int64(10_000).dividingFullWidth(product)
                amount = q
                if let minimum, amount < minimum { amount = minimum }
                if let maximum, amount > maximum { amount = maximum }
                note(reward.id, .reward, true,
                     "\(Money.decimalString(bp, digits: 2))% of \(Money(minorUnits: measured, currency: policy.currency).display) is \(Money(minorUnits: q, currency: reward.currency).display)"
                     + (amount != q ? ", bounded to \(Money(minorUnits: amount, currency: reward.currency).display)" : ""))
            case .tiers(let leaf, let tiers):
                let measured = have[leaf]
                guard let tier = tiers.last(where: { $0.atLeast <= measured }) else {
                    note(reward.id, .tier, false, "measured \(Money(minorUnits: measured, currency: policy.currency).display) reaches no tier")
                    continue
                }
                amount = tier.amount
                kind = tier.kind
                rule = tier.id
                expiresDays = tier.creditExpiresDays
                if let at = reached(leaf, tier.atLeast), at > earnedAt { earnedAt = at }
                note(tier.id, .tier, true,
                     "measured \(Money(minorUnits: measured, currency: policy.currency).display) reaches tier `\(tier.id)` (at least \(Money(minorUnits: tier.atLeast, currency: policy.currency).display)): \(Money(minorUnits: tier.amount, currency: reward.currency).display) \(tier.kind.rawValue)")
            }
            guard let payableAt = earnedAt.adding(days: reward.holdDays) else {
                throw EvaluationError(.overflow, "`\(reward.id)`: the payable date is out of range", path: nil)
            }
            var expiresAt: Instant?
            if kind == .credit, let days = expiresDays {
                guard let e = payableAt.adding(days: days) else {
                    throw EvaluationError(.overflow, "`\(reward.id)`: the credit expiry date is out of range", path: nil)
                }
                expiresAt = e
            }
            out.append(Decision.Reward(rule: rule, beneficiary: reward.to, kind: kind,
                                       amount: Money(minorUnits: amount, currency: reward.currency),
                                       earnedAt: earnedAt, payableAt: payableAt, expiresAt: expiresAt))
        }
        checks += notes
        if !policy.limits.isEmpty { try applyLimits(&out) }
        return out
    }

    /// Caps rewards to the referrer: a count limit withholds the reward (amount 0), an amount
    /// limit reduces it to what remains. Past rewards for this same referral are not counted.
    private mutating func applyLimits(_ rewards: inout [Decision.Reward]) throws(EvaluationError) {
        for (i, past) in snapshot.referrer.rewards.enumerated() {
            if past.amountMinor < 0 {
                throw EvaluationError(.invalidSnapshot, "amounts are 0 or more, found \(past.amountMinor)", path: "referrer.rewards[\(i)].amount_minor")
            }
            if Currency(code: past.currency) == nil {
                throw EvaluationError(.invalidSnapshot, "unknown currency `\(past.currency)`", path: "referrer.rewards[\(i)].currency")
            }
        }
        let history = snapshot.referrer.rewards.filter { $0.referralID == nil || $0.referralID != snapshot.id }
        var notes: [Decision.Check] = []
        let explain = self.explain
        func note(_ rule: String, _ kind: Decision.Check.Kind, _ held: Bool, _ saw: @autoclosure () -> String) {
            if explain { notes.append(Decision.Check(rule: rule, kind: kind, held: held, saw: saw())) }
        }
        var granted: [(at: Instant, amount: Int64, currency: String, kind: RewardKind)] = history.map {
            ($0.grantedAt, $0.amountMinor, $0.currency, $0.kind)
        }
        for i in rewards.indices where rewards[i].beneficiary == .referrer {
            var reward = rewards[i]
            for limit in policy.limits {
                if let kind = limit.kind, kind != reward.kind { continue }
                let (start, end) = OracleLimitPeriod.bounds(limit.period, around: reward.earnedAt)
                var count: Int64 = 0
                var used: Int64 = 0
                for g in granted where (limit.kind == nil || g.kind == limit.kind) {
                    if let start, g.at < start { continue }
                    if let end, g.at >= end { continue }
                    count += 1
                    if let max = limit.maxAmount, g.currency == max.currency.code {
                        let (s, o) = used.addingReportingOverflow(g.amount)
                        if o { throw EvaluationError(.overflow, "the referrer's past rewards add up past what can be counted", path: "referrer.rewards") }
                        used = s
                    }
                }
                var within = true
                var saw = "\(count) reward\(count == 1 ? "" : "s") in \(OracleLimitPeriod.describe(limit.period, around: reward.earnedAt)) before this one"
                if let maxRewards = limit.maxRewards {
                    saw += ", at most \(maxRewards)"
                    if count >= maxRewards, reward.amount.minorUnits > 0 {
                        within = false
                        reward.uncappedMinor = reward.uncappedMinor ?? reward.amount.minorUnits
                        reward.amount.minorUnits = 0
                        reward.limitedBy = limit.id
                    }
                }
                if let max = limit.maxAmount, max.currency == reward.amount.currency {
                    let remaining = Swift.max(0, max.minorUnits - used)
                    saw += "; \(Money(minorUnits: used, currency: max.currency).display) of \(max.display) used"
                    if reward.amount.minorUnits > remaining {
                        within = false
                        reward.uncappedMinor = reward.uncappedMinor ?? reward.amount.minorUnits
                        reward.amount.minorUnits = remaining
                        reward.limitedBy = limit.id
                    }
                }
                note(limit.id, .limit, within, saw)
            }
            rewards[i] = reward
            if reward.amount.minorUnits > 0 {
                granted.append((reward.earnedAt, reward.amount.minorUnits, reward.amount.currency.code, reward.kind))
            }
        }
        checks += notes
    }
}

/// The calendar or rolling period a limit counts over, around the instant a reward is earned.
enum OracleLimitPeriod {
    /// `[start, end)` around a reward earned at `at`: rewards granted from the start of the
    /// period up to and including `at` count, so re-deciding an old referral never counts
    /// rewards granted after it. A nil start is open.
    static func bounds(_ period: LimitRule.Period, around at: Instant) -> (Instant?, Instant?) {
        let (y, m, _) = at.civil
        let end = Instant(secondsSinceEpoch: at.secondsSinceEpoch + 1)
        switch period {
        case .lifetime:
            return (nil, end)
        case .calendarYear:
            return (Instant.date(year: y, month: 1, day: 1), end)
        case .calendarMonth:
            return (Instant.date(year: y, month: m, day: 1), end)
        case .rollingDays(let days):
            return (at.adding(days: -days).map { Instant(secondsSinceEpoch: $0.secondsSinceEpoch + 1) }, end)
        case .rollingCalendar:
            // Not in the language this evaluator decided; the oracle is never given such a policy.
            preconditionFailure("the oracle predates rolling limits in months")
        }
    }

    static func describe(_ period: LimitRule.Period, around at: Instant) -> String {
        let (y, m, _) = at.civil
        switch period {
        case .lifetime: return "the referrer's lifetime"
        case .calendarYear: return "calendar year \(y)"
        case .calendarMonth: return "calendar month \(y)-\(m < 10 ? "0" : "")\(m)"
        case .rollingDays(let d): return "the \(d) days up to \(at)"
        case .rollingCalendar: preconditionFailure("the oracle predates rolling limits in months")
        }
    }
}
