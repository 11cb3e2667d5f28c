/// Reads a ``YNode`` tree into a ``PolicyModel``, reporting every structural problem:
/// unknown, missing and duplicate keys, wrong types, bad amounts, dates and ids.
/// Cross-references (event types, fields, requirement ids) are checked by ``PolicyChecker``.
struct PolicyParser: NodeReader {
    let file: String?
    let limits: LoadLimits
    var diagnostics: [Diagnostic] = []
    /// The policy's currency, once read; amounts are parsed in it.
    var currency = Currency(code: "USD")!
    var ruleCount = 0

    init(file: String?, limits: LoadLimits) {
        self.file = file
        self.limits = limits
    }

    static let topKeys = ["program", "version", "description", "currency", "effective", "attributes",
                          "events", "eligibility", "limits", "referral_types"]

    mutating func parse(_ root: YNode) -> PolicyModel? {
        guard case .mapping = root.kind else {
            report(.rootNotMapping, "a policy must be a mapping of keys, found \(root.typeName)", root.location,
                   help: "start the file with `program:`, `version:`, `currency:`, `events:` and `referral_types:`")
            return nil
        }
        guard let top = fields(root, "the policy", allowed: PolicyParser.topKeys,
                               required: ["program", "version", "currency", "events", "referral_types"]) else { return nil }
        let program = top["program"].flatMap { identifier($0, "`program`") }
        let version = top["version"].flatMap { text($0, "`version`") }
        let description = top["description"].flatMap { text($0, "`description`") }
        if let node = top["currency"], let code = text(node, "`currency`") {
            if let c = currencyNamed(code, node.location) { currency = c }
        }
        var effective = EffectivePeriod()
        if let node = top["effective"] { effective = parseEffective(node) }
        var model = PolicyModel(
            program: program ?? "", programLocation: top["program"]?.location ?? root.location,
            version: version ?? "", versionLocation: top["version"]?.location ?? root.location,
            description: description, currency: currency, effective: effective,
            effectiveLocation: top.keyLocation("effective") ?? root.location)
        if let node = top["attributes"], let attrs = fields(node, "`attributes`", allowed: ["referrer", "referee"], required: []) {
            model.referrerAttributes = attrs["referrer"].map { attributeDecls($0, "`attributes.referrer`") } ?? []
            model.refereeAttributes = attrs["referee"].map { attributeDecls($0, "`attributes.referee`") } ?? []
        }
        if let node = top["events"] { model.events = eventDecls(node) }
        if let node = top["eligibility"] {
            model.eligibility = list(node, "`eligibility`").enumerated().compactMap { index, item in
                eligibilityRule(item, scope: nil, path: "eligibility[\(index)]")
            }
        }
        if let node = top["limits"] {
            model.limits = list(node, "`limits`").enumerated().compactMap { index, item in
                limitRule(item, path: "limits[\(index)]")
            }
        }
        if let node = top["referral_types"] {
            guard case .mapping(let pairs) = node.kind else {
                report(.wrongType, "`referral_types` must be a mapping from type name to its rules, found \(node.typeName)",
                       node.location, help: "write `referral_types:` then `  freelancer:` indented below it")
                return nil
            }
            if pairs.isEmpty {
                report(.missingKey, "`referral_types` defines no referral type", node.location,
                       help: "add a referral type such as `freelancer:` with its requirements and rewards")
            }
            for (key, value) in pairs where !isMarkedDuplicate(key) {
                guard let name = identifier(key, "a referral type name") else { continue }
                if let type = referralType(name: name, key: key, node: value) { model.types.append(type) }
            }
        }
        if ruleCount > limits.maxRules {
            report(.limitExceeded, "the policy has \(ruleCount) rules, more than the limit of \(limits.maxRules)",
                   root.location, help: "split the program, or raise `LoadLimits.maxRules`")
        }
        guard program != nil, version != nil else { return nil }
        return model
    }

    // MARK: - Sections

    private mutating func parseEffective(_ node: YNode) -> EffectivePeriod {
        var period = EffectivePeriod()
        guard let f = fields(node, "`effective`", allowed: ["from", "until", "decided_by"], required: []) else { return period }
        period.from = f["from"].flatMap { instant($0, "`effective.from`") }
        period.until = f["until"].flatMap { instant($0, "`effective.until`") }
        if let node = f["decided_by"], let word = text(node, "`effective.decided_by`") {
            if let basis = EffectivePeriod.Basis(rawValue: word) {
                period.basis = basis
            } else {
                invalidChoice(word, "`effective.decided_by`", EffectivePeriod.Basis.allCases.map(\.rawValue), node.location)
            }
        }
        if let from = period.from, let until = period.until, until <= from, let loc = f["until"]?.location {
            report(.emptyEffectivePeriod, "`effective.until` (\(until)) is not after `effective.from` (\(from))", loc,
                   help: "`until` is the first instant the version is no longer in force; make it later than `from`")
        }
        return period
    }

    private mutating func attributeDecls(_ node: YNode, _ what: String) -> [AttributeDecl] {
        guard case .mapping(let pairs) = node.kind else {
            if !node.isNull { wrongType(node, what, "a mapping from attribute name to its type (`text`, `integer`, `boolean`)") }
            return []
        }
        var out: [AttributeDecl] = []
        for (key, value) in pairs where !isMarkedDuplicate(key) {
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
            wrongType(node, "`events`", "a mapping from event type to its description")
            return []
        }
        var out: [EventTypeDecl] = []
        for (key, value) in pairs where !isMarkedDuplicate(key) {
            guard let name = identifier(key, "an event type name") else { continue }
            var decl = EventTypeDecl(name: name, location: key.location, description: nil, hasAmount: false, attributes: [])
            if !value.isNull, let f = fields(value, "event type `\(name)`", allowed: ["description", "amount", "attributes"], required: []) {
                decl.description = f["description"].flatMap { text($0, "`description`") }
                decl.hasAmount = f["amount"].flatMap { bool($0, "`amount`") } ?? false
                decl.attributes = f["attributes"].map { attributeDecls($0, "the attributes of `\(name)`") } ?? []
            }
            out.append(decl)
        }
        return out
    }

    private mutating func referralType(name: String, key: YNode, node: YNode) -> ReferralTypeModel? {
        let what = "referral type `\(name)`"
        guard let f = fields(node, what, allowed: ["description", "window", "eligibility", "requirements", "rewards", "reversal"],
                             required: ["requirements", "rewards"], at: key.location) else { return nil }
        var type = ReferralTypeModel(name: name, location: key.location, description: f["description"].flatMap { text($0, "`description`") },
                                     window: nil, eligibility: [], requirements: [],
                                     requirementsLocation: f.keyLocation("requirements") ?? key.location, rewards: [], reversal: nil)
        type.window = f["window"].flatMap { window($0, "the window of `\(name)`") }
        if let node = f["eligibility"] {
            type.eligibility = list(node, "the eligibility of `\(name)`").enumerated().compactMap { index, item in
                eligibilityRule(item, scope: name, path: "\(name).eligibility[\(index)]")
            }
        }
        if let node = f["requirements"] {
            let items = list(node, "the requirements of `\(name)`")
            if items.isEmpty, node.isNull || { if case .sequence = node.kind { true } else { false } }() {
                report(.missingKey, "\(what) has no requirements", node.location,
                       help: "add at least one requirement, such as `- sum: earned` with `at_least: 100.00`")
            }
            type.requirements = items.enumerated().compactMap { index, item in
                requirement(item, scope: name, path: "\(name).requirements[\(index)]")
            }
        }
        if let node = f["rewards"] {
            type.rewards = list(node, "the rewards of `\(name)`").enumerated().compactMap { index, item in
                reward(item, scope: name, path: "\(name).rewards[\(index)]")
            }
        }
        if let node = f["reversal"] { type.reversal = reversal(node, scope: name) }
        return type
    }

    private mutating func reversal(_ node: YNode, scope: String) -> ReversalModel? {
        guard let f = fields(node, "the reversal of `\(scope)`", allowed: ["id", "on", "within_days"], required: ["on", "within_days"]) else {
            return nil
        }
        let id = ruleID(f["id"], scope: scope, derived: "\(scope).reversal", at: node.location)
        var events: [(String, SourceLocation)] = []
        if let on = f["on"] {
            for item in scalarList(on, "`reversal.on`") {
                if let name = identifier(item, "an event type") { events.append((name, item.location)) }
            }
        }
        let within = f["within_days"].flatMap { days($0, "`reversal.within_days`", allowZero: false) }
        guard let within else { return nil }
        return ReversalModel(id: id, events: events, withinDays: within, location: node.location)
    }

    mutating func window(_ node: YNode, _ what: String) -> WindowModel? {
        if let word = node.scalar, !node.isNull {
            if word == "none" || word == "any_time" { return WindowModel(days: nil, until: nil, anyTime: true, location: node.location) }
            report(.wrongType, "\(what) must be `days: N`, `until: DATE` or `any_time`, found `\(word)`", node.location,
                   help: "write `window: { days: 90 }` for 90 days after sign-up")
            return nil
        }
        guard let f = fields(node, what, allowed: ["days", "until"], required: []) else { return nil }
        let count = f["days"].flatMap { days($0, "`window.days`", allowZero: false) }
        // A plain date means the whole of that day: `until: 2025-12-31` includes 31 December.
        let until = f["until"].flatMap { node in
            instant(node, "`window.until`").map { node.scalar?.utf8.count == 10 ? Instant(secondsSinceEpoch: $0.secondsSinceEpoch + 86_399) : $0 }
        }
        if f["days"] == nil, f["until"] == nil {
            report(.missingKey, "\(what) needs `days` or `until`", node.location,
                   help: "write `days: 90` for 90 days after sign-up, or `until: 2025-12-31` for a fixed deadline")
            return nil
        }
        if count == nil, until == nil { return nil }
        return WindowModel(days: count, until: until, anyTime: false, location: node.location)
    }
}
