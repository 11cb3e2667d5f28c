/// What an explanation says of amounts beyond a fixed number and a percent of a sum: tiers of a
/// count ("34 `trip` events reaches tier …; 16 more for …"), amounts looked up by a field's value,
/// and a percent of the first or largest qualifying event.
extension ExplanationRecorder {
    /// The leaf (local index `local` of the type whose reward `r` is) a reward measures.
    static func leaf(_ plan: Plan, reward r: Int, local: Int32) -> Plan.Leaf {
        for k in 0..<plan.types.count where plan.types[k].rewards.range.contains(r) {
            return plan.leaves.buffer(plan.types[k].leaves)[Int(local)]
        }
        preconditionFailure("reward \(r) belongs to no referral type")  // the compiler gives every reward a type
    }

    /// `trip`, or `buy` or `sell` for a leaf of several event types (between backticks: one
    /// event of any of them).
    static func anyEvent(_ plan: Plan, _ leaf: Plan.Leaf) -> String {
        plan.eventNames(of: leaf).joined(separator: "` or `")
    }

    /// `34 `trip` events`, `5 days with a `trip` event`, `$320.00`.
    static func measured(_ plan: Plan, _ leaf: Plan.Leaf, _ value: Int64) -> String {
        let name = anyEvent(plan, leaf)
        switch leaf.measure {
        case .sum: return Money(minorUnits: value, currency: plan.currency(ofLeaf: leaf)).display
        case .count: return "\(value) `\(name)` event\(value == 1 ? "" : "s")"
        case .distinctDays, .distinctLocalDays: return "\(value) day\(value == 1 ? "" : "s") with a `\(name)` event"
        }
    }

    /// A tier of a count: the tier reached (or none), and how far the next one is.
    static func countTierCheck(_ plan: Plan, _ r: Int, tier: Int, measured value: Int64, _ leaf: Plan.Leaf) -> Decision.Check {
        let reward = plan.rewards[r]
        guard case .tiers(_, let span) = reward.amount else { preconditionFailure("a tier check of a reward without tiers") }
        let currency = plan.currencies[Int(reward.currency)]
        let seen = "measured \(measured(plan, leaf, value))"
        let next = nextTier(plan, span, value)
        guard tier >= 0 else {
            return Decision.Check(rule: plan.strings[Int(reward.id)], kind: .tier, held: false, saw: "\(seen) reaches no tier\(next)")
        }
        let t = plan.tiers[tier]
        let id = plan.strings[Int(t.id)]
        return Decision.Check(rule: id, kind: .tier, held: true,
                              saw: "\(seen) reaches tier `\(id)` (at least \(t.atLeast)): \(Money(minorUnits: t.amount, currency: currency).display) \(t.kind.rawValue)\(next)")
    }

    /// `; 34 of 50 for the next tier, `driver.bonus.gold``: how far a count is from the next tier.
    static func nextTier(_ plan: Plan, _ span: Span32, _ value: Int64) -> String {
        guard let k = span.range.first(where: { plan.tiers[$0].atLeast > value }) else { return "" }
        let t = plan.tiers[k]
        return "; \(value) of \(t.atLeast) for the next tier, `\(plan.strings[Int(t.id)])`"
    }

    /// The value of the table's field, as explanations show values: `` `london` ``, `3`, `missing`.
    static func value(_ plan: Plan, _ table: Plan.AmountTable, _ facts: FactsView) -> String {
        switch EligibilityCheck.value(plan, table.field, facts) {
        case .text(let t): return facts.string(t).map { "`\($0)`" } ?? "missing"
        case .attribute(let a): return a.map { facts.value($0).display } ?? "missing"
        case .list(let items): return "[" + items.map { facts.string($0) ?? "" }.joined(separator: ", ") + "]"
        }
    }

    /// An amount looked up by a field: the value seen, the amount it picks (or the default, or
    /// nothing); for a tier, the tier reached first.
    static func tableCheck(_ plan: Plan, _ r: Int, tier: Int, measured value: Int64, table k: Int, entry: Int, amount: Int64?,
                           _ facts: FactsView) -> Decision.Check {
        let reward = plan.rewards[r]
        let currency = plan.currencies[Int(reward.currency)]
        let table = plan.amountTables.tables[k]
        var saw = ""
        var next = ""
        var rule = plan.strings[Int(reward.id)]
        var kind = reward.kind
        if tier >= 0, case .tiers(let local, _) = reward.amount {
            let t = plan.tiers[tier]
            let leaf = leaf(plan, reward: r, local: local)
            rule = plan.strings[Int(t.id)]
            kind = t.kind
            let start = leaf.measure == .sum ? Money(minorUnits: t.atLeast, currency: plan.currency(ofLeaf: leaf)).display : String(t.atLeast)
            saw = "measured \(measured(plan, leaf, value)) reaches tier `\(rule)` (at least \(start)); "
            if leaf.measure != .sum, case .tiers(_, let span) = reward.amount { next = nextTier(plan, span, value) }
        }
        saw += "\(plan.strings[Int(table.path)]) is \(Self.value(plan, table, facts))"
        if entry >= 0 {
            saw += ": \(Money(minorUnits: amount ?? 0, currency: currency).display) \(kind.rawValue)"
        } else if let amount {
            saw += ", not in the table: the default, \(Money(minorUnits: amount, currency: currency).display) \(kind.rawValue)"
        } else {
            saw += ", not in the table, and there is no default: nothing is paid"
        }
        if tier < 0 { saw += " to the \(reward.to.rawValue)" }
        saw += next
        return Decision.Check(rule: rule, kind: tier >= 0 ? .tier : .reward, held: amount != nil, saw: saw)
    }

    /// `10.00% of the first `order` event ($40.00, at 2025-07-12T10:00:00Z) is $4.00`.
    static func percentOfEventCheck(_ plan: Plan, _ r: Int, event: Int, measured value: Int64, uncapped: Int64, amount: Int64,
                                    _ facts: FactsView) -> Decision.Check {
        let reward = plan.rewards[r]
        let currency = plan.currencies[Int(reward.currency)]
        guard case .percentOfEvent(let bp, let local, let largest, _, _) = reward.amount else {
            preconditionFailure("a percent-of-an-event check of another reward")
        }
        let leaf = leaf(plan, reward: r, local: local)
        let name = anyEvent(plan, leaf)
        let which = largest ? "largest" : "first"
        let of = event >= 0
            ? "the \(which) `\(name)` event (\(Money(minorUnits: value, currency: plan.currency(ofLeaf: leaf)).display), at \(facts.events[event].at))"
            : "no qualifying `\(name)` event (\(Money(minorUnits: 0, currency: plan.currency(ofLeaf: leaf)).display))"
        let bounded = amount != uncapped ? ", bounded to \(Money(minorUnits: amount, currency: currency).display)" : ""
        return Decision.Check(rule: plan.strings[Int(reward.id)], kind: .reward, held: true,
                              saw: "\(Money.decimalString(bp, digits: 2))% of \(of) is \(Money(minorUnits: uncapped, currency: currency).display)\(bounded)")
    }
}
