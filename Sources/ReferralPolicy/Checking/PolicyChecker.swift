/// Semantic checks on a parsed policy: every name it uses is defined, ids are unique, values
/// fit the fields they are compared with, currencies do not mix, tiers are in order, windows
/// can be met, and nothing is unreachable.
struct PolicyChecker {
    let model: PolicyModel
    let file: String?
    var diagnostics: [Diagnostic] = []
    private var usedEvents: Set<String> = []
    private var usedAttributes: Set<String> = []

    init(model: PolicyModel, file: String?) {
        self.model = model
        self.file = file
    }

    mutating func check() -> [Diagnostic] {
        checkDeclarations()
        var ids: [String: SourceLocation] = [:]
        func claim(_ id: RuleID, into diags: inout [Diagnostic], file: String?) {
            if let earlier = ids[id.id] {
                diags.append(Diagnostic(code: .duplicateID, message: "id `\(id.id)` is already used", location: id.location,
                                        help: "the first use is at line \(earlier.line); ids name rules in decisions and tests, so each must be unique",
                                        file: file))
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
            for r in type.requirements { checkRequirement(r, type: type) }
            for reward in type.rewards {
                claim(reward.id, into: &diagnostics, file: file)
                if case .tiers(_, _, let tiers) = reward.amount { tiers.forEach { claim($0.id, into: &diagnostics, file: file) } }
                checkReward(reward, type: type, requirements: requirementIDs)
            }
            if type.rewards.isEmpty {
                report(.noRewards, "referral type `\(type.name)` pays no reward", type.location,
                       help: "add a reward under `rewards:`, or remove the type")
            }
            if let reversal = type.reversal {
                claim(reversal.id, into: &diagnostics, file: file)
                for (name, loc) in reversal.events { _ = eventType(name, loc) }
            }
        }
        checkUnused()
        return diagnostics
    }

    // MARK: - Pieces

    private mutating func report(_ code: DiagnosticCode, _ message: String, _ location: SourceLocation?, help: String? = nil) {
        diagnostics.append(Diagnostic(code: code, message: message, location: location, help: help, file: file))
    }

    private mutating func checkDeclarations() {
        let builtins = ["id", "status", "country", "attribution", "flags", "signup_at", "rewards", "attributes"]
        for decl in model.referrerAttributes + model.refereeAttributes where builtins.contains(decl.name) {
            report(.invalidID, "attribute `\(decl.name)` has the name of a built-in field", decl.location,
                   help: "pick another name; `\(decl.name)` is already a field of every snapshot")
        }
        for event in model.events where event.attributes.contains(where: { $0.name == "amount" }) {
            if let decl = event.attributes.first(where: { $0.name == "amount" }) {
                report(.invalidID, "event attribute `amount` clashes with the event's own amount", decl.location,
                       help: "declare `amount: true` on the event type instead")
            }
        }
    }

    private mutating func eventType(_ name: String, _ location: SourceLocation) -> EventTypeDecl? {
        usedEvents.insert(name)
        if let decl = model.events.first(where: { $0.name == name }) { return decl }
        report(.undefinedEventType, "event type `\(name)` is not declared under `events`", location,
               help: Suggestion.help(for: name, among: model.events.map(\.name)).map { $0 } ?? "declare it under `events:`")
        return nil
    }

    /// What a field path reads, or nil (with a diagnostic) when there is no such field.
    private mutating func fieldKind(_ field: FieldRef) -> FieldKind? {
        let parts = field.path.split(separator: ".", maxSplits: 1).map(String.init)
        let builtins: [String: [String: FieldKind]] = [
            "referee": ["id": .text, "attribution": .text, "country": .text, "flags": .list],
            "referrer": ["id": .text, "status": .text, "country": .text],
        ]
        guard parts.count == 2, let person = builtins[parts[0]] else {
            let all = fieldPaths()
            report(.undefinedField, "unknown field `\(field.path)`", field.location,
                   help: Suggestion.help(for: field.path, among: all, listUpTo: 12) ?? "fields start with `referee.` or `referrer.`")
            return nil
        }
        if let kind = person[parts[1]] { return kind }
        let decls = parts[0] == "referee" ? model.refereeAttributes : model.referrerAttributes
        if let decl = decls.first(where: { $0.name == parts[1] }) {
            usedAttributes.insert("\(parts[0]).\(decl.name)")
            return FieldKind(decl.type)
        }
        report(.undefinedField, "unknown field `\(field.path)`", field.location,
               help: Suggestion.help(for: field.path, among: fieldPaths(), listUpTo: 12)
                   ?? "declare custom fields under `attributes: \(parts[0]):`")
        return nil
    }

    private func fieldPaths() -> [String] {
        ["referee.id", "referee.attribution", "referee.country", "referee.flags", "referrer.id", "referrer.status", "referrer.country"]
            + model.refereeAttributes.map { "referee.\($0.name)" } + model.referrerAttributes.map { "referrer.\($0.name)" }
    }

    private mutating func checkEligibility(_ rules: [EligibilityRule]) {
        var neverHolds: RuleID?
        for rule in rules {
            if let blocker = neverHolds {
                report(.unreachableRule, "eligibility rule `\(rule.id.id)` is never checked", rule.location,
                       help: "`\(blocker.id)` before it fails for every referral")
                neverHolds = nil
            }
            guard case .field(let field, let comparison, let values) = rule.condition else { continue }
            guard let kind = fieldKind(field) else { continue }
            checkComparison(kind, comparison, values, field.path, field.location)
            if comparison == .in || comparison == .containsAny, values.isEmpty {
                neverHolds = rule.id
                report(.unreachableRule, "eligibility rule `\(rule.id.id)` lists no values, so no referral is ever eligible", field.location,
                       help: "list the values `\(field.path)` may have")
            }
        }
    }

    /// The comparison suits the field, and every constant has the field's type.
    private mutating func checkComparison(_ kind: FieldKind, _ comparison: Comparison, _ values: [Literal], _ name: String,
                                          _ location: SourceLocation) {
        switch (kind, comparison) {
        case (.list, .containsAny), (.list, .containsNone): break
        case (.list, _):
            report(.fieldTypeMismatch, "`\(name)` is a list; compare it with `contains_any` or `contains_none`", location,
                   help: "for example `contains_none: [fraud]`")
            return
        case (_, .containsAny), (_, .containsNone):
            report(.fieldTypeMismatch, "`\(comparison.rawValue)` applies to lists, but `\(name)` is \(kind.name)", location,
                   help: "use `in` or `not_in`")
            return
        case (.text, .atLeast), (.text, .atMost), (.boolean, .atLeast), (.boolean, .atMost):
            report(.fieldTypeMismatch, "`\(comparison.rawValue)` compares numbers, but `\(name)` is \(kind.name)", location,
                   help: "use `in`, `not_in`, `equals` or `not_equals`")
            return
        default: break
        }
        for value in values {
            switch kind {
            case .integer where Int64(value.text) == nil:
                report(.fieldTypeMismatch, "`\(name)` is a whole number, but `\(value.text)` is not", value.location)
            case .boolean where value.text != "true" && value.text != "false":
                report(.fieldTypeMismatch, "`\(name)` is true or false, but `\(value.text)` is neither", value.location)
            default: break
            }
        }
    }

    private mutating func checkWindow(_ window: WindowModel) {
        if let until = window.until, let from = model.effective.from, until < from {
            report(.emptyWindow, "the window ends at \(until), before this version takes effect (\(from))", window.location,
                   help: "every referral of this version signs up after `effective.from`, so no event could count; move `until` later")
        }
    }

    private mutating func checkRequirement(_ r: RequirementModel, type: ReferralTypeModel) {
        if let w = r.window { checkWindow(w) }
        switch r.kind {
        case .count, .sum:
            let (event, loc, atLeast, isSum): (String, SourceLocation, Int64, Bool) = {
                switch r.kind {
                case .count(let e, let l, let a, _): return (e, l, a, false)
                case .sum(let e, let l, let m): return (e, l, m.minorUnits, true)
                default: return ("", r.location, 1, false)
                }
            }()
            guard let decl = eventType(event, loc) else { return }
            if isSum, !decl.hasAmount {
                report(.fieldTypeMismatch, "`\(event)` events carry no amount, so they cannot be summed", loc,
                       help: "use `count: \(event)`, or declare `amount: true` on the event type")
            }
            if atLeast == 0 {
                report(.alwaysMet, "requirement `\(r.id.id)` asks for at least 0, so it always holds", r.location,
                       help: "raise `at_least`, or remove the requirement")
            }
            for filter in r.filters { checkFilter(filter, decl) }
        case .all(let children), .any(let children):
            children.forEach { checkRequirement($0, type: type) }
        case .not(let child):
            checkRequirement(child, type: type)
        }
    }

    private mutating func checkFilter(_ filter: EventFilter, _ event: EventTypeDecl) {
        if filter.attribute == "amount" {
            guard event.hasAmount else {
                report(.undefinedField, "`\(event.name)` events carry no amount", filter.location,
                       help: "declare `amount: true` on `\(event.name)`, or filter on one of its attributes")
                return
            }
            if filter.comparison != .atLeast, filter.comparison != .atMost {
                report(.fieldTypeMismatch, "filter `amount` with `at_least` or `at_most`", filter.location,
                       help: "for example `amount: { at_least: 10.00 }`")
            }
            return  // the amounts themselves were read (exact, not negative) by the parser
        }
        guard let decl = event.attributes.first(where: { $0.name == filter.attribute }) else {
            let names = event.attributes.map(\.name) + (event.hasAmount ? ["amount"] : [])
            report(.undefinedField, "`\(event.name)` events have no attribute `\(filter.attribute)`", filter.location,
                   help: Suggestion.help(for: filter.attribute, among: names) ?? "declare it under `events: \(event.name): attributes:`")
            return
        }
        usedAttributes.insert("\(event.name).\(decl.name)")
        checkComparison(FieldKind(decl.type), filter.comparison, filter.values, "\(event.name).\(decl.name)", filter.location)
    }

    private mutating func checkReward(_ reward: RewardModel, type: ReferralTypeModel, requirements: [String: RequirementModel]) {
        func measured(_ of: String, _ loc: SourceLocation) -> (RequirementModel, Money)? {
            let qualified = "\(type.name).\(of)"
            guard let r = requirements[qualified] ?? requirements[of] else {
                let names = requirements.keys.filter { $0.hasPrefix("\(type.name).") }.map { String($0.dropFirst(type.name.count + 1)) }
                report(.undefinedRequirement, "no requirement `\(of)` in referral type `\(type.name)`", loc,
                       help: Suggestion.help(for: of, among: names.sorted()) ?? "`of` names a `sum` requirement of the same type by its `id`")
                return nil
            }
            guard case .sum(_, _, let threshold) = r.kind else {
                report(.fieldTypeMismatch, "`of` must name a `sum` requirement, but `\(of)` is not one", loc,
                       help: "a percent or tier is measured on an amount of money")
                return nil
            }
            return (r, threshold)
        }
        switch reward.amount {
        case .fixed: break
        case .percent(_, let of, let loc, _, let max):
            if let (_, threshold) = measured(of, loc), threshold.currency != reward.currency {
                report(.mixedCurrencies, "reward `\(reward.id.id)` pays \(reward.currency.code) as a percent of an amount in \(threshold.currency.code)",
                       loc, help: "pay the reward in \(threshold.currency.code), or measure an amount in \(reward.currency.code)")
            }
            if let max, max.minorUnits == 0 {
                report(.unreachableRule, "reward `\(reward.id.id)` has `max: 0`, so it never pays anything", reward.location,
                       help: "raise `max`, or remove the reward")
            }
        case .tiers(let of, let loc, let tiers):
            let threshold = measured(of, loc)?.1
            if tiers.isEmpty {
                report(.missingKey, "reward `\(reward.id.id)` lists no tiers", reward.location, help: "add tiers with `at_least` and `amount`")
            }
            for (a, b) in zip(tiers, tiers.dropFirst()) where b.atLeast.minorUnits <= a.atLeast.minorUnits {
                report(.tiersOutOfOrder, "tier `\(b.id.id)` starts at \(b.atLeast.display), not above the tier before it (\(a.atLeast.display))",
                       b.location, help: "list tiers from the lowest `at_least` to the highest")
            }
            let ordered = zip(tiers, tiers.dropFirst()).allSatisfy { $0.atLeast.minorUnits < $1.atLeast.minorUnits }
            if let threshold, tiers.count > 1, ordered {
                // Every qualified referral measures at least the requirement's threshold, so a tier whose
                // successor already starts at or below that threshold is never chosen.
                let topLevel = type.requirements.contains { r in
                    if case .sum = r.kind { return r.id.id == "\(type.name).\(of)" || r.id.id == of }
                    return false
                }
                if topLevel {
                    for (a, b) in zip(tiers, tiers.dropFirst()) where b.atLeast.minorUnits <= threshold.minorUnits {
                        report(.unreachableTier, "tier `\(a.id.id)` is never reached", a.location,
                               help: "qualifying already needs \(threshold.display), where tier `\(b.id.id)` applies; remove the tier or lower the requirement")
                    }
                }
            }
        }
    }

    private mutating func checkLimit(_ limit: LimitRule) {
        if limit.maxRewards == 0 || limit.maxAmount?.minorUnits == 0 {
            report(.unreachableRule, "limit `\(limit.id.id)` allows nothing, so no referrer reward is ever paid", limit.location,
                   help: "raise the limit, or remove the referrer rewards")
        }
    }

    private mutating func checkUnused() {
        for event in model.events where !usedEvents.contains(event.name) {
            report(.unusedDefinition, "event type `\(event.name)` is declared but no rule uses it", event.location,
                   help: "remove it, or use it in a requirement or reversal")
        }
        let declared = model.referrerAttributes.map { ("referrer.\($0.name)", $0.location) }
            + model.refereeAttributes.map { ("referee.\($0.name)", $0.location) }
            + model.events.filter { usedEvents.contains($0.name) }.flatMap { e in e.attributes.map { ("\(e.name).\($0.name)", $0.location) } }
        for (name, location) in declared where !usedAttributes.contains(name) {
            report(.unusedDefinition, "attribute `\(name)` is declared but no rule uses it", location,
                   help: "remove it, or use it in an eligibility rule or a `where` filter")
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
