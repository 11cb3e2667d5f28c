/// The sentence of each rule: eligibility rules, requirements, rewards and limits.
extension PolicyDescriber {
    // MARK: - Eligibility

    func eligibilityItem(_ rule: EligibilityRule, _ m: PolicyModel) -> Item {
        var text: [Inline]
        switch rule.condition {
        case .selfReferral(let allowed):
            text = allowed ? [.text("A referrer may refer themselves")]
                : [.text("The referrer and the referee must not be the same person (the same account id)")]
        case .field(let field, let comparison, let values):
            text = fieldSentence(field.path, comparison, values, m)
        case .fields(let left, let relation, let right):
            text = fieldRelationSentence(left.path, relation, right.path)
        }
        if rule.id.given { text += [.text(" ("), .code(rule.id.id), .text(")")] }
        return Item(text: text + [.text(".")], note: rule.description)
    }

    /// How a value of `field` reads: a country's name, a plain word, a number, or code.
    func value(_ literal: Literal, field: String, kind: AttributeType?) -> [Inline] {
        if field.hasSuffix(".country"), let name = CountryNames.name(literal.text) { return [.text(name)] }
        if kind == .boolean || kind == .integer { return [.text(literal.text)] }
        return [.code(literal.text)]
    }

    private func values(_ literals: [Literal], field: String, kind: AttributeType?, _ conjunction: String) -> [Inline] {
        EnglishText.join(literals.map { value($0, field: field, kind: kind) }, conjunction)
    }

    private func fieldSentence(_ path: String, _ comparison: Comparison, _ literals: [Literal], _ m: PolicyModel) -> [Inline] {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        let person = parts.first ?? "referee"
        let name = parts.count > 1 ? parts[1] : path
        let declared = (person == "referee" ? m.refereeAttributes : m.referrerAttributes).first { $0.name == name }?.type
        let negative = comparison == .notIn || comparison == .notEquals
        // Every snapshot has both ids; any other field may be missing, and then passes a negative rule.
        let unknown: [Inline] = negative && name != "id" ? [.text(" (a \(person) whose \(name == "attribution" ? "attribution" : EnglishText.words(name)) is not known passes this rule)")] : []
        if (comparison == .in || comparison == .containsAny), literals.isEmpty {
            return [.text("No referral passes this rule: it lists no values for the \(person)'s "), .code(name)]
        }
        switch (person, name) {
        case ("referee", "attribution"):
            let ways = EnglishText.join(literals.map { l in
                l.text.allSatisfy({ $0.isLetter && $0.isLowercase }) ? [Inline.text(l.text)] : [Inline.code(l.text)]
            }, "or")
            return [.text("The referee must\(negative ? " not" : "") have signed up through the referrer's ")] + ways + unknown
        case (_, "country"):
            return [.text("The \(person) must\(negative ? " not" : "") be in ")] + values(literals, field: path, kind: nil, "or") + unknown
        case ("referee", "flags"):
            let flags = values(literals, field: path, kind: nil, "or")
            if comparison == .containsNone {
                return [.text("The referee's account must not be flagged as ")] + flags
            }
            return [.text("The referee's account must be flagged as ")] + flags
        case (_, "id"):
            return [.text("The \(person)'s account id must\(negative ? " not" : "") be ")] + values(literals, field: path, kind: nil, "or") + unknown
        case ("referrer", "status"):
            return [.text("The referrer's account status must\(negative ? " not" : "") be ")] + values(literals, field: path, kind: nil, "or") + unknown
        default:
            let subject: [Inline] = [.text("The \(person)'s "), .code(name)]
            switch comparison {
            case .atLeast: return subject + [.text(" must be at least ")] + values(literals, field: path, kind: .integer, "or")
            case .atMost: return subject + [.text(" must be at most ")] + values(literals, field: path, kind: .integer, "or")
            default:
                return subject + [.text(" must\(negative ? " not" : "") be ")] + values(literals, field: path, kind: declared, "or") + unknown
            }
        }
    }

    // MARK: - Requirements

    /// A requirement as a verb phrase after "the referee must": `have at least one *hired* event`.
    /// `stated` is the window the text has already given (the type's, or an enclosing group's).
    func requirementItem(_ r: RequirementModel, inherited: WindowModel?, stated: WindowModel?, _ context: RuleContext) -> Item {
        let window = r.window ?? inherited
        var text: [Inline]
        var children: [Item] = []
        switch r.kind {
        case .count(let event, _, let atLeast, let distinct):
            text = r.moreEvents.isEmpty ? countPhrase(event, atLeast, distinct) : severalCountPhrase(r, atLeast, distinct)
            text += windowPhrase(window, typeWindow: stated)
            text += filterPhrase(r.filters, context, event: event)
        case .sum(let event, _, let atLeast):
            text = r.moreEvents.isEmpty ? [.text("have "), .emphasis(EnglishText.words(event)), .text(" events totalling at least "), .strong(atLeast.display)]
                : severalSumPhrase(r, atLeast)
            text += windowPhrase(window, typeWindow: stated)
            text += filterPhrase(r.filters, context, event: event)
        case .all(let items):
            text = [.text("do all of these")]
            text += windowPhrase(window, typeWindow: stated)
            text += [.text(":")]
            children = PolicyDescriber.flattened(items).map { requirementItem($0, inherited: window, stated: window, context) }
        case .any(let items):
            text = [.text("do at least one of these")]
            text += windowPhrase(window, typeWindow: stated)
            text += [.text(":")]
            children = items.map { requirementItem($0, inherited: window, stated: window, context) }
        case .not(let child):
            if case .count(let event, _, 1, false) = child.kind {
                text = [.text("have no ")] + eventNames(child, "or") + [.text(" event")]
                text += windowPhrase(child.window ?? window, typeWindow: stated)
                text += filterPhrase(child.filters, context, event: event)
                if child.id.given { text += [.text(" ("), .code(child.id.id), .text(")")] }
            } else {
                let inner = requirementItem(child, inherited: window, stated: stated, context)
                text = [.text("not ")] + inner.text
                children = inner.children
            }
        }
        if r.id.given {
            if let colon = text.last, colon == .text(":") {
                text.removeLast()
                text += [.text(" ("), .code(r.id.id), .text("):")]
            } else {
                text += [.text(" ("), .code(r.id.id), .text(")")]
            }
        }
        if case .not = r.kind, children.isEmpty {
            text += [.text("; should that change after the referral qualifies, it no longer qualifies")]
        }
        return Item(text: text, children: children, note: r.description)
    }

    private func countPhrase(_ event: String, _ atLeast: Int64, _ distinct: Bool) -> [Inline] {
        let name = Inline.emphasis(EnglishText.words(event))
        if distinct {
            return [.text("have "), name, .text(" events on at least "), .strong(atLeast == 1 ? "one" : EnglishText.grouped(atLeast)),
                    .text(atLeast == 1 ? " day" : " different days (\(calendarDays))")]
        }
        if atLeast == 0 { return [.text("have any number of "), name, .text(" events (this is always met)")] }
        return [.text("have at least "), .strong(EnglishText.count(atLeast)), .text(" "), name, .text(atLeast == 1 ? " event" : " events")]
    }

    /// ` within 7 days of signing up`, when a requirement's window is not its type's.
    func windowPhrase(_ w: WindowModel?, typeWindow: WindowModel?) -> [Inline] {
        guard let w, !PolicyDescriber.same(w, typeWindow) else { return [] }
        if w.anyTime { return [.text(" at any time, even before signing up")] }
        switch (length(w), w.until) {
        case (let d?, let u?): return [.text(" within \(d) of signing up and by \(EnglishText.deadline(u, in: zone))")]
        case (let d?, nil): return [.text(" within \(d) of signing up")]
        case (nil, let u?): return [.text(" from signing up until \(EnglishText.deadline(u, in: zone))")]
        default: return []
        }
    }

    static func same(_ a: WindowModel?, _ b: WindowModel?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.anyTime == b.anyTime && a.days == b.days && a.until == b.until && a.calendar == b.calendar
    }

    /// `, counting only those of at least $5.00 whose `paid_from` is not `balance``.
    private func filterPhrase(_ filters: [EventFilter], _ context: RuleContext, event: String? = nil) -> [Inline] {
        guard !filters.isEmpty else { return [] }
        var parts: [[Inline]] = []
        let amounts = filters.filter { $0.attribute == "amount" }
        let low = amounts.first { $0.comparison == .atLeast }.flatMap { money($0.values.first?.text, context, event: event) }
        let high = amounts.first { $0.comparison == .atMost }.flatMap { money($0.values.first?.text, context, event: event) }
        switch (low, high) {
        case (let l?, let h?): parts.append([.text("of "), .strong(l), .text(" to "), .strong(h)])
        case (let l?, nil): parts.append([.text("of at least "), .strong(l)])
        case (nil, let h?): parts.append([.text("of at most "), .strong(h)])
        default: break
        }
        for f in filters where f.attribute != "amount" {
            if let compared = f.compared {
                parts.append(relationFilterPhrase(f.attribute, compared.relation, compared.field.path))
                continue
            }
            let vals = EnglishText.join(f.values.map { [Inline.code($0.text)] }, "or")
            let subject: [Inline] = [.text("whose "), .code(f.attribute)]
            switch f.comparison {
            case .equals, .in: parts.append(subject + [.text(" is ")] + vals)
            case .notEquals, .notIn: parts.append(subject + [.text(" is not ")] + vals + [.text(" (or not given)")])
            case .atLeast: parts.append(subject + [.text(" is at least \(f.values.first?.text ?? "")")])
            case .atMost: parts.append(subject + [.text(" is at most \(f.values.first?.text ?? "")")])
            case .containsAny, .containsNone: parts.append(subject + [.text(" matches ")] + vals)
            }
        }
        return [.text(", counting only those ")] + EnglishText.join(parts, "and")
    }

    /// An `amount` filter's bound, in the currency of `event`'s amounts.
    private func money(_ text: String?, _ context: RuleContext, event: String? = nil) -> String? {
        let currency = event.map { context.policy.amountCurrency(ofEvent: $0) } ?? context.policy.currency
        guard let text, case .success(let minor) = Money.parseMinorUnits(text, digits: currency.minorUnitDigits) else {
            return text
        }
        return Money(minorUnits: minor, currency: currency).display
    }

    // MARK: - Rewards

    func rewardItem(_ r: RewardModel, _ context: RuleContext) -> Item {
        var text: [Inline] = [.strong(r.to == .referrer ? "The referrer" : "The referee"), .text(" gets ")]
        var children: [Item] = []
        let hold: String = r.holdDays == 0 && r.holdCalendar == nil ? "payable as soon as it is earned"
            : "payable \(EnglishText.duration(days: r.holdDays, r.holdCalendar)) after it is earned"
        switch r.amount {
        case .fixed(let amount):
            text += kindPhrase(amount.display, r.kind)
            text += [.text(", \(hold)")]
            text += expiryPhrase(r.kind, r.creditExpiresDays, r.creditExpiresCalendar)
        case .byField(let table):
            text += tableLead(table, r.kind, context)
            text += [.text(", \(hold)")]
            text += expiryPhrase(r.kind, r.creditExpiresDays, r.creditExpiresCalendar)
            children = tableItems(table, context)
        case .percent(let bp, let of, _, let minimum, let maximum):
            text += [.strong(EnglishText.percent(basisPoints: bp)), .text(" of ")]
                + (r.taking == .sum ? measured(of, context) : eventMeasured(of, r.taking, context))
            text += [.text(", rounded down to \(Money(minorUnits: 1, currency: r.currency).display), as \(r.kind == .cash ? "cash" : "platform credit")")]
            switch (minimum, maximum) {
            case (let lo?, let hi?): text += [.text(": at least "), .strong(lo.display), .text(" and at most "), .strong(hi.display)]
            case (let lo?, nil): text += [.text(": at least "), .strong(lo.display)]
            case (nil, let hi?): text += [.text(": at most "), .strong(hi.display)]
            default: break
            }
            text += [.text(", \(hold)")]
            text += expiryPhrase(r.kind, r.creditExpiresDays, r.creditExpiresCalendar)
        case .tiers(let of, _, let tiers):
            let counted = countMeasured(of, context)
            text += [.text("one of these, by ")] + (counted?.phrase ?? measured(of, context))
            text += [.text(" (only the highest level reached is paid), \(hold)")]
            children = tiers.map { tier in
                var t: [Inline]
                switch tier.atLeast {
                case .money(let m): t = [.text("from "), .strong(m.display), .text(": ")]
                case .count(let n): t = [.text("after ")] + countPhrase(n, counted) + [.text(": ")]
                }
                var below: [Item] = []
                if let table = tier.amountTable {
                    t += tableLead(table, tier.kind, context)
                    below = tableItems(table, context)
                } else {
                    t += kindPhrase(tier.amount.display, tier.kind)
                }
                t += expiryPhrase(tier.kind, tier.creditExpiresDays, tier.creditExpiresCalendar)
                if tier.id.given { t += [.text(" ("), .code(tier.id.id), .text(")")] }
                if !below.isEmpty { t += [.text(":")] }
                return Item(text: t, children: below)
            }
            if tiers.isEmpty { text += [.text("; no level is defined, so nothing is paid")] }
        }
        if r.id.given { text += [.text(" ("), .code(r.id.id), .text(")")] }
        if case .tiers = r.amount { text += [.text(tierTexts(r).isEmpty ? "." : ":")] } else if case .byField = r.amount {
            text += [.text(":")]
        } else { text += [.text(".")] }
        return Item(text: text, children: children, note: r.description)
    }

    private func tierTexts(_ r: RewardModel) -> [TierModel] {
        if case .tiers(_, _, let tiers) = r.amount { return tiers }
        return []
    }

    func kindPhrase(_ amount: String, _ kind: RewardKind) -> [Inline] {
        kind == .cash ? [.strong(amount), .text(" in cash")] : [.strong(amount), .text(" of platform credit")]
    }

    func expiryPhrase(_ kind: RewardKind, _ days: Int64?, _ calendar: CalendarSpan? = nil) -> [Inline] {
        guard kind == .credit else { return [] }
        if let calendar { return [.text("; the credit expires \(calendar.text) after it becomes payable")] }
        guard let days else { return [.text("; the credit does not expire")] }
        return [.text("; the credit expires \(EnglishText.days(days)) after it becomes payable")]
    }

    /// `the total of *earned* events measured by `freelancer.first_earnings``.
    private func measured(_ of: String, _ context: RuleContext) -> [Inline] {
        let id = "\(context.type.name).\(of)"
        if let several = severalMeasured(id, context) { return several }
        let event = context.type.requirements.lazy.compactMap { PolicyDescriber.sumEvent(id, in: $0) }.first
        guard let event else { return [.text("the total measured by "), .code(id)] }
        return [.text("the total of "), .emphasis(EnglishText.words(event)), .text(" events measured by "), .code(id)]
    }

    static func sumEvent(_ id: String, in r: RequirementModel) -> String? {
        switch r.kind {
        case .sum(let event, _, _): return r.id.id == id ? event : nil
        case .count: return nil
        case .all(let children), .any(let children): return children.lazy.compactMap { sumEvent(id, in: $0) }.first
        case .not(let child): return sumEvent(id, in: child)
        }
    }

    // MARK: - Limits

    func limitItem(_ l: LimitRule, _ m: PolicyModel) -> Item {
        var caps: [[Inline]] = []
        let kindWord = l.kind.map { $0 == .cash ? "cash " : "credit " } ?? ""
        if let n = l.maxRewards {
            caps.append(n == 0 ? [.text("no \(kindWord)rewards at all")]
                        : [.text("at most "), .strong(EnglishText.count(n)), .text(" \(kindWord)reward\(n == 1 ? "" : "s")")])
        }
        if let a = l.maxAmount {
            let of = l.kind.map { $0 == .cash ? " in cash" : " of credit" } ?? ""
            caps.append([.text("at most "), .strong(a.display), .text(of)])
        }
        let period: String = switch l.period {
        case .calendarMonth: "in each calendar month"
        case .calendarYear: "in each calendar year"
        case .lifetime: "over their lifetime"
        case .rollingDays(let d): "in any \(d == 1 ? "one day" : "\(EnglishText.grouped(d))-day period")"
        case .rollingCalendar(let span): "in any \(EnglishText.grouped(span.count))-\(span.unit == .years ? "year" : "month") period"
        }
        var text: [Inline] = [.text("A referrer receives ")] + EnglishText.join(caps, "and") + [.text(" \(period)")]
        if l.id.given { text += [.text(" ("), .code(l.id.id), .text(")")] }
        text += [.text(".")]
        return Item(text: text, note: l.description)
    }
}
