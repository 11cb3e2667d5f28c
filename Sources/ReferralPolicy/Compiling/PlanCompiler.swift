/// Turns a checked ``PolicyModel`` into an ``EvaluationPlan``: names become indexes, constants
/// typed values, requirement trees postfix node lists. Runs only when checking found no error,
/// so lookups here succeed; should one not, compilation returns nil rather than trapping.
struct PlanCompiler {
    typealias Plan = EvaluationPlan

    let model: PolicyModel
    let identity: PolicyIdentity
    let file: String?

    private var strings: [String] = []
    private var stringIndex: [String: Int32] = [:]
    private var currencies: [Currency] = []
    private var rules: [Plan.Rule] = []
    private var constants: [Plan.Constant] = []
    private var bytes: [UInt8] = []
    private var longLists: [NameTable] = []
    private var leaves: [Plan.Leaf] = []
    private var filters: [Plan.Filter] = []
    private var nodes: [Plan.Node] = []
    private var leafOffsets: [Int32] = []
    private var leafLists: [Int32] = []
    private var leafEvents: [Int32] = []
    private var rewards: [Plan.Reward] = []
    private var tiers: [Plan.Tier] = []
    private var reversals: [Plan.Reversal] = []
    private var reversalMask: [Bool] = []
    private var reversalEvents: [Int32] = []
    /// Amount tables (``PlanCompiler/amountTable(_:)``).
    var amountTables: [Plan.AmountTable] = []
    var tableNames: [NameTable] = []
    var tableKeys: [Int64] = []
    var tableAmounts: [Int64] = []
    private var milestones: [Plan.Milestone] = []
    private var rewardMilestones: [Int32] = []
    private var referralNumbers: [Plan.ReferralNumber] = []
    private var numberTypes: [Int32] = []

    init(model: PolicyModel, identity: PolicyIdentity, file: String?) {
        self.model = model
        self.identity = identity
        self.file = file
    }

    consuming func compile() -> EvaluationPlan? {
        let eventNames = model.events.map(\.name)
        var eventIndex: [String: Int] = [:]
        for (i, n) in eventNames.enumerated() { eventIndex[n] = i }
        let attributeTypes = Dictionary(model.events.map { e in (e.name, Dictionary(e.attributes.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })) },
                                        uniquingKeysWith: { a, _ in a })
        currencies = [model.currency]
        let eventCurrency = model.events.map { currency(model.amountCurrency(of: $0)) }
        let ignoresOtherCurrencies = model.events.map { $0.hasAmount && model.otherCurrencies(of: $0) == .ignore }
        let commonStart = rules.count
        guard addRules(model.eligibility) else { return nil }
        let commonRules = Span32(commonStart..<rules.count)
        var types: [Plan.ReferralType] = []
        for type in model.types {
            let ruleStart = rules.count
            guard addRules(type.eligibility) else { return nil }
            let leafStart = leaves.count
            let nodeStart = nodes.count
            var leafIndex: [String: Int32] = [:]
            var failed = false
            /// True while a milestone names a requirement of the type: its leaves are the type's.
            var reuse = false
            /// Appends the subtree of `r` in postfix order; a group's `window` applies to the
            /// requirements under it that have none of their own.
            func requirement(_ r: RequirementModel, inherited: Plan.Window?) {
                let window = r.window.map(Self.window) ?? inherited
                let id = string(r.id.id)
                let group: Plan.Node.Kind
                switch r.kind {
                case .count(let event, _, let atLeast, let distinct):
                    leaf(r, event: event, measure: distinct ? (model.timeZone?.rules != nil ? .distinctLocalDays : .distinctDays) : .count,
                         threshold: atLeast, window: window)
                    return
                case .sum(let event, _, let atLeast):
                    leaf(r, event: event, measure: .sum, threshold: atLeast.minorUnits, window: window)
                    return
                case .all(let children):
                    children.forEach { requirement($0, inherited: window) }
                    group = .all(children: Int32(children.count))
                case .any(let children):
                    children.forEach { requirement($0, inherited: window) }
                    group = .any(children: Int32(children.count))
                case .not(let child):
                    requirement(child, inherited: window)
                    group = .not
                }
                nodes.append(Plan.Node(kind: group, id: id, parent: -1))
            }
            func leaf(_ r: RequirementModel, event: String, measure: Plan.Measure, threshold: Int64, window: Plan.Window?) {
                if reuse, let local = leafIndex[r.id.id] {
                    nodes.append(Plan.Node(kind: .leaf(local), id: string(r.id.id), parent: -1))
                    return
                }
                // Under `other_currencies: ignore` (of any of its event types), a measure that
                // reads amounts counts only those in its currency (the checker made its types' one).
                let readsAmount = measure == .sum || r.filters.contains { $0.attribute == "amount" }
                let ignores = ([event] + r.moreEvents.map(\.name)).contains { eventIndex[$0].map { ignoresOtherCurrencies[$0] } ?? false }
                guard let e = eventIndex[event],
                      let span = addFilters(r.filters, attributeTypes[event] ?? [:], amountsIn: model.amountCurrency(ofEvent: event),
                                            onlyIn: readsAmount && ignores ? eventCurrency[e] : -1) else {
                    failed = true
                    return
                }
                let local = Int32(leaves.count - leafStart)
                guard let more = addMoreEvents(r, eventIndex) else {
                    failed = true
                    return
                }
                leaves.append(Plan.Leaf(id: string(r.id.id), description: optionalString(r.description), event: Int32(e),
                                        measure: measure, threshold: threshold, window: window, filters: span, moreEvents: more))
                leafIndex[r.id.id] = local
                nodes.append(Plan.Node(kind: .leaf(local), id: string(r.id.id), parent: -1))
            }
            for r in type.requirements { requirement(r, inherited: nil) }
            if failed { return nil }
            linkParents(nodeStart)
            let mainNodeEnd = nodes.count
            // Milestones: the requirements they write in place add leaves to the type's, so the
            // one pass over events counts them too; those they name by id reuse the type's leaves.
            let milestoneStart = milestones.count
            if type.hasMilestones {
                var own: [String: RequirementModel] = [:]
                var pending = type.requirements
                while let r = pending.popLast() {
                    own[r.id.id] = r
                    switch r.kind {
                    case .all(let c), .any(let c): pending += c
                    case .not(let c): pending.append(c)
                    case .count, .sum: break
                    }
                }
                for m in type.milestones {
                    let start = nodes.count
                    let numberStart = referralNumbers.count
                    var roots: Int32 = 0
                    for condition in m.when {
                        switch condition {
                        case .signup: continue
                        case .reference(let name, _):
                            guard let r = own["\(type.name).\(name)"] else { return nil }
                            reuse = true
                            requirement(r, inherited: nil)
                            reuse = false
                        case .requirement(let r):
                            requirement(r, inherited: m.window.map(Self.window))
                        case .nthReferral(let n):
                            let typesStart = numberTypes.count
                            for name in n.types?.map(\.name) ?? [type.name] {
                                guard let k = model.types.firstIndex(where: { $0.name == name }) else { return nil }
                                numberTypes.append(Int32(k))
                            }
                            referralNumbers.append(Plan.ReferralNumber(n: n.n, types: Span32(typesStart..<numberTypes.count)))
                            continue
                        }
                        roots += 1
                    }
                    if failed { return nil }
                    linkParents(start)
                    milestones.append(Plan.Milestone(id: string(m.id.id), description: optionalString(m.description),
                                                     nodes: Span32(start..<nodes.count), roots: roots,
                                                     window: (m.window ?? type.window).map(Self.window),
                                                     numbers: Span32(numberStart..<referralNumbers.count), onReward: m.onReward))
                }
            }
            let typeLeaves = leaves[leafStart...]
            let plain = type.requirements.allSatisfy { if case .count = $0.kind { true } else if case .sum = $0.kind { true } else { false } }
                && Set(typeLeaves.map(\.id)).count == typeLeaves.count && !type.hasMilestones
            // Per event type, the leaves that may count it.
            let offsetStart = leafOffsets.count
            for e in eventNames.indices {
                leafOffsets.append(Int32(leafLists.count))
                for (k, leaf) in typeLeaves.enumerated() where measures(leaf, e) { leafLists.append(Int32(k)) }
            }
            leafOffsets.append(Int32(leafLists.count))
            let rewardStart = rewards.count
            for (reward, milestone) in type.allRewards {
                rewardMilestones.append(milestone.map { Int32(milestoneStart + $0) } ?? -1)
                let amount: Plan.Amount
                switch reward.amount {
                case .fixed(let m):
                    amount = .fixed(m.minorUnits)
                case .percent(let bp, let of, _, let min, let max):
                    guard let leaf = leafIndex["\(type.name).\(of)"] ?? leafIndex[of] else { return nil }
                    amount = reward.taking == .sum ? .percent(basisPoints: bp, leaf: leaf, min: min?.minorUnits, max: max?.minorUnits)
                        : .percentOfEvent(basisPoints: bp, leaf: leaf, largest: reward.taking == .largest,
                                          min: min?.minorUnits, max: max?.minorUnits)
                case .tiers(let of, _, let list):
                    guard let leaf = leafIndex["\(type.name).\(of)"] ?? leafIndex[of] else { return nil }
                    let start = tiers.count
                    for t in list {
                        var table: Int32 = -1
                        if let model = t.amountTable {
                            guard let k = amountTable(model) else { return nil }
                            table = k
                        }
                        tiers.append(Plan.Tier(id: string(t.id.id), atLeast: t.atLeast.value, amount: t.amount.minorUnits,
                                               kind: t.kind, creditExpiresDays: t.creditExpiresDays, table: table,
                                               creditExpiresMonths: Int32(t.creditExpiresCalendar?.months ?? 0)))
                    }
                    amount = .tiers(leaf: leaf, Span32(start..<tiers.count))
                case .byField(let model):
                    guard let k = amountTable(model) else { return nil }
                    amount = .table(k)
                }
                rewards.append(Plan.Reward(id: string(reward.id.id), description: optionalString(reward.description), to: reward.to,
                                           kind: reward.kind, currency: currency(reward.currency), amount: amount,
                                           holdDays: reward.holdDays,
                                           creditExpiresDays: reward.kind == .credit ? reward.creditExpiresDays : nil,
                                           holdMonths: Int32(reward.holdCalendar?.months ?? 0),
                                           creditExpiresMonths: Int32(reward.kind == .credit ? reward.creditExpiresCalendar?.months ?? 0 : 0)))
            }
            var reversal: Int32 = -1
            if let r = type.reversal {
                let maskStart = reversalMask.count
                reversalMask += Array(repeating: false, count: eventNames.count)
                let eventsStart = reversalEvents.count
                for (name, _) in r.events {
                    guard let i = eventIndex[name] else { return nil }
                    reversalMask[maskStart + i] = true
                    reversalEvents.append(Int32(i))
                }
                reversal = Int32(reversals.count)
                reversals.append(Plan.Reversal(id: string(r.id.id), withinDays: r.withinDays, withinMonths: Int32(r.withinCalendar?.months ?? 0),
                                               mask: Span32(maskStart..<reversalMask.count), events: Span32(eventsStart..<reversalEvents.count)))
            }
            types.append(Plan.ReferralType(name: string(type.name), window: type.window.map(Self.window),
                                           rules: Span32(ruleStart..<rules.count), leaves: Span32(leafStart..<leaves.count),
                                           nodes: Span32(nodeStart..<mainNodeEnd), roots: Int32(type.requirements.count),
                                           leafOffsets: Span32(offsetStart..<leafOffsets.count), rewards: Span32(rewardStart..<rewards.count),
                                           reversal: reversal, plainLeaves: plain,
                                           milestones: Span32(milestoneStart..<milestones.count),
                                           countsReferrals: milestones[milestoneStart...].contains { $0.numbers.count > 0 }))
        }
        var limits: [Plan.Limit] = []
        for l in model.limits {
            limits.append(Plan.Limit(id: string(l.id.id), period: l.period, maxRewards: l.maxRewards,
                                     maxAmount: l.maxAmount?.minorUnits,
                                     amountCurrency: l.maxAmount.map { currency($0.currency) } ?? 0, kind: l.kind))
        }
        return EvaluationPlan(
            identity: identity, effective: model.effective, description: model.description, file: file,
            programLocation: model.programLocation, versionLocation: model.versionLocation, effectiveLocation: model.effectiveLocation,
            currency: model.currency, strings: strings, currencies: currencies,
            typeNames: model.types.map(\.name), eventNames: eventNames, eventHasAmount: model.events.map(\.hasAmount),
            referrerAttributes: model.referrerAttributes.map { ($0.name, $0.type) },
            refereeAttributes: model.refereeAttributes.map { ($0.name, $0.type) },
            commonRules: commonRules, rules: rules, constants: constants, bytes: bytes, longLists: longLists,
            types: types, leaves: leaves, filters: filters, nodes: nodes, leafOffsets: leafOffsets, leafLists: leafLists,
            rewards: rewards, tiers: tiers, limits: limits, reversals: reversals, reversalMask: reversalMask,
            reversalEvents: reversalEvents, leafEvents: leafEvents,
            amountTables: Plan.AmountTables(tables: amountTables, names: tableNames, keys: tableKeys, amounts: tableAmounts),
            milestones: milestones, rewardMilestones: rewardMilestones,
            referralNumbers: referralNumbers, numberTypes: numberTypes, timeZone: model.timeZone?.rules,
            eventCurrency: eventCurrency, ignoresOtherCurrencies: ignoresOtherCurrencies,
            ignoresUnknownEvents: model.unknownEvents == .ignore, declaredUnits: model.units.map(\.currency))
    }

    // MARK: - Parts

    /// Sets each node's parent (local indexes), walking the postfix list with a stack.
    private mutating func linkParents(_ start: Int) {
        var stack: [Int] = []
        for k in start..<nodes.count {
            let children: Int
            switch nodes[k].kind {
            case .leaf: children = 0
            case .all(let c), .any(let c): children = Int(c)
            case .not: children = 1
            }
            for child in stack.suffix(children) { nodes[child].parent = Int32(k - start) }
            stack.removeLast(children)
            stack.append(k)
        }
    }

    mutating func string(_ s: String) -> Int32 {
        if let i = stringIndex[s] { return i }
        let i = Int32(strings.count)
        strings.append(s)
        stringIndex[s] = i
        return i
    }

    private mutating func optionalString(_ s: String?) -> Int32 {
        s.map { string($0) } ?? -1
    }

    private mutating func currency(_ c: Currency) -> Int32 {
        if let i = currencies.firstIndex(of: c) { return Int32(i) }
        currencies.append(c)
        return Int32(currencies.count - 1)
    }

    private mutating func text(_ s: String) -> Span32 {
        let start = bytes.count
        bytes += s.utf8
        return Span32(start..<bytes.count)
    }

    private static func window(_ w: WindowModel) -> EvaluationPlan.Window {
        w.anyTime ? .anyTime : EvaluationPlan.Window(days: w.days, until: w.until, anyTime: false, months: Int32(w.calendar?.months ?? 0))
    }

    private mutating func addRules(_ list: [EligibilityRule]) -> Bool {
        for rule in list {
            switch rule.condition {
            case .selfReferral(let allowed):
                rules.append(Plan.Rule(id: string(rule.id.id), condition: .selfReferral(allowed: allowed), path: -1))
            case .field(let ref, let comparison, let literals):
                guard let (field, kind) = field(ref.path), let t = test(comparison, literals, kind) else { return false }
                rules.append(Plan.Rule(id: string(rule.id.id), condition: .field(field, t), path: string(ref.path)))
            case .fields(let left, let relation, let right):
                guard let (field, _) = field(left.path), let other = fieldTest(relation, right) else { return false }
                rules.append(Plan.Rule(id: string(rule.id.id), condition: .fields(field, other), path: string(left.path)))
            }
        }
        return true
    }

    func field(_ path: String) -> (Plan.Field, FieldKind)? {
        switch path {
        case "referee.id": return (.refereeID, .text)
        case "referee.attribution": return (.refereeAttribution, .text)
        case "referee.country": return (.refereeCountry, .text)
        case "referee.flags": return (.refereeFlags, .list)
        case "referrer.id": return (.referrerID, .text)
        case "referrer.status": return (.referrerStatus, .text)
        case "referrer.country": return (.referrerCountry, .text)
        default:
            let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return nil }
            if parts[0] == "referee", let d = model.refereeAttributes.firstIndex(where: { $0.name == parts[1] }) {
                return (.refereeAttribute(Int32(d)), FieldKind(model.refereeAttributes[d].type))
            }
            if parts[0] == "referrer", let d = model.referrerAttributes.firstIndex(where: { $0.name == parts[1] }) {
                return (.referrerAttribute(Int32(d)), FieldKind(model.referrerAttributes[d].type))
            }
            return nil
        }
    }

    private mutating func test(_ comparison: Comparison, _ literals: [Literal], _ kind: FieldKind) -> Plan.Test? {
        let start = constants.count
        var texts: [String] = []
        for literal in literals {
            switch kind {
            case .integer:
                guard let v = Int64(literal.text) else { return nil }
                constants.append(.integer(v))
            case .boolean:
                constants.append(.bool(literal.text == "true"))
            case .text, .list:
                constants.append(.text(text(literal.text), ascii: TextBytes.isASCII(literal.text), string: string(literal.text)))
                texts.append(literal.text)
            }
        }
        // Every list of texts is a name table, short ones too: a scan of words and lengths
        // beats comparing each constant's bytes (``NameTable``).
        var long: Int32 = -1
        if !texts.isEmpty {
            long = Int32(longLists.count)
            longLists.append(NameTable(texts))
        }
        return Plan.Test(comparison: comparison, values: Span32(start..<constants.count), longList: long)
    }

    /// `amountsIn`: the currency of the events' amounts; `onlyIn` >= 0: a currency filter first,
    /// so that only amounts in that currency count (`other_currencies: ignore`).
    private mutating func addFilters(_ list: [EventFilter], _ attributes: [String: AttributeType], amountsIn: Currency? = nil,
                                     onlyIn: Int32 = -1) -> Span32? {
        var made: [Plan.Filter] = []
        if onlyIn >= 0 {
            made.append(Plan.Filter(isAmount: true, name: .empty, test: Plan.Test(comparison: .equals, values: .empty, longList: -1),
                                    currency: onlyIn))
        }
        let digits = (amountsIn ?? model.currency).minorUnitDigits
        for f in list {
            if f.attribute == "amount" {
                let start = constants.count
                for v in f.values {
                    guard case .success(let m) = Money.parseMinorUnits(v.text, digits: digits) else { return nil }
                    constants.append(.integer(m))
                }
                made.append(Plan.Filter(isAmount: true, name: .empty,
                                        test: Plan.Test(comparison: f.comparison, values: Span32(start..<constants.count), longList: -1)))
                continue
            }
            if let (relation, field) = f.compared {
                guard let other = fieldTest(relation, field) else { return nil }
                made.append(Plan.Filter(isAmount: false, name: text(f.attribute),
                                        test: Plan.Test(comparison: f.comparison, values: .empty, longList: -1), compared: other))
                continue
            }
            guard let type = attributes[f.attribute], let t = test(f.comparison, f.values, FieldKind(type)) else { return nil }
            made.append(Plan.Filter(isAmount: false, name: text(f.attribute), test: t))
        }
        let start = filters.count
        filters += made.map { filter in
            var filter = filter
            filter.nameIsASCII = bytes[filter.name.range].allSatisfy { $0 < 0x80 }
            return filter
        }
        return Span32(start..<filters.count)
    }

    // MARK: - Several event types, comparisons of two fields

    /// The event types after the first of a `count` or `sum` that lists several, in
    /// ``EvaluationPlan/leafEvents``; nil when one is not declared.
    private mutating func addMoreEvents(_ r: RequirementModel, _ eventIndex: [String: Int]) -> Span32? {
        guard !r.moreEvents.isEmpty else { return .empty }
        let start = leafEvents.count
        for (name, _) in r.moreEvents {
            guard let e = eventIndex[name] else { return nil }
            leafEvents.append(Int32(e))
        }
        return Span32(start..<leafEvents.count)
    }

    /// True when `leaf` counts or sums events of type `e`.
    private func measures(_ leaf: Plan.Leaf, _ e: Int) -> Bool {
        Int(leaf.event) == e || leafEvents[Int(leaf.moreEvents.start)..<Int(leaf.moreEvents.start + leaf.moreEvents.count)].contains(Int32(e))
    }

    private mutating func fieldTest(_ relation: FieldRelation, _ ref: FieldRef) -> Plan.FieldTest? {
        guard let (field, _) = field(ref.path) else { return nil }
        return Plan.FieldTest(relation: relation, field: field, path: string(ref.path))
    }
}
