/// The checks of a referral type's milestones: what `when` names exists, the requirements it
/// writes in place are sound, the referral types a referrer milestone counts exist, and the
/// milestone can be reached at all (not more distinct days than its window holds, not a
/// requirement together with the negation of one it implies, not two referral numbers).
extension PolicyChecker {
    mutating func checkMilestones(_ type: ReferralTypeModel) {
        // The type's own requirements (nested ones too), each with the window it inherits.
        var own: [String: (requirement: RequirementModel, inherited: WindowModel?)] = [:]
        func walk(_ r: RequirementModel, _ inherited: WindowModel?) {
            own[r.id.id] = (r, inherited)
            let window = r.window ?? inherited
            switch r.kind {
            case .all(let children), .any(let children): children.forEach { walk($0, window) }
            case .not(let child): walk(child, window)
            case .count, .sum: break
            }
        }
        type.requirements.forEach { walk($0, type.window) }
        let names = own.keys.map { String($0.dropFirst(type.name.count + 1)) }.sorted()
        for m in type.milestones {
            if let w = m.window { checkWindow(w) }
            let window = m.window ?? type.window
            var shape = MilestoneShape(window: window)
            for condition in m.when {
                switch condition {
                case .signup(let location):
                    if own["\(type.name).signup"] != nil { report(DiagnosticText.ambiguousSignup(m.id.id, type: type.name), location) }
                case .reference(let name, let location):
                    guard let found = own["\(type.name).\(name)"] else {
                        if !type.incomplete {
                            report(DiagnosticText.undefinedMilestoneRequirement(name, type: type.name,
                                                                                suggestion: Suggestion.help(for: name, among: names)), location)
                        }
                        shape.incomplete = true
                        continue
                    }
                    shape.collect(found.requirement, inherited: found.inherited, positive: true)
                case .requirement(let r):
                    checkRequirement(r, type: type)
                    shape.collect(r, inherited: window, positive: true)
                case .nthReferral(let n):
                    for (name, location) in n.types ?? [] where !model.types.contains(where: { $0.name == name }) {
                        report(DiagnosticText.undefinedReferralType(name, suggestion: Suggestion.help(for: name, among: model.types.map(\.name))),
                               location)
                    }
                    shape.numbers.append(n)
                }
            }
            guard !m.incomplete, !shape.incomplete else { continue }
            if let (leaf, fit) = shape.tooManyDays() {
                report(DiagnosticText.milestoneNeedsMoreDays(m.id.id, requirement: leaf.id, days: leaf.threshold, fit: fit), m.whenLocation)
            } else if let (needs, forbids) = shape.contradiction() {
                report(DiagnosticText.milestoneContradicts(m.id.id, needs: needs, forbids: forbids), m.whenLocation)
            } else if let (a, b) = shape.twoNumbers(typeName: type.name) {
                report(DiagnosticText.milestoneTwoReferralNumbers(m.id.id, a, b), m.whenLocation)
            }
        }
    }
}

/// What a milestone's `when` needs, as far as it can be told without events: the counted and
/// summed requirements that must be met, those that must not be, and the referral numbers.
struct MilestoneShape {
    struct Leaf {
        var id: String
        var event: String
        /// `count`, `days` or `sum`.
        var measure: String
        var threshold: Int64
        /// Its filters and window as text: two leaves count the same events when these match.
        var filters: String
        var window: String
        var days: Int64?
    }

    /// The milestone's own window (or its type's): it must be reached within it.
    let window: WindowModel?
    var needed: [Leaf] = []
    var forbidden: [Leaf] = []
    var numbers: [ReferrerMilestoneModel] = []
    /// True when an entry named nothing known: no conclusion is drawn.
    var incomplete = false

    init(window: WindowModel?) {
        self.window = window
    }

    /// Adds what `r` needs when it must hold (`positive`) or must not. Only what must surely
    /// hold is collected: `all` of what must hold, a counted requirement under `not`; an
    /// `any` says nothing sure.
    mutating func collect(_ r: RequirementModel, inherited: WindowModel?, positive: Bool) {
        let window = r.window ?? inherited
        switch r.kind {
        case .count(let event, _, let atLeast, let distinct):
            add(Leaf(id: r.id.id, event: event, measure: distinct ? "days" : "count", threshold: atLeast,
                     filters: Self.text(r.filters), window: Self.text(window), days: window.flatMap { $0.anyTime ? nil : $0.days }), positive)
        case .sum(let event, _, let atLeast):
            add(Leaf(id: r.id.id, event: event, measure: "sum", threshold: atLeast.minorUnits,
                     filters: Self.text(r.filters), window: Self.text(window), days: nil), positive)
        case .all(let children) where positive:
            children.forEach { collect($0, inherited: window, positive: true) }
        case .not(let child) where positive:
            if case .count = child.kind { collect(child, inherited: window, positive: false) }
            if case .sum = child.kind { collect(child, inherited: window, positive: false) }
        default:
            break
        }
    }

    private mutating func add(_ leaf: Leaf, _ positive: Bool) {
        if positive { needed.append(leaf) } else { forbidden.append(leaf) }
    }

    /// A `distinct_days` count above the days its window (and the milestone's) can hold: a
    /// window of N days from an instant spans at most N + 1 calendar days.
    func tooManyDays() -> (Leaf, Int64)? {
        let milestoneDays = window.flatMap { $0.anyTime ? nil : $0.days }
        for leaf in needed where leaf.measure == "days" {
            let bound = [leaf.days, milestoneDays].compactMap { $0 }.min()
            if let bound, leaf.threshold > bound + 1 { return (leaf, bound + 1) }
        }
        return nil
    }

    /// A requirement that must be met together with one that must not be, counting the same
    /// events, whose threshold it reaches: `count: stay, at_least: 3` and `not: count: stay`.
    func contradiction() -> (needs: String, forbids: String)? {
        for a in needed {
            for b in forbidden where a.event == b.event && a.measure == b.measure && a.filters == b.filters && a.window == b.window
                && a.threshold >= b.threshold {
                return (a.id, b.id)
            }
        }
        return nil
    }

    /// Two referral numbers over the same referral types.
    func twoNumbers(typeName: String) -> (Int64, Int64)? {
        func key(_ n: ReferrerMilestoneModel) -> [String] { (n.types?.map(\.name) ?? [typeName]).sorted() }
        for (i, a) in numbers.enumerated() {
            for b in numbers[(i + 1)...] where a.n != b.n && Set(key(a)) == Set(key(b)) { return (a.n, b.n) }
        }
        return nil
    }

    static func text(_ filters: [EventFilter]) -> String {
        filters.map { "\($0.attribute) \($0.comparison.rawValue) \($0.values.map(\.text))" }.sorted().joined(separator: "; ")
    }

    static func text(_ w: WindowModel?) -> String {
        guard let w else { return "the type's" }
        return w.anyTime ? "any time" : "\(w.days.map(String.init) ?? "-") days until \(w.until.map(\.description) ?? "-")"
    }
}
