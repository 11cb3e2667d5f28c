/// Semantic checks on a parsed policy: every name it uses is defined, ids are unique, values
/// fit the fields they are compared with, currencies do not mix, tiers are in order, windows
/// can be met, and nothing is unreachable or paid wrongly by the look of it.
struct PolicyChecker {
    typealias V = PolicyVocabulary
    let model: PolicyModel
    let file: String?
    var diagnostics: [Diagnostic] = []
    var usedEvents: Set<String> = []
    var usedAttributes: Set<String> = []

    init(model: PolicyModel, file: String?) {
        self.model = model
        self.file = file
    }

    mutating func check() -> [Diagnostic] {
        checkDeclarations()
        var ids: [String: SourceLocation] = [:]
        func claim(_ id: RuleID, into diags: inout [Diagnostic], file: String?) {
            if let earlier = ids[id.id] {
                diags.append(DiagnosticText.duplicateID(id.id, firstLine: earlier.line).at(id.location, file: file))
            } else {
                ids[id.id] = id.location
            }
        }
        for rule in model.eligibility { claim(rule.id, into: &diagnostics, file: file) }
        checkEligibility(model.eligibility)
        for limit in model.limits {
            claim(limit.id, into: &diagnostics, file: file)
            checkLimit(limit)
        }
        for type in model.types {
            for rule in type.eligibility { claim(rule.id, into: &diagnostics, file: file) }
            checkEligibility(type.eligibility)
            if let window = type.window { checkWindow(window) }
            var requirementIDs: [String: RequirementModel] = [:]
            func walk(_ r: RequirementModel) {
                claim(r.id, into: &diagnostics, file: file)
                requirementIDs[r.id.id] = r
                switch r.kind {
                case .all(let c), .any(let c): c.forEach(walk)
                case .not(let c): walk(c)
                default: break
                }
            }
            type.requirements.forEach(walk)
            for m in type.milestones {
                if !m.onReward { claim(m.id, into: &diagnostics, file: file) }
                for case .requirement(let r) in m.when { walk(r) }
            }
            for r in type.requirements { checkRequirement(r, type: type) }
            for reward in type.allRewards.map(\.reward) {
                claim(reward.id, into: &diagnostics, file: file)
                if case .tiers(_, _, let tiers) = reward.amount { tiers.forEach { claim($0.id, into: &diagnostics, file: file) } }
                checkReward(reward, type: type, requirements: requirementIDs)
            }
            if type.allRewards.isEmpty { report(DiagnosticText.noRewards(type.name), type.location) }
            if type.hasMilestones { checkMilestones(type) }
            if let reversal = type.reversal {
                claim(reversal.id, into: &diagnostics, file: file)
                for (name, loc) in reversal.events { _ = eventType(name, loc) }
            }
        }
        checkUnused()
        return diagnostics
    }

    // MARK: - Pieces

    mutating func report(_ text: DiagnosticText, _ location: SourceLocation?) {
        diagnostics.append(text.at(location, file: file))
    }

    private mutating func checkDeclarations() {
        for decl in model.referrerAttributes + model.refereeAttributes where V.BuiltInField.reservedNames.contains(decl.name) {
            report(DiagnosticText.builtInAttributeName(decl.name), decl.location)
        }
        for event in model.events {
            if let decl = event.attributes.first(where: { $0.name == "amount" }) {
                report(DiagnosticText.amountAttribute, decl.location)
            }
        }
    }

    mutating func eventType(_ name: String, _ location: SourceLocation) -> EventTypeDecl? {
        usedEvents.insert(name)
        if let decl = model.events.first(where: { $0.name == name }) { return decl }
        if model.declarationsIncomplete { return nil }  // the declaration that broke was reported
        report(DiagnosticText.undefinedEventType(name, suggestion: Suggestion.help(for: name, among: model.events.map(\.name))), location)
        return nil
    }

    /// What a field path reads, or nil (with a diagnostic) when there is no such field.
    mutating func fieldKind(_ field: FieldRef) -> FieldKind? {
        if let builtIn = V.BuiltInField(rawValue: field.path) { return builtIn.kind }
        let parts = field.path.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, parts[0] == "referee" || parts[0] == "referrer" else {
            report(DiagnosticText.unknownField(field.path, help: Suggestion.help(for: field.path, among: fieldPaths(), listUpTo: 12)
                       ?? "fields start with `referee.` or `referrer.`"), field.location)
            return nil
        }
        let decls = parts[0] == "referee" ? model.refereeAttributes : model.referrerAttributes
        if let decl = decls.first(where: { $0.name == parts[1] }) {
            usedAttributes.insert("\(parts[0]).\(decl.name)")
            return FieldKind(decl.type)
        }
        if model.declarationsIncomplete { return nil }
        report(DiagnosticText.unknownField(field.path, help: Suggestion.help(for: field.path, among: fieldPaths(), listUpTo: 12)
                   ?? "declare custom fields under `attributes: \(parts[0]):`"), field.location)
        return nil
    }

    func fieldPaths() -> [String] {
        V.BuiltInField.names + model.refereeAttributes.map { "referee.\($0.name)" } + model.referrerAttributes.map { "referrer.\($0.name)" }
    }

    private mutating func checkEligibility(_ rules: [EligibilityRule]) {
        var neverHolds: RuleID?
        for rule in rules {
            if let blocker = neverHolds {
                report(DiagnosticText.neverChecked(rule.id.id, blocker: blocker.id), rule.location)
                neverHolds = nil
            }
            if case .fields(let left, let relation, let right) = rule.condition {
                checkFieldRelation(left, relation, right)
                continue
            }
            guard case .field(let field, let comparison, let values) = rule.condition else { continue }
            guard let kind = fieldKind(field) else { continue }
            checkComparison(kind, comparison, values, field.path, field.location)
            if V.BuiltInField(rawValue: field.path) == .refereeCountry || V.BuiltInField(rawValue: field.path) == .referrerCountry {
                // One diagnostic for the rule, at its first such value: `[cu, ir, kp, sy]` is one slip.
                let odd = values.filter { !$0.quoted && !Self.isCountryCode($0.text) }
                if let first = odd.first {
                    report(DiagnosticText.countryCode(odd.map(\.text), field: field.path), first.location)
                }
            }
            if comparison == .in || comparison == .containsAny, values.isEmpty {
                neverHolds = rule.id
                report(DiagnosticText.listsNoValues(rule.id.id, field: field.path), field.location)
            }
        }
    }

    /// Two capital letters, as ISO 3166-1 alpha-2 codes are sent.
    static func isCountryCode(_ text: String) -> Bool {
        text.unicodeScalars.count == 2 && text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    }

    /// The comparison suits the field, and every constant has the field's type.
    private mutating func checkComparison(_ kind: FieldKind, _ comparison: Comparison, _ values: [Literal], _ name: String,
                                          _ location: SourceLocation) {
        switch (kind, comparison) {
        case (.list, .containsAny), (.list, .containsNone): break
        case (.list, _):
            report(DiagnosticText.listComparedAsValue(name), location)
            return
        case (_, .containsAny), (_, .containsNone):
            report(DiagnosticText.listComparisonOnValue(comparison.rawValue, name, kind: kind.name), location)
            return
        case (.text, .atLeast), (.text, .atMost), (.boolean, .atLeast), (.boolean, .atMost):
            report(DiagnosticText.numberComparisonOnText(comparison.rawValue, name, kind: kind.name), location)
            return
        default: break
        }
        for value in values {
            switch kind {
            case .integer where Int64(value.text) == nil:
                report(DiagnosticText.notAWholeNumber(name, value.text), value.location)
            case .boolean where value.text != "true" && value.text != "false":
                report(DiagnosticText.notTrueOrFalse(name, value.text), value.location)
            default: break
            }
        }
    }

    mutating func checkWindow(_ window: WindowModel) {
        if let until = window.until, let from = model.effective.from, until < from {
            report(DiagnosticText.windowEndsBeforeVersion(until: "\(until)", from: "\(from)"), window.location)
        }
    }

    mutating func checkRequirement(_ r: RequirementModel, type: ReferralTypeModel) {
        if let w = r.window { checkWindow(w) }
        switch r.kind {
        case .count, .sum:
            if !r.moreEvents.isEmpty {
                checkMeasureOfSeveral(r)
                return
            }
            let (event, loc, atLeast, isSum): (String, SourceLocation, Int64, Bool) = {
                switch r.kind {
                case .count(let e, let l, let a, _): return (e, l, a, false)
                case .sum(let e, let l, let m): return (e, l, m.minorUnits, true)
                default: return ("", r.location, 1, false)
                }
            }()
            guard let decl = eventType(event, loc) else { return }
            if isSum, !decl.hasAmount {
                report(DiagnosticText.sumWithoutAmount(event), loc)
            }
            if atLeast == 0 { report(DiagnosticText.alwaysMet(r.id.id), r.location) }
            for filter in r.filters { checkFilter(filter, decl) }
        case .all(let children), .any(let children):
            children.forEach { checkRequirement($0, type: type) }
        case .not(let child):
            checkRequirement(child, type: type)
        }
    }

    mutating func checkFilter(_ filter: EventFilter, _ event: EventTypeDecl) {
        if filter.attribute == "amount" {
            guard event.hasAmount else {
                report(DiagnosticText.eventHasNoAmount(event.name), filter.location)
                return
            }
            if !V.amountComparisons.contains(filter.comparison) {
                report(DiagnosticText.amountFilterComparison, filter.location)
            }
            return  // the amounts themselves were read (exact, not negative) by the parser
        }
        guard let decl = event.attributes.first(where: { $0.name == filter.attribute }) else {
            let names = event.attributes.map(\.name) + (event.hasAmount ? ["amount"] : [])
            if model.declarationsIncomplete { return }
            report(DiagnosticText.eventHasNoAttribute(event.name, filter.attribute, suggestion: Suggestion.help(for: filter.attribute, among: names)),
                   filter.location)
            return
        }
        usedAttributes.insert("\(event.name).\(decl.name)")
        if let compared = filter.compared {
            checkFilterRelation(event.name, decl, compared.relation, compared.field)
            return
        }
        checkComparison(FieldKind(decl.type), filter.comparison, filter.values, "\(event.name).\(decl.name)", filter.location)
    }

    private mutating func checkReward(_ reward: RewardModel, type: ReferralTypeModel, requirements: [String: RequirementModel]) {
        func measured(_ of: String, _ loc: SourceLocation) -> (RequirementModel, Money)? {
            guard let r = requirement(named: of, at: loc, type: type, requirements: requirements) else { return nil }
            guard case .sum(_, _, let threshold) = r.kind else {
                report(DiagnosticText.ofNotASum(of), loc)
                return nil
            }
            return (r, threshold)
        }
        switch reward.amount {
        case .fixed: break
        case .byField(let table): checkAmountTable(table)
        case .percent(_, let of, let loc, _, let max):
            if reward.taking != .sum {
                checkPercentOfEvent(reward, of: of, at: loc, type: type, requirements: requirements)
            } else if !reward.incomplete, let (_, threshold) = measured(of, loc), threshold.currency != reward.currency {
                report(DiagnosticText.percentOfOtherCurrency(reward.id.id, pays: reward.currency.code, measures: threshold.currency.code), loc)
            }
            if let max, max.minorUnits == 0 { report(DiagnosticText.zeroMaximum(reward.id.id), reward.location) }
        case .tiers(let of, let loc, let tiers):
            checkTiers(reward, of: of, at: loc, tiers, type: type, requirements: requirements)
        }
    }

    /// The requirement `of` names in `type` (its id as written, or qualified), or nil, reported.
    mutating func requirement(named of: String, at loc: SourceLocation, type: ReferralTypeModel,
                              requirements: [String: RequirementModel]) -> RequirementModel? {
        let qualified = "\(type.name).\(of)"
        guard let r = requirements[qualified] ?? requirements[of] else {
            // When a requirement did not parse, the id may be its; that error was reported.
            if type.incomplete { return nil }
            let names = requirements.keys.filter { $0.hasPrefix("\(type.name).") }.map { String($0.dropFirst(type.name.count + 1)) }
            report(DiagnosticText.undefinedRequirement(of, type: type.name, suggestion: Suggestion.help(for: of, among: names.sorted())), loc)
            return nil
        }
        return r
    }

    /// A limit of 0 withholds every referrer reward of its kind (all of them when it names none):
    /// a warning only when the program pays such a reward at all.
    private mutating func checkLimit(_ limit: LimitRule) {
        guard limit.maxRewards == 0 || limit.maxAmount?.minorUnits == 0 else { return }
        let kinds: [RewardKind] = model.types.flatMap { type in
            type.allRewards.map(\.reward).filter { $0.to == .referrer }.flatMap { reward -> [RewardKind] in
                if case .tiers(_, _, let tiers) = reward.amount { return tiers.map(\.kind) }
                return [reward.kind]
            }
        }
        if let kind = limit.kind, !kinds.contains(kind) { return }
        if limit.kind == nil, kinds.isEmpty, !model.types.isEmpty { return }
        report(DiagnosticText.limitAllowsNothing(limit.id.id, kind: limit.kind), limit.location)
    }

    private mutating func checkUnused() {
        for event in model.events where !usedEvents.contains(event.name) {
            report(DiagnosticText.unusedEventType(event.name), event.location)
        }
        let declared = model.referrerAttributes.map { ("referrer.\($0.name)", $0.location) }
            + model.refereeAttributes.map { ("referee.\($0.name)", $0.location) }
            + model.events.filter { usedEvents.contains($0.name) }.flatMap { e in e.attributes.map { ("\(e.name).\($0.name)", $0.location) } }
        for (name, location) in declared where !usedAttributes.contains(name) {
            report(DiagnosticText.unusedAttribute(name), location)
        }
    }
}

/// What kind of value a field holds, for checking comparisons.
enum FieldKind: Equatable {
    case text, integer, boolean, list

    init(_ type: AttributeType) {
        switch type {
        case .text: self = .text
        case .integer: self = .integer
        case .boolean: self = .boolean
        }
    }

    var name: String {
        switch self {
        case .text: "text"
        case .integer: "a whole number"
        case .boolean: "true or false"
        case .list: "a list"
        }
    }
}
