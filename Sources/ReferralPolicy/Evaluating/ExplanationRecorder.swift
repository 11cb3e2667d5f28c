/// The observer that explains: every rule checked, whether it held and what it saw, as the
/// ``Decision/Check``s of ``Decision/explanation``.
struct ExplanationRecorder: EvaluationObserver {
    typealias Plan = EvaluationPlan

    static var checksEveryRule: Bool { true }

    var checks: [Decision.Check] = []
    /// The event types the program's other versions declare, when deciding with a set: what
    /// the explanation of an event left out says.
    var programEvents: ProgramEvents?
    /// The snapshot's facts, once its events are read (for what measures left out).
    var facts: FactsView?

    mutating func version(_ plan: Plan, _ facts: FactsView) {
        let e = plan.effective
        let date = e.basis == .asOf ? "as_of \(facts.head.asOf)" : "referee.signup_at \(facts.head.signupAt)"
        let span = "in force from \(e.from.map(\.description) ?? "the beginning") until \(e.until.map(\.description) ?? "further notice")"
        checks.append(Decision.Check(rule: "\(plan.identity.program)@\(plan.identity.version)", kind: .version, held: true,
                                     saw: "\(date); version \(plan.identity.version) is \(span)"))
    }

    mutating func eligibility(_ plan: Plan, rule k: Int, held: Bool, _ facts: FactsView) {
        let rule = plan.rules[k]
        checks.append(Decision.Check(rule: plan.strings[Int(rule.id)], kind: .eligibility, held: held,
                                     saw: Self.describe(plan, rule, facts)))
    }

    mutating func window(_ plan: Plan, type: Int, start: Instant?, end: Instant?, asOf: Instant, qualifiedAt: Instant?) {
        // The window holds while it is open, and for good once the requirements were met.
        let open = end.map { asOf <= $0 } ?? true
        let span = "from \(start.map(\.description) ?? "any time") until \(end.map(\.description) ?? "no end")"
        let met = qualifiedAt.map { "; the requirements were met at \($0)" } ?? ""
        checks.append(Decision.Check(rule: "\(plan.name(ofType: type)).window", kind: .window, held: open || qualifiedAt != nil,
                                     saw: "qualifying events count \(span); as_of \(asOf)\(met)"))
    }

    mutating func requirements(_ plan: Plan, type k: Int, state: UnsafeBufferPointer<LeafState>) {
        let type = plan.types[k]
        requirementChecks(plan, nodes: type.nodes, leaves: plan.leaves.buffer(type.leaves), state: state, onlyNew: false)
    }

    /// The checks of the requirement tree `span`; with `onlyNew`, not those already explained
    /// (a milestone's requirements named by id are the type's).
    mutating func requirementChecks(_ plan: Plan, nodes span: Span32, leaves: UnsafeBufferPointer<Plan.Leaf>,
                                            state: UnsafeBufferPointer<LeafState>, onlyNew: Bool) {
        var stack: [Bool] = []
        func append(_ check: Decision.Check) {
            if onlyNew, checks.contains(where: { $0.kind == .requirement && $0.rule == check.rule }) { return }
            checks.append(check)
        }
        for node in plan.nodes.buffer(span) {
            let id = plan.strings[Int(node.id)]
            switch node.kind {
            case .leaf(let local):
                let leaf = leaves[Int(local)]
                let have = state[Int(local)].have
                let name = leaf.moreEvents.count == 0 ? plan.eventNameList[Int(leaf.event)] : Self.eventWords(plan, leaf)
                let saw: String
                switch leaf.measure {
                case .sum:
                    let c = plan.currency(ofLeaf: leaf)
                    saw = "`\(name)` amounts in the window add up to \(Money(minorUnits: have, currency: c).display) of \(Money(minorUnits: leaf.threshold, currency: c).display) needed"
                        + otherCurrencyNote(plan, leaf, state[Int(local)])
                case .count, .distinctDays, .distinctLocalDays:
                    saw = "\(have) `\(name)` \(leaf.measure == .count ? "event" : "day")\(have == 1 ? "" : "s") in the window of \(leaf.threshold) needed"
                        + otherCurrencyNote(plan, leaf, state[Int(local)])
                }
                let held = have >= leaf.threshold
                append(Decision.Check(rule: id, kind: .requirement, held: held, have: have, need: leaf.threshold, saw: saw))
                stack.append(held)
            case .all(let c), .any(let c):
                let children = stack.suffix(Int(c))
                let met = children.filter { $0 }.count
                let isAll: Bool = if case .all = node.kind { true } else { false }
                let held = isAll ? met == Int(c) : met > 0
                stack.removeLast(Int(c))
                append(Decision.Check(rule: id, kind: .requirement, held: held, saw: "\(isAll ? "all" : "any") of \(c): \(met) met"))
                stack.append(held)
            case .not:
                let held = !stack.removeLast()
                append(Decision.Check(rule: id, kind: .requirement, held: held, saw: "holds when the requirement under it does not"))
                stack.append(held)
            }
        }
    }

    mutating func reversal(_ plan: Plan, _ k: Int, by event: Int?, qualifiedAt: Instant, _ facts: FactsView) {
        let reversal = plan.reversals[k]
        let id = plan.strings[Int(reversal.id)]
        if let event {
            let e = facts.events[event]
            checks.append(Decision.Check(rule: id, kind: .reversal, held: false,
                                         saw: "`\(facts.string(e.type) ?? "")` at \(e.at), within \(Self.period(reversal)) of qualifying at \(qualifiedAt)"))
        } else {
            let names = plan.reversalEvents.buffer(reversal.events).map { "`\(plan.eventNameList[Int($0)])`" }
            checks.append(Decision.Check(rule: id, kind: .reversal, held: true,
                                         saw: "no \(names.joined(separator: " or ")) within \(Self.period(reversal)) of qualifying at \(qualifiedAt)"))
        }
    }

    mutating func reward(_ plan: Plan, _ r: Int, tier: Int, measured: Int64, uncapped: Int64, amount: Int64) {
        let reward = plan.rewards[r]
        let id = plan.strings[Int(reward.id)]
        let currency = plan.currencies[Int(reward.currency)]
        let measuredIn = measuredCurrency(plan, r)
        func money(_ m: Int64, _ c: Currency) -> String { Money(minorUnits: m, currency: c).display }
        switch reward.amount {
        case .fixed(let a):
            checks.append(Decision.Check(rule: id, kind: .reward, held: true,
                                         saw: "fixed \(money(a, currency)) \(reward.kind.rawValue) to the \(reward.to.rawValue)"))
        case .percent(let bp, _, _, _):
            checks.append(Decision.Check(rule: id, kind: .reward, held: true,
                                         saw: "\(Money.decimalString(bp, digits: 2))% of \(money(measured, measuredIn)) is \(money(uncapped, currency))"
                                            + (amount != uncapped ? ", bounded to \(money(amount, currency))" : "")))
        case .table, .percentOfEvent:
            break  // explained by `tableAmount` and `percentOfEvent`
        case .tiers(let leaf, _):
            if tier >= 0, plan.tiers[tier].table >= 0 { return }  // explained by `tableAmount`
            let measure = Self.leaf(plan, reward: r, local: leaf)
            if measure.measure != .sum {
                checks.append(Self.countTierCheck(plan, r, tier: tier, measured: measured, measure))
                return
            }
            guard tier >= 0 else {
                checks.append(Decision.Check(rule: id, kind: .tier, held: false, saw: "measured \(money(measured, measuredIn)) reaches no tier"))
                return
            }
            let t = plan.tiers[tier]
            let tierID = plan.strings[Int(t.id)]
            checks.append(Decision.Check(rule: tierID, kind: .tier, held: true,
                                         saw: "measured \(money(measured, measuredIn)) reaches tier `\(tierID)` (at least \(money(t.atLeast, measuredIn))): \(money(t.amount, currency)) \(t.kind.rawValue)"))
        }
    }

    mutating func tableAmount(_ plan: Plan, _ r: Int, tier: Int, measured: Int64, table: Int, entry: Int, amount: Int64?,
                              _ facts: FactsView) {
        checks.append(Self.tableCheck(plan, r, tier: tier, measured: measured, table: table, entry: entry, amount: amount, facts))
    }

    mutating func percentOfEvent(_ plan: Plan, _ r: Int, event: Int, measured: Int64, uncapped: Int64, amount: Int64, _ facts: FactsView) {
        checks.append(Self.percentOfEventCheck(plan, r, event: event, measured: measured, uncapped: uncapped, amount: amount, facts))
    }

    mutating func limit(_ plan: Plan, _ l: Int, earnedAt: Instant, count: Int64, used: Int64, within: Bool) {
        let limit = plan.limits[l]
        var saw = "\(count) reward\(count == 1 ? "" : "s") in \(LimitPeriod.describe(limit.period, around: earnedAt, zone: plan.zone)) before this one"
        if let maxRewards = limit.maxRewards { saw += ", at most \(maxRewards)" }
        if let max = limit.maxAmount {
            let currency = plan.currencies[Int(limit.amountCurrency)]
            saw += "; \(Money(minorUnits: used, currency: currency).display) of \(Money(minorUnits: max, currency: currency).display) used"
        }
        checks.append(Decision.Check(rule: plan.strings[Int(limit.id)], kind: .limit, held: within, saw: saw))
    }

    // MARK: - What a rule saw

    /// `60 days`, `6 months`: a reversal's period.
    static func period(_ reversal: Plan.Reversal) -> String {
        reversal.withinMonths == 0 ? "\(reversal.withinDays) days"
            : "\(reversal.withinMonths) month\(reversal.withinMonths == 1 ? "" : "s")"
    }

    /// A text constant as an explanation shows it: in double quotes, `"` and `\` escaped.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// "referee.country is `US`; must not be in ["CU", "IR", "KP", "SY"]". Text constants are
    /// quoted, so a one-value list that holds a comma (`in: link, code`) reads as what it is:
    /// `must be in ["link, code"]`, not `[link, code]`.
    static func describe(_ plan: Plan, _ rule: Plan.Rule, _ f: FactsView) -> String {
        switch rule.condition {
        case .selfReferral(let allowed):
            let same = EligibilityCheck.sameText(f, f.head.referrerID, f.head.refereeID)
            return "referrer.id `\(f.string(f.head.referrerID) ?? "")` \(same ? "is" : "is not") referee.id `\(f.string(f.head.refereeID) ?? "")`\(allowed ? "; self-referral allowed" : "")"
        case .field(let field, let test):
            let seen: String
            switch EligibilityCheck.value(plan, field, f) {
            case .text(let t): seen = f.string(t).map { "`\($0)`" } ?? "missing"
            case .list(let items): seen = "[" + items.map { f.string($0) ?? "" }.joined(separator: ", ") + "]"
            case .attribute(let a): seen = a.map { f.value($0).display } ?? "missing"
            }
            let list = plan.constants.buffer(test.values).map { c in
                switch c {
                case .text(_, _, let s): Self.quoted(plan.strings[Int(s)])
                case .integer(let i): String(i)
                case .bool(let b): b ? "true" : "false"
                }
            }.joined(separator: ", ")
            let wanted: String
            switch test.comparison {
            case .in: wanted = "must be in [\(list)]"
            case .notIn: wanted = "must not be in [\(list)]"
            case .equals: wanted = "must be \(list)"
            case .notEquals: wanted = "must not be \(list)"
            case .containsAny: wanted = "must contain one of [\(list)]"
            case .containsNone: wanted = "must contain none of [\(list)]"
            case .atLeast: wanted = "must be at least \(list)"
            case .atMost: wanted = "must be at most \(list)"
            }
            return "\(plan.strings[Int(rule.path)]) is \(seen); \(wanted)"
        case .fields(let field, let other):
            return FieldRelationCheck.describe(plan, leftPath: plan.strings[Int(rule.path)], field, other, f)
        }
    }

    /// The event types of a leaf that measures several, as they read between backticks in
    /// "`buy` and `sell` amounts ..." (a sum adds them together) or "3 `buy` or `sell` events".
    static func eventWords(_ plan: Plan, _ leaf: Plan.Leaf) -> String {
        let names = plan.eventNames(of: leaf)
        let word = leaf.measure == .sum ? "and" : "or"
        return names.dropLast().joined(separator: "`, `") + "` \(word) `" + (names.last ?? "")
    }
}
