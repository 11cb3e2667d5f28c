/// The fast path from a JSON line to a decision, for the usual snapshot and policy: the line
/// is read into a ``CompactSnapshot`` (byte ranges, plain values, buffers on the stack) and
/// decided there, with no ``Snapshot`` built and no strings made but the decision's own.
///
/// It gives exactly the decision the plain way (``SnapshotDecoder`` then ``Evaluator``)
/// gives, and returns nil for anything it does not cover, which then goes the plain way:
/// a snapshot ``CompactReader`` does not read, a version or type a ``FastPlan`` does not
/// cover (per-referrer limits, filters on event attributes), an explanation, or any problem
/// (unknown names, bad amounts, overflow), so every error comes from the plain way, worded as
/// it words it. `FastPathTests` holds the two ways to the same decisions.
enum FastEvaluator {
    /// Decides `bytes` with the version of `policies` that governs it (as ``PolicySet``
    /// chooses), or nil for the plain way.
    static func decide(_ bytes: UnsafeBufferPointer<UInt8>, policies: [Policy], names: FlatNames) -> Decision? {
        withUnsafeTemporaryAllocation(of: CompactEvent.self, capacity: CompactSnapshot.maxEvents) { events in
            withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: CompactSnapshot.maxFlags) { flags in
                withUnsafeTemporaryAllocation(of: FlatValue.self, capacity: 2 * CompactSnapshot.maxFlat) { flat in
                    var reader = CompactReader(bytes, names: names, events: events, flags: flags, flat: flat)
                    guard let s = reader.read(), let policy = governing(policies, s) else { return nil }
                    var run = FastRun(policy: policy.compiled, b: bytes, s: s, events: UnsafeBufferPointer(events),
                                      flags: UnsafeBufferPointer(flags), flat: UnsafeBufferPointer(flat), names: names)
                    return run.decide()
                }
            }
        }
    }

    /// ``PolicySet/governingPolicy(for:)`` on a compact snapshot; nil when none governs.
    private static func governing(_ policies: [Policy], _ s: CompactSnapshot) -> Policy? {
        if policies.count == 1, let only = policies.first, only.effective.from == nil, only.effective.until == nil {
            return only
        }
        for policy in policies where policy.effective.contains(policy.effective.basis == .asOf ? s.asOf : s.signupAt) {
            return policy
        }
        return nil
    }
}

/// One fast evaluation: ``EvaluationRun`` without explanation, on a compact snapshot.
private struct FastRun {
    let policy: CompiledPolicy
    let b: UnsafeBufferPointer<UInt8>
    let s: CompactSnapshot
    let events: UnsafeBufferPointer<CompactEvent>
    let flags: UnsafeBufferPointer<Range<Int>>
    let flat: UnsafeBufferPointer<FlatValue>
    let names: FlatNames

    mutating func decide() -> Decision? {
        guard let plan = policy.fastPlan,
              let typeIndex = CompactBytes.index(b, s.type, in: plan.typeNames), plan.typeCovered[typeIndex] else { return nil }
        let type = policy.types[typeIndex]
        var decision = Decision(referralID: CompactBytes.text(b, s.id), referralType: type.name, policy: policy.identity,
                                asOf: s.asOf, status: .pending)
        for rule in policy.eligibility where !holds(rule) {
            decision.status = .notEligible
            decision.reason = rule.id
            return decision
        }
        for rule in type.eligibility where !holds(rule) {
            decision.status = .notEligible
            decision.reason = rule.id
            return decision
        }
        return withUnsafeTemporaryAllocation(of: TimedEvent.self, capacity: max(s.eventCount, 1)) { buffer in
            guard let count = timeline(plan, into: buffer) else { return nil }
            return decideEvents(type, UnsafeBufferPointer(rebasing: buffer[0..<count]), decision)
        }
    }

    private func decideEvents(_ type: CompiledType, _ timeline: UnsafeBufferPointer<TimedEvent>, _ start: Decision) -> Decision? {
        var decision = start
        let signup = s.signupAt
        let typeBounds = type.window?.bounds(signup: signup) ?? (signup, nil)
        let leafBounds = type.leaves.map { $0.window?.bounds(signup: signup) ?? typeBounds }
        guard let (have, qualifiedAt) = count(type, timeline, leafBounds) else { return nil }
        guard let qualifiedAt else {
            let closed = leafBounds.map { bounds in bounds.end.map { s.asOf > $0 } ?? false }
            let typeOpen = typeBounds.end.map { s.asOf <= $0 } ?? true
            decision.status = typeOpen && RequirementTree.canStillHold(type.requirements, type.leaves, have, closed: closed)
                ? .pending : .expired
            decision.progress = progress(type, have, leafBounds)
            return decision
        }
        decision.qualifiedAt = qualifiedAt
        decision.status = .qualified
        if let reversal = type.reversal {
            let end = qualifiedAt.adding(days: reversal.withinDays) ?? Instant.latest
            if timeline.contains(where: { reversal.reverses[$0.type] && $0.at >= qualifiedAt && $0.at <= end }) {
                decision.status = .reversed
                decision.reason = reversal.id
            }
        }
        guard let rewards = rewards(type, have, qualifiedAt, timeline, leafBounds) else { return nil }
        decision.rewards = rewards
        return decision
    }

    // MARK: - Eligibility (as EligibilityCheck.holds)

    private func holds(_ rule: CompiledRule) -> Bool {
        switch rule.condition {
        case .selfReferral(let allowed):
            return allowed || !CompactBytes.equal(b, s.referrerID, s.refereeID)
        case .field(let field, let test):
            switch field {
            case .refereeID: return text(test, s.refereeID)
            case .refereeAttribution: return text(test, s.attribution)
            case .refereeCountry: return text(test, s.refereeCountry)
            case .referrerID: return text(test, s.referrerID)
            case .referrerStatus: return text(test, s.referrerStatus)
            case .referrerCountry: return text(test, s.referrerCountry)
            case .refereeFlags:
                let hit = flags[0..<s.flagCount].contains { test.containsText(b, $0) }
                return test.comparison == .containsAny ? hit : !hit
            case .refereeAttribute(let name):
                return EligibilityCheck.apply(test, attribute: attribute(name, names.referee, offset: CompactSnapshot.maxFlat))
            case .referrerAttribute(let name):
                return EligibilityCheck.apply(test, attribute: attribute(name, names.referrer, offset: 0))
            }
        }
    }

    /// As ``EligibilityCheck/apply(_:text:)``.
    private func text(_ test: CompiledTest, _ range: Range<Int>?) -> Bool {
        let member = range.map { test.containsText(b, $0) } ?? false
        switch test.comparison {
        case .in, .equals, .containsAny: return member
        case .notIn, .notEquals, .containsNone: return !member
        case .atLeast, .atMost: return false
        }
    }

    private func attribute(_ name: String, _ list: [[UInt8]], offset: Int) -> AttributeValue? {
        var name = name
        let slot = name.withUTF8 { utf8 in list.firstIndex { $0.elementsEqual(utf8) } }
        guard let slot else { return nil }
        switch flat[offset + slot] {
        case .missing: return nil
        case .integer(let v): return .integer(v)
        case .bool(let v): return .bool(v)
        case .text(let r): return .string(CompactBytes.text(b, r))
        }
    }

    // MARK: - Events (as EvaluationRun.prepareEvents and countEvents)

    /// The events known at `as_of`, in time order; nil for an event the plain way rejects.
    private func timeline(_ plan: FastPlan, into out: UnsafeMutableBufferPointer<TimedEvent>) -> Int? {
        var count = 0
        var sorted = true
        var last = Instant(secondsSinceEpoch: .min)
        for i in 0..<s.eventCount {
            let e = events[i]
            guard let t = CompactBytes.index(b, e.type, in: plan.eventNames) else { return nil }
            if policy.eventHasAmount[t] {
                guard let amount = e.amount, amount >= 0 else { return nil }
                if let c = e.currency, !CompactBytes.equal(b, c, plan.currency) { return nil }
            }
            if e.at > s.asOf { continue }
            if e.at < last { sorted = false }
            last = e.at
            out[count] = TimedEvent(index: i, type: t, at: e.at, amount: e.amount ?? 0)
            count += 1
        }
        if !sorted {
            var known = UnsafeMutableBufferPointer<TimedEvent>(rebasing: out[0..<count])
            known.sort { (a: TimedEvent, b: TimedEvent) -> Bool in a.at != b.at ? a.at < b.at : a.index < b.index }
        }
        return count
    }

    /// Every leaf's count or sum, and when the requirements started holding; nil on overflow.
    private func count(_ type: CompiledType, _ timeline: UnsafeBufferPointer<TimedEvent>,
                       _ bounds: [(start: Instant?, end: Instant?)]) -> ([Int64], Instant?)? {
        let plans = type.plans
        var have = Array(repeating: Int64(0), count: plans.count)
        var lastDay = Array(repeating: Int64.min, count: plans.contains { $0.distinctDays } ? plans.count : 0)
        var holds = RequirementTree.holds(type.requirements, type.leaves, have)
        var since: Instant? = holds ? s.signupAt : nil
        for item in timeline {
            var changed = false
            for k in type.leafStarts[item.type]..<type.leafStarts[item.type + 1] {
                let li = type.leafList[k]
                if let start = bounds[li].start, item.at < start { continue }
                if let end = bounds[li].end, item.at > end { continue }
                let plan = plans[li]
                if plan.hasFilters, !passes(type.leaves[li].filters, item) { continue }
                if plan.isSum {
                    let (sum, overflow) = have[li].addingReportingOverflow(item.amount)
                    if overflow { return nil }
                    have[li] = sum
                } else if plan.distinctDays {
                    let day = item.at.dayNumber
                    if day != lastDay[li] { have[li] += 1; lastDay[li] = day }
                } else {
                    have[li] += 1
                }
                changed = true
            }
            if changed {
                holds = RequirementTree.holds(type.requirements, type.leaves, have)
                if holds, since == nil { since = item.at }
                if !holds { since = nil }
            }
        }
        return (have, holds ? since : nil)
    }

    /// Amount filters (a ``FastPlan`` covers no type with attribute filters).
    private func passes(_ filters: [CompiledFilter], _ item: TimedEvent) -> Bool {
        for filter in filters {
            guard filter.isAmount, let amount = events[item.index].amount,
                  EligibilityCheck.apply(filter.test, compare: .integer(amount)) else { return false }
        }
        return true
    }

    private func reached(_ type: CompiledType, _ li: Int, _ threshold: Int64, _ timeline: UnsafeBufferPointer<TimedEvent>,
                         _ bounds: (start: Instant?, end: Instant?)) -> Instant? {
        let plan = type.plans[li]
        var total: Int64 = 0
        for item in timeline where item.type == plan.event {
            if let start = bounds.start, item.at < start { continue }
            if let end = bounds.end, item.at > end { continue }
            if plan.hasFilters, !passes(type.leaves[li].filters, item) { continue }
            total = total.addingReportingOverflow(plan.isSum ? item.amount : 1).partialValue
            if total >= threshold { return item.at }
        }
        return nil
    }

    // MARK: - Outcome (as EvaluationRun.progress and rewards)

    private func progress(_ type: CompiledType, _ have: [Int64], _ bounds: [(start: Instant?, end: Instant?)]) -> [Decision.Progress] {
        var out: [Decision.Progress] = []
        func walk(_ r: CompiledRequirement) {
            switch r {
            case .leaf(let li):
                let leaf = type.leaves[li]
                guard have[li] < leaf.threshold else { return }
                out.append(Decision.Progress(requirement: leaf.id, description: leaf.description,
                                             eventType: policy.eventNames[leaf.event], unit: leaf.isSum ? .money : .count,
                                             have: have[li], need: leaf.threshold, currency: leaf.isSum ? policy.currency : nil,
                                             deadline: bounds[li].end))
            case .all(_, let c), .any(_, let c):
                if !RequirementTree.holds(r, type.leaves, have) { c.forEach(walk) }
            case .not: break
            }
        }
        type.requirements.forEach(walk)
        return out
    }

    private func rewards(_ type: CompiledType, _ have: [Int64], _ qualifiedAt: Instant, _ timeline: UnsafeBufferPointer<TimedEvent>,
                         _ bounds: [(start: Instant?, end: Instant?)]) -> [Decision.Reward]? {
        var out: [Decision.Reward] = []
        out.reserveCapacity(type.rewards.count)
        for reward in type.rewards {
            var amount: Int64
            var kind = reward.kind
            var rule = reward.id
            var earnedAt = qualifiedAt
            var expiresDays = reward.creditExpiresDays
            switch reward.amount {
            case .fixed(let a):
                amount = a
            case .percent(let bp, let leaf, let minimum, let maximum):
                let product = have[leaf].multipliedFullWidth(by: bp)
                guard product.high < 5_000 && product.high > -5_000 else { return nil }
                amount = Int64(10_000).dividingFullWidth(product).quotient
                if let minimum, amount < minimum { amount = minimum }
                if let maximum, amount > maximum { amount = maximum }
            case .tiers(let leaf, let tiers):
                guard let tier = tiers.last(where: { $0.atLeast <= have[leaf] }) else { continue }
                amount = tier.amount
                kind = tier.kind
                rule = tier.id
                expiresDays = tier.creditExpiresDays
                if let at = reached(type, leaf, tier.atLeast, timeline, bounds[leaf]), at > earnedAt { earnedAt = at }
            }
            guard let payableAt = earnedAt.adding(days: reward.holdDays) else { return nil }
            var expiresAt: Instant?
            if kind == .credit, let days = expiresDays {
                guard let e = payableAt.adding(days: days) else { return nil }
                expiresAt = e
            }
            out.append(Decision.Reward(rule: rule, beneficiary: reward.to, kind: kind,
                                       amount: Money(minorUnits: amount, currency: reward.currency),
                                       earnedAt: earnedAt, payableAt: payableAt, expiresAt: expiresAt))
        }
        return out
    }
}

/// What the fast path needs of a compiled policy, or nil on ``CompiledPolicy/fastPlan`` when
/// the policy has per-referrer limits (they read the reward history the fast path leaves out).
struct FastPlan: Sendable {
    let typeNames: [[UInt8]]
    let eventNames: [[UInt8]]
    let currency: [UInt8]
    /// Per type: false when a requirement filters on event attributes.
    let typeCovered: [Bool]

    init?(limits: [CompiledLimit], types: [CompiledType], eventNames: [String], currency: Currency) {
        guard limits.isEmpty else { return nil }
        typeNames = types.map { Array($0.name.utf8) }
        self.eventNames = eventNames.map { Array($0.utf8) }
        self.currency = Array(currency.code.utf8)
        typeCovered = types.map { type in type.leaves.allSatisfy { $0.filters.allSatisfy(\.isAmount) } }
    }
}

extension CompiledTest {
    /// Whether the bytes at `range` are one of the text constants.
    func containsText(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        textBytes.contains { CompactBytes.equal(b, range, $0) }
    }
}
