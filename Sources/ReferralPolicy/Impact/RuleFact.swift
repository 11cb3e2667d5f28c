/// One rule of a policy version as the rule diff compares it: its stable id, what kind of rule
/// it is, its values as a person reads them (`amount` `25.00`, `window` `180 days`), its
/// description, and where it is written.
///
/// Two versions' rules are matched by id; values are compared as text, so a change shows as
/// `freelancer.referrer_bonus.starter: amount 25.00 -> 30.00`. Descriptions are kept apart:
/// they change nothing that is decided.
struct RuleFact: Sendable, Equatable {
    /// `freelancer.referrer_bonus.starter`, `client`, `yearly_cap`, `policy`.
    var id: String
    /// `tier`, `reward`, `requirement`, `eligibility`, `limit`, `type`, `reversal`, `event`,
    /// `attribute`, `unit`, `policy`.
    var kind: String
    /// Named values in a fixed order.
    var values: [(name: String, value: String)]
    var description: String?
    var location: SourceLocation

    static func == (lhs: RuleFact, rhs: RuleFact) -> Bool {
        lhs.id == rhs.id && lhs.kind == rhs.kind && lhs.description == rhs.description
            && lhs.values.map(\.name) == rhs.values.map(\.name) && lhs.values.map(\.value) == rhs.values.map(\.value)
    }

    /// The value named `name`, when the rule has it.
    func value(_ name: String) -> String? {
        values.first { $0.name == name }?.value
    }
}

extension RuleFact {
    /// Every rule of `model`, in file order: the version itself (`policy`), declared
    /// attributes and events, common eligibility, limits, then each referral type with its
    /// eligibility, requirements (nested ones too), rewards, tiers and reversal.
    static func facts(of model: PolicyModel) -> [RuleFact] {
        var out: [RuleFact] = []
        var policyValues: [(String, String)] = [("currency", model.currency.code)]
        policyValues.append(("effective", Self.period(model.effective)))
        policyValues.append(("decided_by", model.effective.basis.rawValue))
        policyValues += Self.eventSettings(model)
        policyValues.append(("time_zone", model.timeZone?.name ?? "UTC"))
        out.append(RuleFact(id: "policy", kind: "policy", values: policyValues, description: model.description,
                            location: model.versionLocation))
        out += Self.units(model)
        for (side, attributes) in [("referrer", model.referrerAttributes), ("referee", model.refereeAttributes)] {
            for a in attributes {
                out.append(RuleFact(id: "\(side).\(a.name)", kind: "attribute", values: [("type", a.type.rawValue)],
                                    description: nil, location: a.location))
            }
        }
        for e in model.events {
            var values: [(String, String)] = [("amount", e.hasAmount ? "yes" : "no")]
            if !e.attributes.isEmpty {
                values.append(("attributes", Self.list(e.attributes.map { "\($0.name): \($0.type.rawValue)" })))
            }
            values += Self.amountSettings(e, model)
            out.append(RuleFact(id: "events.\(e.name)", kind: "event", values: values, description: e.description,
                                location: e.location))
        }
        for rule in model.eligibility { out.append(eligibility(rule)) }
        for limit in model.limits { out.append(Self.limit(limit)) }
        for type in model.types {
            // Its requirements, rewards and their tiers are rules of their own, added and removed by id.
            let values: [(String, String)] = [("window", type.window.map(Self.window) ?? "none")]
            out.append(RuleFact(id: type.name, kind: "type", values: values, description: type.description,
                                location: type.location))
            for rule in type.eligibility { out.append(eligibility(rule)) }
            for requirement in type.requirements { Self.requirement(requirement, into: &out) }
            for reward in type.rewards {
                Self.reward(reward, into: &out)
                if let m = reward.when { Self.milestone(type.milestones[m], type: type, into: &out) }
            }
            for m in type.milestones where !m.onReward { Self.milestone(m, type: type, into: &out) }
            if let r = type.reversal {
                out.append(RuleFact(id: r.id.id, kind: "reversal",
                                    values: [("on", Self.list(r.events.map(\.name))), ("within", r.withinCalendar?.text ?? Self.days(r.withinDays))],
                                    description: nil, location: r.location))
            }
        }
        return out
    }

    private static func eligibility(_ rule: EligibilityRule) -> RuleFact {
        let values: [(String, String)]
        switch rule.condition {
        case .field(let field, let comparison, let literals):
            values = [("field", field.path), ("test", comparison.rawValue), ("values", list(literals.map(\.text)))]
        case .selfReferral(let allowed):
            values = [("self_referral", allowed ? "allow" : "deny")]
        case .fields(let left, let relation, let right):
            values = [("field", left.path), ("test", relation.rawValue), ("values", right.path)]
        }
        return RuleFact(id: rule.id.id, kind: "eligibility", values: values, description: rule.description, location: rule.location)
    }

    private static func limit(_ limit: LimitRule) -> RuleFact {
        let period = switch limit.period {
        case .calendarMonth: "calendar month"
        case .calendarYear: "calendar year"
        case .lifetime: "lifetime"
        case .rollingDays(let d): "rolling \(days(d))"
        case .rollingCalendar(let span): "rolling \(span.text)"
        }
        var values: [(String, String)] = [("period", period)]
        values.append(("max_rewards", limit.maxRewards.map(String.init) ?? "none"))
        values.append(("max_amount", limit.maxAmount.map(money) ?? "none"))
        values.append(("kind", limit.kind?.rawValue ?? "any"))
        if let m = limit.maxAmount { values.append(("currency", m.currency.code)) }
        return RuleFact(id: limit.id.id, kind: "limit", values: values, description: limit.description, location: limit.location)
    }

    private static func requirement(_ r: RequirementModel, into out: inout [RuleFact]) {
        var values: [(String, String)] = []
        var children: [RequirementModel] = []
        switch r.kind {
        case .count(let event, _, let atLeast, let distinctDays):
            values = [("count", r.moreEvents.isEmpty ? event : list(r.measuredEvents.map(\.name))), ("at_least", String(atLeast))]
            if distinctDays { values.append(("distinct_days", "yes")) }
        case .sum(let event, _, let atLeast):
            values = [("sum", r.moreEvents.isEmpty ? event : list(r.measuredEvents.map(\.name))), ("at_least", money(atLeast))]
        case .all(let items):
            values = [("all", list(items.map(\.id.id)))]
            children = items
        case .any(let items):
            values = [("any", list(items.map(\.id.id)))]
            children = items
        case .not(let inner):
            values = [("not", inner.id.id)]
            children = [inner]
        }
        if !r.filters.isEmpty {
            values.append(("where", r.filters.map { f in
                f.compared.map { "\(f.attribute) \($0.relation.rawValue) \($0.field.path)" } ?? "\(f.attribute) \(f.comparison.rawValue) \(list(f.values.map(\.text)))"
            }
                .joined(separator: "; ")))
        }
        if let w = r.window { values.append(("window", window(w))) }
        out.append(RuleFact(id: r.id.id, kind: "requirement", values: values, description: r.description, location: r.location))
        for child in children { requirement(child, into: &out) }
    }

    /// A milestone: what its `when` needs and its window (a reward's own `when` is a value of the
    /// reward), then the requirements it writes in place and the rewards it pays.
    private static func milestone(_ m: MilestoneModel, type: ReferralTypeModel, into out: inout [RuleFact]) {
        let when = list(m.when.map { c in
            switch c {
            case .signup: "signup"
            case .reference(let name, _): "\(type.name).\(name)"
            case .requirement(let r): r.id.id
            case .nthReferral(let n): "nth_referral \(n.n)" + (n.types.map { " of " + list($0.map(\.name)) } ?? "")
            }
        })
        if m.onReward {
            if let i = out.lastIndex(where: { $0.id == m.id.id && $0.kind == "reward" }) { out[i].values.append(("when", when)) }
        } else {
            var values: [(String, String)] = [("when", when)]
            if let w = m.window { values.append(("window", window(w))) }
            out.append(RuleFact(id: m.id.id, kind: "milestone", values: values, description: m.description, location: m.location))
        }
        for r in m.inlineRequirements { requirement(r, into: &out) }
        for r in m.rewards {
            reward(r, into: &out)
            if let i = out.lastIndex(where: { $0.id == r.id.id && $0.kind == "reward" }) { out[i].values.append(("milestone", m.id.id)) }
        }
    }

    private static func reward(_ r: RewardModel, into out: inout [RuleFact]) {
        var values: [(String, String)] = [("to", r.to.rawValue)]
        var tiers: [TierModel] = []
        switch r.amount {
        case .fixed(let m):
            values += [("kind", r.kind.rawValue), ("amount", money(m))]
        case .percent(let bp, let of, _, let min, let max):
            let event = r.taking == .sum ? "" : "the \(r.taking.rawValue) event of "
            values += [("kind", r.kind.rawValue), ("amount", "\(Money.decimalString(bp, digits: 2))% of \(event)\(of)"),
                       ("min", min.map(money) ?? "none"), ("max", max.map(money) ?? "none")]
        case .tiers(let of, _, let levels):
            values += [("tiers_of", of)]
            tiers = levels
        case .byField(let table):
            values += [("kind", r.kind.rawValue)] + Self.table(table)
        }
        values.append(("currency", r.currency.code))
        values.append(("hold", r.holdCalendar?.text ?? days(r.holdDays)))
        if r.kind == .credit, tiers.isEmpty {
            values.append(("credit_expires", r.creditExpiresCalendar?.text ?? r.creditExpiresDays.map(days) ?? "never"))
        }
        out.append(RuleFact(id: r.id.id, kind: "reward", values: values, description: r.description, location: r.location))
        for t in tiers {
            var tv: [(String, String)] = [("at_least", threshold(t.atLeast))]
            tv += t.amountTable.map(Self.table) ?? [("amount", money(t.amount))]
            tv.append(("kind", t.kind.rawValue))
            if t.kind == .credit { tv.append(("credit_expires", t.creditExpiresCalendar?.text ?? t.creditExpiresDays.map(days) ?? "never")) }
            out.append(RuleFact(id: t.id.id, kind: "tier", values: tv, description: nil, location: t.location))
        }
    }

    /// An amount by a field: `amount` `by referee.city`, then `amount for london` `20.00` per
    /// value, and `default amount`, so that a changed entry reads
    /// `freelancer.referrer_bonus: amount for london 20.00 -> 25.00`.
    static func table(_ t: AmountTableModel) -> [(String, String)] {
        [("amount", "by \(t.field.path)")] + t.entries.map { ("amount for \($0.key.text)", money($0.amount)) }
            + [("default amount", t.defaultAmount.map(money) ?? "none")]
    }

    /// `100.00` for a tier of money, `20` for a tier of a count.
    static func threshold(_ t: TierThreshold) -> String {
        switch t {
        case .money(let m): money(m)
        case .count(let n): String(n)
        }
    }

    /// `25.00`: the amount as the policy writes it (its currency is the reward's or policy's).
    static func money(_ m: Money) -> String {
        Money.decimalString(m.minorUnits, digits: m.currency.minorUnitDigits)
    }

    /// `180 days`, `1 day`.
    static func days(_ n: Int64) -> String {
        n == 1 ? "1 day" : "\(n) days"
    }

    /// `[CU, IR, KP, SY]`.
    static func list(_ items: [String]) -> String {
        "[" + items.joined(separator: ", ") + "]"
    }

    /// `180 days`, `until 2025-12-31`, `180 days, until 2025-12-31`, `any time`.
    static func window(_ w: WindowModel) -> String {
        if w.anyTime { return "any time" }
        var parts: [String] = []
        if let d = w.days { parts.append(days(d)) }
        if let c = w.calendar { parts.append(c.text) }
        if let u = w.until { parts.append("until \(instant(u))") }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }

    /// `from 2025-07-01 until 2026-01-01`, `from 2025-07-01`, `always`.
    static func period(_ p: EffectivePeriod) -> String {
        var parts: [String] = []
        if let f = p.from { parts.append("from \(instant(f))") }
        if let u = p.until { parts.append("until \(instant(u))") }
        return parts.isEmpty ? "always" : parts.joined(separator: " ")
    }

    /// A date at midnight UTC as `2025-07-01`, any other instant in full.
    static func instant(_ i: Instant) -> String {
        i.secondsSinceEpoch % 86_400 == 0 ? i.dateString : i.description
    }
}
