@testable import ReferralPolicy

// The evaluator ReferralPolicy had before the one-evaluator redesign, kept as a test oracle:
// every decision and error record of the library must equal what it gives.

/// Decides one snapshot against one compiled policy. Pure: reads nothing but its inputs.
///
/// Order: referral type → eligibility (first failure decides `not_eligible`) → one pass over
/// the events in time order, counting and summing every requirement at once → qualified
/// (then reversal, rewards, limits) or pending / expired with progress.
struct OracleEvaluator {
    let policy: OraclePolicy
    let explain: Bool

    func decide(_ snapshot: Snapshot) throws(EvaluationError) -> Decision {
        guard let typeIndex = policy.typeIndex(named: snapshot.type) else {
            let names = policy.types.map(\.name)
            let hint = Suggestion.closest(to: snapshot.type, among: names).map { "; did you mean `\($0)`?" }
                ?? "; this policy defines " + names.map { "`\($0)`" }.joined(separator: ", ")
            throw EvaluationError(.unknownReferralType, "unknown referral type `\(snapshot.type)`\(hint)", path: "type")
        }
        let type = policy.types[typeIndex]
        var run = OracleRun(policy: policy, type: type, snapshot: snapshot, explain: explain)
        return try run.decide()
    }
}

/// The working state of one evaluation.
struct OracleRun {
    let policy: OraclePolicy
    let type: OracleType
    let snapshot: Snapshot
    let explain: Bool
    var checks: [Decision.Check] = []
    /// The events at or before `as_of`, in time order, as plain values.
    var timeline: [OracleTimedEvent] = []
    /// Per leaf: the count or sum reached, and the window it counts in.
    var have: [Int64] = []
    var leafBounds: [(start: Instant?, end: Instant?)] = []

    init(policy: OraclePolicy, type: OracleType, snapshot: Snapshot, explain: Bool) {
        self.policy = policy
        self.type = type
        self.snapshot = snapshot
        self.explain = explain
    }

    mutating func decide() throws(EvaluationError) -> Decision {
        var decision = Decision(referralID: snapshot.id, referralType: snapshot.type, referrerID: snapshot.referrer.id, policy: policy.identity,
                                asOf: snapshot.asOf, status: .pending)
        if explain { explainVersion() }
        if let failed = checkEligibility() {
            decision.status = .notEligible
            decision.reason = failed
            decision.explanation = checks
            return decision
        }
        try prepareEvents()
        let typeBounds = type.window?.bounds(signup: snapshot.referee.signupAt) ?? (snapshot.referee.signupAt, nil)
        leafBounds = type.leaves.map { $0.window?.bounds(signup: snapshot.referee.signupAt) ?? typeBounds }
        let qualifiedAt = try countEvents()
        if explain {
            // The window holds while it is open, and for good once the requirements were met.
            let open = typeBounds.end.map { snapshot.asOf <= $0 } ?? true
            let span = "from \(typeBounds.start.map(\.description) ?? "any time") until \(typeBounds.end.map(\.description) ?? "no end")"
            let met = qualifiedAt.map { "; the requirements were met at \($0)" } ?? ""
            checks.append(Decision.Check(rule: "\(type.name).window", kind: .window, held: open || qualifiedAt != nil,
                                         saw: "qualifying events count \(span); as_of \(snapshot.asOf)\(met)"))
        }
        if explain { explainRequirements() }
        guard let qualifiedAt else {
            // Pending while the type's window is open and a later event could still meet the
            // requirements; expired once the window closed, or once every unmet requirement's own
            // window closed (counts and sums never go down) or a `not` was broken.
            let closed = leafBounds.map { bounds in bounds.end.map { snapshot.asOf > $0 } ?? false }
            let typeOpen = typeBounds.end.map { snapshot.asOf <= $0 } ?? true
            decision.status = typeOpen && OracleRequirementTree.canStillHold(type.requirements, type.leaves, have, closed: closed)
                ? .pending : .expired
            decision.progress = progress()
            decision.explanation = checks
            return decision
        }
        decision.qualifiedAt = qualifiedAt
        decision.status = .qualified
        if let reversal = type.reversal, let by = reversingEvent(reversal, after: qualifiedAt) {
            decision.status = .reversed
            decision.reason = reversal.id
            if explain {
                checks.append(Decision.Check(rule: reversal.id, kind: .reversal, held: false,
                                             saw: "`\(snapshot.events[by].type)` at \(snapshot.events[by].at), within \(reversal.withinDays) days of qualifying at \(qualifiedAt)"))
            }
        } else if explain, let reversal = type.reversal {
            checks.append(Decision.Check(rule: reversal.id, kind: .reversal, held: true,
                                         saw: "no \(reversal.eventNames.map { "`\($0)`" }.joined(separator: " or ")) within \(reversal.withinDays) days of qualifying at \(qualifiedAt)"))
        }
        decision.rewards = try rewards(qualifiedAt: qualifiedAt)
        decision.explanation = checks
        return decision
    }

    // MARK: - Eligibility

    private mutating func explainVersion() {
        let e = policy.effective
        let date = e.basis == .asOf ? "as_of \(snapshot.asOf)" : "referee.signup_at \(snapshot.referee.signupAt)"
        let span = "in force from \(e.from.map(\.description) ?? "the beginning") until \(e.until.map(\.description) ?? "further notice")"
        checks.append(Decision.Check(rule: "\(policy.identity.program)@\(policy.identity.version)", kind: .version, held: true,
                                     saw: "\(date); version \(policy.identity.version) is \(span)"))
    }

    /// Checks common then type rules; returns the first that failed.
    private mutating func checkEligibility() -> String? {
        var failed: String?
        let count = policy.eligibility.count + type.eligibility.count
        for i in 0..<count {
            let rule = i < policy.eligibility.count ? policy.eligibility[i] : type.eligibility[i - policy.eligibility.count]
            let held = OracleEligibility.holds(rule, snapshot)
            if !held, failed == nil { failed = rule.id }
            if explain {
                checks.append(Decision.Check(rule: rule.id, kind: .eligibility, held: held, saw: OracleEligibility.describe(rule, snapshot)))
            } else if !held {
                return failed
            }
        }
        return failed
    }

    // MARK: - Events

    /// Resolves event types, validates amounts and currencies, orders events by time.
    private mutating func prepareEvents() throws(EvaluationError) {
        let asOf = snapshot.asOf
        let policyCurrency = policy.currency.code
        try snapshot.events.withUnsafeBufferPointer { events throws(EvaluationError) in
            timeline.reserveCapacity(events.count)
            var sorted = true
            var last = Instant(secondsSinceEpoch: .min)
            for i in events.indices {
                guard let t = policy.eventIndex(named: events[i].type) else {
                    let name = events[i].type
                    let hint = Suggestion.closest(to: name, among: policy.eventNames).map { "; did you mean `\($0)`?" } ?? ""
                    throw EvaluationError(.unknownEventType, "unknown event type `\(name)`\(hint)", path: "events[\(i)].type")
                }
                var amount: Int64 = 0
                if policy.eventHasAmount[t] {
                    guard let a = events[i].amountMinor else {
                        throw EvaluationError(.invalidSnapshot, "`\(events[i].type)` events carry an amount; this one has none",
                                              path: "events[\(i)].amount_minor")
                    }
                    if a < 0 {
                        throw EvaluationError(.invalidSnapshot, "amounts are 0 or more, found \(a)", path: "events[\(i)].amount_minor")
                    }
                    if let code = events[i].currency, code != policyCurrency {
                        throw EvaluationError(.currencyMismatch, "amount in `\(code)`, but this policy counts amounts in `\(policyCurrency)`",
                                              path: "events[\(i)].currency")
                    }
                    amount = a
                } else {
                    amount = events[i].amountMinor ?? 0
                }
                let at = events[i].at
                if at > asOf { continue }  // not yet known at as_of
                if at < last { sorted = false }
                last = at
                timeline.append(OracleTimedEvent(index: i, type: t, at: at, amount: amount))
            }
            if !sorted {
                // Stable: events at the same instant keep their snapshot order.
                timeline.sort { a, b in a.at != b.at ? a.at < b.at : a.index < b.index }
            }
        }
    }

    /// One pass over the events: updates every leaf, and returns when the requirements
    /// started holding without interruption up to `as_of` (nil when they do not hold).
    private mutating func countEvents() throws(EvaluationError) -> Instant? {
        let plans = type.plans
        let count = plans.count
        have = Array(repeating: 0, count: count)
        var lastDay: [Int64] = plans.contains { $0.distinctDays } ? Array(repeating: Int64.min, count: count) : []
        // A plain list of leaves holds when none is unmet; a tree is evaluated after each change.
        let plain = type.requirementsAreLeaves
        var unmet = plain ? plans.reduce(0) { $0 + ($1.threshold > 0 ? 1 : 0) } : 0
        var holds = plain ? unmet == 0 : OracleRequirementTree.holds(type.requirements, type.leaves, have)
        var since: Instant? = holds ? snapshot.referee.signupAt : nil
        let starts = type.leafStarts
        let list = type.leafList
        for item in timeline {
            var changed = false
            for k in starts[item.type]..<starts[item.type + 1] {
                let li = list[k]
                let bounds = leafBounds[li]
                if let start = bounds.start, item.at < start { continue }
                if let end = bounds.end, item.at > end { continue }
                let plan = plans[li]
                if plan.hasFilters, !OracleFilterCheck.passes(type.leaves[li].filters, snapshot.events[item.index]) { continue }
                let before = have[li]
                if plan.isSum {
                    let (sum, overflow) = before.addingReportingOverflow(item.amount)
                    if overflow {
                        throw EvaluationError(.overflow, "the sum of `\(policy.eventNames[item.type])` amounts for `\(type.leaves[li].id)` overflows",
                                              path: "events[\(item.index)].amount_minor")
                    }
                    have[li] = sum
                } else if plan.distinctDays {
                    let day = item.at.dayNumber
                    if day != lastDay[li] { have[li] = before + 1; lastDay[li] = day }
                } else {
                    have[li] = before + 1
                }
                if plain {
                    if before < plan.threshold, have[li] >= plan.threshold { unmet -= 1 }
                } else {
                    changed = true
                }
            }
            if plain {
                if unmet == 0, since == nil { since = item.at; holds = true }
            } else if changed {
                holds = OracleRequirementTree.holds(type.requirements, type.leaves, have)
                if holds, since == nil { since = item.at }
                if !holds { since = nil }
            }
        }
        return holds ? since : nil
    }

    /// The first event of a reversing type within the reversal period after qualifying.
    private func reversingEvent(_ reversal: OracleReversal, after qualifiedAt: Instant) -> Int? {
        let end = qualifiedAt.adding(days: reversal.withinDays) ?? Instant.latest
        for item in timeline where reversal.reverses[item.type] {
            if item.at >= qualifiedAt, item.at <= end { return item.index }
        }
        return nil
    }

    /// When a leaf's running sum first reached `threshold`, replaying the events.
    func reached(_ li: Int, _ threshold: Int64) -> Instant? {
        let plan = type.plans[li]
        let bounds = leafBounds[li]
        var total: Int64 = 0
        for item in timeline where item.type == plan.event {
            if let start = bounds.start, item.at < start { continue }
            if let end = bounds.end, item.at > end { continue }
            if plan.hasFilters, !OracleFilterCheck.passes(type.leaves[li].filters, snapshot.events[item.index]) { continue }
            total = total.addingReportingOverflow(plan.isSum ? item.amount : 1).partialValue
            if total >= threshold { return item.at }
        }
        return nil
    }

    // MARK: - Progress and explanation

    private func progress() -> [Decision.Progress] {
        var out: [Decision.Progress] = []
        func walk(_ r: OracleRequirement) {
            switch r {
            case .leaf(let li):
                let leaf = type.leaves[li]
                guard have[li] < leaf.threshold else { return }
                out.append(Decision.Progress(requirement: leaf.id, description: leaf.description,
                                             eventType: policy.eventNames[leaf.event], unit: leaf.isSum ? .money : .count,
                                             have: have[li], need: leaf.threshold, currency: leaf.isSum ? policy.currency : nil,
                                             deadline: leafBounds[li].end))
            case .all(_, let c), .any(_, let c):
                if !OracleRequirementTree.holds(r, type.leaves, have) { c.forEach(walk) }  // a met group needs nothing more
            case .not: break
            }
        }
        type.requirements.forEach(walk)
        return out
    }

    private mutating func explainRequirements() {
        var out: [Decision.Check] = []
        func walk(_ r: OracleRequirement) {
            switch r {
            case .leaf(let li):
                let leaf = type.leaves[li]
                let name = policy.eventNames[leaf.event]
                let saw: String
                if leaf.isSum {
                    saw = "`\(name)` amounts in the window add up to \(Money(minorUnits: have[li], currency: policy.currency).display) of \(Money(minorUnits: leaf.threshold, currency: policy.currency).display) needed"
                } else {
                    saw = "\(have[li]) `\(name)` \(leaf.distinctDays ? "day" : "event")\(have[li] == 1 ? "" : "s") in the window of \(leaf.threshold) needed"
                }
                out.append(Decision.Check(rule: leaf.id, kind: .requirement, held: have[li] >= leaf.threshold,
                                          have: have[li], need: leaf.threshold, saw: saw))
            case .all(let id, let c), .any(let id, let c):
                let isAll: Bool = { if case .all = r { return true } else { return false } }()
                c.forEach(walk)
                let held = OracleRequirementTree.holds([r], type.leaves, have)
                out.append(Decision.Check(rule: id, kind: .requirement, held: held,
                                          saw: "\(isAll ? "all" : "any") of \(c.count): \(c.filter { OracleRequirementTree.holds([$0], type.leaves, have) }.count) met"))
            case .not(let id, let c):
                walk(c)
                out.append(Decision.Check(rule: id, kind: .requirement, held: OracleRequirementTree.holds([r], type.leaves, have),
                                          saw: "holds when the requirement under it does not"))
            }
        }
        type.requirements.forEach(walk)
        checks += out
    }
}

/// Evaluates the requirement tree over the leaves' current values.
enum OracleRequirementTree {
    static func holds(_ requirements: [OracleRequirement], _ leaves: [OracleLeaf], _ have: [Int64]) -> Bool {
        for r in requirements where !holds(r, leaves, have) { return false }
        return true
    }

    /// True when events still to come could make the requirements hold: an unmet leaf can
    /// still be met while its window is open; a `not` holds now or never will again.
    static func canStillHold(_ requirements: [OracleRequirement], _ leaves: [OracleLeaf], _ have: [Int64],
                             closed: [Bool]) -> Bool {
        func can(_ r: OracleRequirement) -> Bool {
            switch r {
            case .leaf(let i): return have[i] >= leaves[i].threshold || !closed[i]
            case .all(_, let c): return c.allSatisfy(can)
            case .any(_, let c): return c.contains(where: can)
            case .not(_, let c): return !holds(c, leaves, have)
            }
        }
        return requirements.allSatisfy(can)
    }

    static func holds(_ r: OracleRequirement, _ leaves: [OracleLeaf], _ have: [Int64]) -> Bool {
        switch r {
        case .leaf(let i): return have[i] >= leaves[i].threshold
        case .all(_, let c): return c.allSatisfy { holds($0, leaves, have) }
        case .any(_, let c): return c.contains { holds($0, leaves, have) }
        case .not(_, let c): return !holds(c, leaves, have)
        }
    }
}

/// An event at or before `as_of`, with its type resolved: what the one pass over events reads.
struct OracleTimedEvent {
    /// Its place in the snapshot's `events`.
    let index: Int
    /// Its event type's index in the policy.
    let type: Int
    let at: Instant
    /// Minor units; 0 for event types without an amount.
    let amount: Int64
}
