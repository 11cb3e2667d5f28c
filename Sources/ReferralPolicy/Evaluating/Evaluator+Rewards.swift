/// Rewards of a qualified referral (and, for a type with milestones, those of the milestones
/// reached, whatever the status): amounts (fixed, percent, tiers), hold periods, credit expiry,
/// then the per-referrer limits over the snapshot's reward history.
extension Evaluator {
    mutating func rewards(_ type: Plan.ReferralType, _ leaves: UnsafeBufferPointer<Plan.Leaf>, qualifiedAt: Instant?,
                          _ milestones: MilestoneWork?, _ outcome: inout Outcome, _ scratch: inout EvaluationScratch) throws(EvaluationError) {
        let zone = plan.zone  // once, for the holds and expiries below
        for r in type.rewards.range {
            // A reward of a milestone is earned when the milestone is reached; the others when
            // the type's requirements are met.
            guard let earned = milestones.map({ milestoneEarnedAt(reward: r, $0, qualifiedAt: qualifiedAt) }) ?? qualifiedAt else { continue }
            let reward = plan.rewards[r]
            var amount: Int64
            var kind = reward.kind
            var tier: Int32 = -1
            var earnedAt = earned
            var expiresDays = reward.creditExpiresDays
            var expiresMonths = reward.creditExpiresMonths
            switch reward.amount {
            case .fixed(let a):
                amount = a
                observer.reward(plan, r, tier: -1, measured: 0, uncapped: a, amount: a)
            case .percent(let bp, let leaf, let minimum, let maximum):
                let measured = scratch.state[Int(leaf)].have
                let product = measured.multipliedFullWidth(by: bp)
                guard product.high < 5_000 && product.high > -5_000 else {
                    throw EvaluationError(.overflow, "`\(plan.strings[Int(reward.id)])`: the percent of \(measured) overflows", path: nil)
                }
                let q = Int64(10_000).dividingFullWidth(product).quotient
                amount = q
                if let minimum, amount < minimum { amount = minimum }
                if let maximum, amount > maximum { amount = maximum }
                observer.reward(plan, r, tier: -1, measured: measured, uncapped: q, amount: amount)
            case .tiers(let leaf, let span):
                let state = scratch.state[Int(leaf)]
                let measured = state.have
                var found = -1
                for k in span.range where plan.tiers[k].atLeast <= measured { found = k }
                observer.reward(plan, r, tier: found, measured: measured, uncapped: 0, amount: 0)
                guard found >= 0 else { continue }
                let t = plan.tiers[found]
                amount = t.amount
                if t.table >= 0 {
                    guard let value = tableAmount(t.table, reward: r, tier: found, measured: measured) else { continue }
                    amount = value
                }
                kind = t.kind
                tier = Int32(found)
                expiresDays = t.creditExpiresDays
                expiresMonths = t.creditExpiresMonths
                if let at = reached(leaves[Int(leaf)], state, t.atLeast, scratch.timeline.elements), at > earnedAt { earnedAt = at }
            case .table(let k):
                guard let value = tableAmount(k, reward: r, tier: -1, measured: 0) else { continue }
                amount = value
            case .percentOfEvent(let bp, let leaf, let largest, let minimum, let maximum):
                amount = try percentOfEvent(basisPoints: bp, leaves[Int(leaf)], scratch.state[Int(leaf)], largest: largest,
                                            min: minimum, max: maximum, reward: r, scratch.timeline.elements)
            }
            guard let payableAt = Plan.later(earnedAt, days: reward.holdDays, months: reward.holdMonths, zone) else {
                throw EvaluationError(.overflow, "`\(plan.strings[Int(reward.id)])`: the payable date is out of range", path: nil)
            }
            var expiresAt: Instant?
            if kind == .credit, expiresDays != nil || expiresMonths != 0 {
                guard let e = Plan.later(payableAt, days: expiresDays ?? 0, months: expiresMonths, zone) else {
                    throw EvaluationError(.overflow, "`\(plan.strings[Int(reward.id)])`: the credit expiry date is out of range", path: nil)
                }
                expiresAt = e
            }
            outcome.rewards.append(Outcome.Reward(reward: Int32(r), tier: tier, kind: kind, amount: amount, earnedAt: earnedAt,
                                                  payableAt: payableAt, expiresAt: expiresAt, limitedBy: -1, uncapped: nil))
        }
        if plan.limits.count > 0 { try applyLimits(&outcome, &scratch, byTime: milestones) }
    }

    /// Caps rewards to the referrer: a count limit withholds the reward (amount 0), an amount
    /// limit reduces it to what remains. Past rewards for this same referral are not counted.
    private mutating func applyLimits(_ outcome: inout Outcome, _ scratch: inout EvaluationScratch, byTime order: MilestoneWork?) throws(EvaluationError) {
        // Past rewards were checked when the snapshot was read (``FactsView/checkPastRewards(_:)``).
        scratch.granted.removeAll(keepingCapacity: true)
        let id = facts.head.id
        let idBytes = facts.bytes(id)  // once, not for each past reward
        for past in facts.rewards {
            if !past.referralID.isMissing,
               TextBytes.equal(facts.bytes(past.referralID), idBytes, ascii: past.referralID.ascii && id.ascii) { continue }
            scratch.granted.append(GrantedReward(at: past.grantedAt, amount: past.amount, pastCurrency: past.currency,
                                                 planCurrency: -1, kind: past.kind))
        }
        // Milestone rewards are earned at different instants: each counts toward the limits at its own.
        if let order { Self.orderByTime(outcome.rewards, into: &order.limitOrder) }
        // The plan's tables read once (each read of the plan in the loops retained it).
        let limits = plan.limits, zone = plan.zone, codes = plan.currencyCodes, codeBytes = plan.bytes
        for n in 0..<outcome.rewards.count {
            let i = order?.limitOrder[n] ?? n
            var reward = outcome.rewards[i]
            // Two fields of the reward's rule, read where it is (not a copy of the whole of it).
            let rule = plan.rewards.pointer(Int(reward.reward))
            guard rule.pointee.to == .referrer else { continue }
            let currency = rule.pointee.currency
            let limitedBefore = reward.limitedBy
            for l in 0..<limits.count {
                let limit = limits[l]
                if let kind = limit.kind, kind != reward.kind { continue }
                var count: Int64 = 0
                var used: Int64 = 0
                // With nothing counted yet (no past reward, none earlier in this decision) the
                // period's bounds, a civil date worked out, are not needed: 0 rewards, 0 used.
                if scratch.granted.count > 0 {
                    let (start, end) = LimitPeriod.bounds(limit.period, around: reward.earnedAt, zone: zone)
                    for g in scratch.granted where limit.kind == nil || g.kind == limit.kind {
                        if let start, g.at < start { continue }
                        if let end, g.at >= end { continue }
                        count += 1
                        // Whether the reward counted is in the limit's currency: this decision's by its
                        // index, a past one by its code's bytes.
                        if limit.maxAmount != nil,
                           g.planCurrency >= 0 ? g.planCurrency == limit.amountCurrency
                               : TextBytes.equal(facts.bytes(g.pastCurrency), codeBytes.buffer(codes[Int(limit.amountCurrency)]),
                                                 ascii: g.pastCurrency.ascii) {
                            let (s, o) = used.addingReportingOverflow(g.amount)
                            if o { throw EvaluationError(.overflow, "the referrer's past rewards add up past what can be counted", path: "referrer.rewards") }
                            used = s
                        }
                    }
                }
                var within = true
                if let maxRewards = limit.maxRewards, count >= maxRewards, reward.amount > 0 {
                    within = false
                    reward.uncapped = reward.uncapped ?? reward.amount
                    reward.amount = 0
                    reward.limitedBy = Int32(l)
                }
                if let max = limit.maxAmount, limit.amountCurrency == currency {  // currencies are listed once each
                    let remaining = Swift.max(0, max - used)
                    if reward.amount > remaining {
                        within = false
                        reward.uncapped = reward.uncapped ?? reward.amount
                        reward.amount = remaining
                        reward.limitedBy = Int32(l)
                    }
                }
                observer.limit(plan, l, earnedAt: reward.earnedAt, count: count, used: used, within: within)
            }
            if reward.limitedBy != limitedBefore { outcome.rewards[i] = reward }  // a limit changed it
            if reward.amount > 0 {
                scratch.granted.append(GrantedReward(at: reward.earnedAt, amount: reward.amount, pastCurrency: .missing,
                                                     planCurrency: currency, kind: reward.kind))
            }
        }
    }
}

/// The calendar or rolling period a limit counts over, around the instant a reward is earned.
enum LimitPeriod {
    /// `[start, end)` around a reward earned at `at`: rewards granted from the start of the
    /// period up to and including `at` count, so re-deciding an old referral never counts
    /// rewards granted after it. A nil start is open.
    /// Calendar months and years are the program's time zone's (`zone`; UTC when nil).
    /// Outlined: inlined into ``Evaluator/applyLimits(_:_:byTime:)``, its civil date was worked
    /// out ahead of the check that no reward is counted yet (the optimizer hoisted it).
    @inline(never)
    static func bounds(_ period: LimitRule.Period, around at: Instant, zone: ZoneView? = nil) -> (Instant?, Instant?) {
        let end = Instant(secondsSinceEpoch: at.secondsSinceEpoch + 1)
        if let zone { return zonedBounds(period, around: at, zone: zone) }
        let (y, m, _) = at.civil
        switch period {
        case .lifetime:
            return (nil, end)
        case .calendarYear:
            return (Instant.date(year: y, month: 1, day: 1), end)
        case .calendarMonth:
            return (Instant.date(year: y, month: m, day: 1), end)
        case .rollingDays(let days):
            return (at.adding(days: -days).map { Instant(secondsSinceEpoch: $0.secondsSinceEpoch + 1) }, end)
        case .rollingCalendar(let span):
            return (ZonedCalendar.adding(months: -span.months, to: at, nil).map { Instant(secondsSinceEpoch: $0.secondsSinceEpoch + 1) }, end)
        }
    }

    /// ``bounds(_:around:zone:)`` in a time zone other than UTC: the local month or year.
    private static func zonedBounds(_ period: LimitRule.Period, around at: Instant, zone: ZoneView) -> (Instant?, Instant?) {
        let end = Instant(secondsSinceEpoch: at.secondsSinceEpoch + 1)
        switch period {
        case .lifetime:
            return (nil, end)
        case .calendarYear:
            return (ZonedCalendar.startOfYear(at, zone), end)
        case .calendarMonth:
            return (ZonedCalendar.startOfMonth(at, zone), end)
        case .rollingDays(let days):
            return (at.adding(days: -days).map { Instant(secondsSinceEpoch: $0.secondsSinceEpoch + 1) }, end)
        case .rollingCalendar(let span):
            return (ZonedCalendar.adding(months: -span.months, to: at, zone).map { Instant(secondsSinceEpoch: $0.secondsSinceEpoch + 1) }, end)
        }
    }

    static func describe(_ period: LimitRule.Period, around at: Instant, zone: ZoneView? = nil) -> String {
        let (y, m, _) = ZonedCalendar.civil(at, zone)
        switch period {
        case .lifetime: return "the referrer's lifetime"
        case .calendarYear: return "calendar year \(y)"
        case .calendarMonth: return "calendar month \(y)-\(m < 10 ? "0" : "")\(m)"
        case .rollingDays(let d): return "the \(d) days up to \(at)"
        case .rollingCalendar(let span): return "the \(span.text) up to \(at)"
        }
    }
}
