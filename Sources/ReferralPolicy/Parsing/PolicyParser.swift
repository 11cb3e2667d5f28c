/// Reads a ``YNode`` tree into a ``PolicyModel``, reporting every structural problem:
/// unknown, missing and misplaced keys, wrong types, bad amounts, dates and ids.
/// Cross-references (event types, fields, requirement ids) are checked by ``PolicyChecker``.
/// The keys and words come from ``PolicyVocabulary``, the wording from ``DiagnosticText``.
package struct PolicyParser: NodeReader {
    typealias V = PolicyVocabulary
    package let file: String?
    let limits: LoadLimits
    package var diagnostics: [Diagnostic] = []
    /// The policy's currency, once read; amounts are parsed in it.
    var currency = Currency(code: "USD")!
    var ruleCount = 0
    /// The units the policy declares (`units:`), read before every amount.
    var units: [Currency] = []
    /// The currency each event type's amounts are in, once the events are read.
    var eventCurrencies: [String: Currency] = [:]
    /// The requirements of the referral type being read: its tiers' `at_least` are in the
    /// currency of the amounts their `of` requirement sums.
    var typeRequirements: [RequirementModel] = []
    /// The `count` requirements of the referral type being read, by id: tiers `of` one start at
    /// a number of events (``countRequirements(_:)``).
    var countRequirements: [String: String] = [:]
    /// The program's time zone, once read; plain dates and calendar units are read in it.
    var timeZone: TimeZoneModel?

    init(file: String?, limits: LoadLimits) {
        self.file = file
        self.limits = limits
    }

    mutating func parse(_ root: YNode) -> PolicyModel? {
        guard case .mapping = root.kind else {
            report(DiagnosticText.rootNotMapping(found: root.typeName), root.location)
            return nil
        }
        guard let top = fields(root, .policy, "the policy", V.TopKey.self,
                               required: [.program, .version, .currency, .events, .referralTypes]) else { return nil }
        let program = top[.program].flatMap { identifier($0, "`program`") }
        let version = top[.version].flatMap { text($0, "`version`") }
        let description = top[.description].flatMap { text($0, "`description`") }
        let declaredUnits = top[.units].map { unitDecls($0) } ?? []
        if let node = top[.currency], let code = text(node, "`currency`") {
            if let c = currencyNamed(code, node.location, units: units) { currency = c }
        }
        // Read first: plain dates below are read in it.
        if let node = top[.timeZone] { timeZone = timeZone(node) }
        var effective = EffectivePeriod()
        if let node = top[.effective] { effective = parseEffective(node) }
        var model = PolicyModel(
            program: program ?? "", programLocation: top[.program]?.location ?? root.location,
            version: version ?? "", versionLocation: top[.version]?.location ?? root.location,
            description: description, currency: currency, effective: effective,
            effectiveLocation: top.keyLocation(.effective) ?? root.location)
        model.timeZone = timeZone
        let beforeAttributes = diagnostics.count
        if let node = top[.attributes], let attrs = fields(node, .attributes, "`attributes`", V.AttributesKey.self) {
            model.referrerAttributes = attrs[.referrer].map { attributeDecls($0, "`attributes.referrer`") } ?? []
            model.refereeAttributes = attrs[.referee].map { attributeDecls($0, "`attributes.referee`") } ?? []
        }
        let attributesBroken = diagnostics[beforeAttributes...].contains { $0.severity == .error }
        model.units = declaredUnits
        eventSettings(top, into: &model)
        let beforeDeclarations = diagnostics.count
        if let node = top[.events] { model.events = eventDecls(node) }
        for e in model.events { eventCurrencies[e.name] = model.amountCurrency(of: e) }
        model.declarationsIncomplete = attributesBroken || top.orphaned.contains("events") || top.orphaned.contains("attributes")
            || diagnostics[beforeDeclarations...].contains { $0.severity == .error }
        if let node = top[.eligibility] {
            model.eligibility = (items(node, "`eligibility`", example: "- field: referee.country") ?? []).enumerated().compactMap { index, item in
                eligibilityRule(item, scope: nil, path: "eligibility[\(index)]")
            }
        }
        if let node = top[.limits] {
            model.limits = (items(node, "`limits`", example: "- period: calendar_year") ?? []).enumerated().compactMap { index, item in
                limitRule(item, path: "limits[\(index)]")
            }
        }
        if let node = top[.referralTypes] {
            guard case .mapping(let pairs) = node.kind else {
                report(DiagnosticText.referralTypesNotAMapping(found: node.typeName), node.location)
                return nil
            }
            if pairs.isEmpty { report(DiagnosticText.noReferralTypes, node.location) }
            for (key, value) in pairs {
                guard let name = identifier(key, "a referral type name") else { continue }
                if let type = referralType(name: name, key: key, node: value) { model.types.append(type) }
            }
        }
        if ruleCount > limits.maxRules {
            report(DiagnosticText.tooManyRules(ruleCount, limit: limits.maxRules), root.location)
        }
        guard program != nil, version != nil else { return nil }
        checkDurations(model)
        checkEventSettings(model, top)
        return model
    }

    // MARK: - Sections

    private mutating func parseEffective(_ node: YNode) -> EffectivePeriod {
        var period = EffectivePeriod()
        guard let f = fields(node, .effective, "`effective`", V.EffectiveKey.self) else { return period }
        period.from = f[.from].flatMap { zonedInstant($0, "`effective.from`") }
        period.until = f[.until].flatMap { zonedInstant($0, "`effective.until`") }
        if let node = f[.decidedBy], let word = text(node, "`effective.decided_by`") {
            if let basis = EffectivePeriod.Basis(rawValue: word) {
                period.basis = basis
            } else {
                invalidChoice(word, "`effective.decided_by`", EffectivePeriod.Basis.allCases.map(\.rawValue), node.location)
            }
        }
        if let from = period.from, let until = period.until, until <= from, let loc = f[.until]?.location {
            report(DiagnosticText.emptyEffectivePeriod(until: "\(until)", from: "\(from)"), loc)
        }
        return period
    }

    private mutating func attributeDecls(_ node: YNode, _ what: String) -> [AttributeDecl] {
        guard case .mapping(let pairs) = node.kind else {
            if !node.isNull {
                wrongType(node, what, "a mapping from attribute name to its type (`text`, `integer`, `boolean`)",
                          help: "write each attribute as `name: text` (or `integer`, `boolean`), indented below")
            }
            return []
        }
        var out: [AttributeDecl] = []
        for (key, value) in pairs {
            guard let name = identifier(key, "an attribute name"), let word = text(value, "the type of `\(name)`") else { continue }
            guard let type = AttributeType(rawValue: word) else {
                invalidChoice(word, "the type of `\(name)`", AttributeType.allCases.map(\.rawValue), value.location)
                continue
            }
            out.append(AttributeDecl(name: name, type: type, location: key.location))
        }
        return out
    }

    private mutating func eventDecls(_ node: YNode) -> [EventTypeDecl] {
        guard case .mapping(let pairs) = node.kind else {
            wrongType(node, "`events`", "a mapping from event type to its description",
                      help: "write each event type as `name:` indented below `events:`, e.g. `  earned: { amount: true }`")
            return []
        }
        var out: [EventTypeDecl] = []
        for (key, value) in pairs {
            guard let name = identifier(key, "an event type name") else { continue }
            var decl = EventTypeDecl(name: name, location: key.location, description: nil, hasAmount: false, attributes: [])
            if !value.isNull, let f = fields(value, .eventType, "event type `\(name)`", V.EventTypeKey.self) {
                decl.description = f[.description].flatMap { text($0, "`description`") }
                // An `amount:` that is there but not true/false was reported; taking it as `true`
                // keeps "cannot be summed" from repeating it.
                decl.hasAmount = f[.amount].map { bool($0, "`amount`") ?? true } ?? false
                decl.attributes = f[.attributes].map { attributeDecls($0, "the attributes of `\(name)`") } ?? []
                eventAmountSettings(&decl, f)
            }
            out.append(decl)
        }
        return out
    }

    private mutating func referralType(name: String, key: YNode, node: YNode) -> ReferralTypeModel? {
        let what = "referral type `\(name)`"
        // With `milestones:`, the type's own `rewards:` may be left out.
        let hasMilestones = { if case .mapping(let pairs) = node.kind { pairs.contains { $0.key.scalar == "milestones" } } else { false } }()
        guard let f = fields(node, .referralType, what, V.ReferralTypeKey.self,
                             required: hasMilestones ? [.requirements] : [.requirements, .rewards], at: key.location)
        else { return nil }
        var type = ReferralTypeModel(name: name, location: key.location, description: f[.description].flatMap { text($0, "`description`") },
                                     window: nil, eligibility: [], requirements: [],
                                     requirementsLocation: f.keyLocation(.requirements) ?? key.location, rewards: [], reversal: nil)
        type.window = f[.window].flatMap { window($0, "the window of `\(name)`") }
        if let node = f[.eligibility] {
            type.eligibility = (items(node, "the eligibility of `\(name)`", example: "- field: referee.country") ?? []).enumerated()
                .compactMap { index, item in eligibilityRule(item, scope: name, path: "\(name).eligibility[\(index)]") }
        }
        if let node = f[.requirements] {
            let before = diagnostics.count
            let items = items(node, "the requirements of `\(name)`", example: "- \(firstPair(node) ?? "count: signed_contract")")
            if items == nil { type.incomplete = true }
            let isList = { if case .sequence = node.kind { true } else { false } }()
            if let items, items.isEmpty, node.isNull || isList {
                report(DiagnosticText.noRequirements(what), node.location)
            }
            type.requirements = (items ?? []).enumerated().compactMap { index, item in
                requirement(item, scope: name, path: "\(name).requirements[\(index)]")
            }
            if diagnostics[before...].contains(where: { $0.severity == .error }) { type.incomplete = true }
        }
        typeRequirements = type.requirements
        countRequirements = Self.countRequirements(type.requirements)
        if let node = f[.rewards] {
            type.rewards = (items(node, "the rewards of `\(name)`", example: "- to: referrer") ?? []).enumerated().compactMap { index, item in
                guard var r = reward(item, scope: name, path: "\(name).rewards[\(index)]") else { return nil }
                if let m = rewardMilestone(item, reward: r, scope: name) {
                    r.when = type.milestones.count
                    type.milestones.append(m)
                }
                return r
            }
        }
        if let node = f[.milestones] { type.milestones += milestones(node, scope: name) }
        // A requirement of a milestone that did not parse may be what an `of` names.
        if type.milestones.contains(where: \.incomplete) { type.incomplete = true }
        readCountTiers(&type)
        if let node = f[.reversal] { type.reversal = reversal(node, scope: name) }
        return type
    }

    /// The first `key: value` of a mapping written where a list belongs: `count: signed_contract`.
    private func firstPair(_ node: YNode) -> String? {
        guard case .mapping(let pairs) = node.kind, let first = pairs.first, let key = first.key.scalar,
              let value = first.value.scalar, !first.value.isNull else { return nil }
        return "\(DiagnosticText.clip(key)): \(DiagnosticText.clip(value))"
    }

    private mutating func reversal(_ node: YNode, scope: String) -> ReversalModel? {
        guard let f = fields(node, .reversal, "the reversal of `\(scope)`", V.ReversalKey.self, required: [.on]) else {
            return nil
        }
        if !f.has(.withinDays), !f.has(.within) {
            report(DiagnosticText.missingKey(V.ReversalKey.withinDays.rawValue, in: "the reversal of `\(scope)`"), node.location)
        }
        let id = ruleID(f[.id], scope: scope, derived: "\(scope).reversal", at: node.location)
        var events: [(String, SourceLocation)] = []
        if let on = f[.on] {
            for item in scalarList(on, "`reversal.on`") {
                if let name = identifier(item, "an event type") { events.append((name, item.location)) }
            }
        }
        let within = eitherDuration(old: f[.withinDays], oldKey: "within_days", oldWhat: "`reversal.within_days`", new: f[.within], newKey: "within",
                                    newKeyLocation: f.keyLocation(.within), allowZero: false)
        switch within {
        case .days(let d)?: return ReversalModel(id: id, events: events, withinDays: d, location: node.location)
        case .calendar(let span)?: return ReversalModel(id: id, events: events, withinDays: 0, location: node.location, withinCalendar: span)
        case nil: return nil
        }
    }

    mutating func window(_ node: YNode, _ what: String) -> WindowModel? {
        if let word = node.scalar, !node.isNull {
            if V.WindowWord(rawValue: word) != nil { return WindowModel(days: nil, until: nil, anyTime: true, location: node.location) }
            report(DiagnosticText.windowNotAMapping(what, found: word), node.location)
            return nil
        }
        if case .sequence = node.kind {
            report(DiagnosticText.windowAsList(what), node.location)
            return nil
        }
        guard let f = fields(node, .window, what, V.WindowKey.self) else { return nil }
        // `days`, `months` or `years`: one of them.
        let units = [V.WindowKey.days, .months, .years].compactMap { key in f.keyLocation(key).map { (key, $0) } }.sorted { $0.1 < $1.1 }
        if units.count > 1 {
            let examples = units.prefix(2).map { "window: { \($0.0.rawValue): \(f[$0.0]?.scalar ?? "…") }" }
            report(DiagnosticText.twoDurationUnits(what, units[0].0.rawValue, units[1].0.rawValue, examples: examples), units[1].1)
            return nil
        }
        var count: Int64?
        var calendar: CalendarSpan?
        if let (key, _) = units.first, let value = f[key], let unit = V.DurationKey(rawValue: key.rawValue) {
            switch durationValue(value, unit: unit, what: "`window.\(key.rawValue)`", allowZero: false, window: true) {
            case .days(let d)?: count = d
            case .calendar(let span)?: calendar = span
            case nil: break
            }
        }
        // A plain date means the whole of that day: `until: 2025-12-31` includes 31 December.
        let until = f[.until].flatMap { windowEnd($0, "`window.until`") }
        if units.isEmpty, !f.has(.until) {
            report(DiagnosticText.windowNeedsDaysOrUntil(what), node.location)
            return nil
        }
        if count == nil, calendar == nil, until == nil { return nil }
        return WindowModel(days: count, until: until, anyTime: false, location: node.location, calendar: calendar)
    }

    /// A hold or credit lifetime far beyond every window and reversal period of the program
    /// (`hold_days: 1400` where windows are 90 days and reversals 60) is probably a typo.
    private mutating func checkDurations(_ model: PolicyModel) {
        var periods: [Int64] = []
        for type in model.types {
            if let d = type.window?.days { periods.append(d) }
            if let c = type.window?.calendar { periods.append(c.approximateDays) }
            if let r = type.reversal { periods.append(r.withinCalendar?.approximateDays ?? r.withinDays) }
            func walk(_ r: RequirementModel) {
                if let d = r.window?.days { periods.append(d) }
                if let c = r.window?.calendar { periods.append(c.approximateDays) }
                switch r.kind {
                case .all(let c), .any(let c): c.forEach(walk)
                case .not(let c): walk(c)
                default: break
                }
            }
            type.requirements.forEach(walk)
            for m in type.milestones {
                if let d = m.window?.days { periods.append(d) }
                for case .requirement(let r) in m.when { walk(r) }
            }
        }
        for limit in model.limits { if case .rollingDays(let d) = limit.period { periods.append(d) } }
        for limit in model.limits { if case .rollingCalendar(let c) = limit.period { periods.append(c.approximateDays) } }
        let longest = periods.max() ?? 0
        for type in model.types {
            for reward in type.allRewards.map(\.reward) {
                if let loc = reward.holdLocation, reward.holdDays > 365, reward.holdDays > 2 * longest {
                    report(DiagnosticText.longDuration("hold_days", days: reward.holdDays, longest: longest), loc)
                }
                if let loc = reward.creditExpiresLocation, let days = reward.creditExpiresDays, days > 1095, days > 4 * longest {
                    report(DiagnosticText.longDuration("credit_expires_days", days: days, longest: longest), loc)
                }
                if let loc = reward.holdLocation, let span = reward.holdCalendar, span.approximateDays > 365, span.approximateDays > 2 * longest {
                    report(DiagnosticText.longCalendarDuration("hold", span, longest: longest), loc)
                }
                if let loc = reward.creditExpiresLocation, let span = reward.creditExpiresCalendar, span.approximateDays > 1095,
                   span.approximateDays > 4 * longest {
                    report(DiagnosticText.longCalendarDuration("credit_expires", span, longest: longest), loc)
                }
            }
        }
    }
}
