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
        run(bytes, policies: policies, names: names) { policy, s, outcome, rewards, progress in
            FastOutput.decision(policy, bytes, s, outcome, rewards, progress)
        }
    }

    /// Decides `bytes` and appends the decision's compact JSON (as ``DecisionEncoder`` writes
    /// it) to `buffer`; false, with `buffer` untouched, for the plain way.
    static func append(_ bytes: UnsafeBufferPointer<UInt8>, policies: [Policy], names: FlatNames, to buffer: inout [UInt8]) -> Bool {
        run(bytes, policies: policies, names: names) { policy, s, outcome, rewards, progress in
            FastOutput.json(policy, bytes, s, outcome, rewards, progress, &buffer)
            return true
        } ?? false
    }

    private static func run<R>(_ bytes: UnsafeBufferPointer<UInt8>, policies: [Policy], names: FlatNames,
                               _ finish: (CompiledPolicy, CompactSnapshot, FastOutcome, UnsafeBufferPointer<FastReward>,
                                          UnsafeBufferPointer<FastProgress>) -> R) -> R? {
        var ranOut = false
        let result = run(bytes, policies: policies, names: names, events: CompactSnapshot.maxEvents, ranOut: &ranOut, finish)
        guard ranOut else { return result }
        // Every event takes at least 20 bytes: a buffer that large holds them all.
        let capacity = min(bytes.count / 20 + 1, CompactSnapshot.maxEventsRetried)
        return run(bytes, policies: policies, names: names, events: capacity, ranOut: &ranOut, finish)
    }

    private static func run<R>(_ bytes: UnsafeBufferPointer<UInt8>, policies: [Policy], names: FlatNames, events capacity: Int,
                               ranOut: inout Bool,
                               _ finish: (CompiledPolicy, CompactSnapshot, FastOutcome, UnsafeBufferPointer<FastReward>,
                                          UnsafeBufferPointer<FastProgress>) -> R) -> R? {
        withUnsafeTemporaryAllocation(of: CompactEvent.self, capacity: capacity) { events in
            withUnsafeTemporaryAllocation(of: Range<Int>.self, capacity: CompactSnapshot.maxFlags) { flags in
                withUnsafeTemporaryAllocation(of: FlatValue.self, capacity: 2 * CompactSnapshot.maxFlat) { flat in
                    var reader = CompactReader(bytes, names: names, events: events, flags: flags, flat: flat)
                    let read = reader.read()
                    ranOut = reader.ranOutOfEvents
                    guard let s = read, let policy = governing(policies, s)?.compiled else { return nil }
                    let run = FastRun(policy: policy, b: bytes, s: s, events: UnsafeBufferPointer(events),
                                      flags: UnsafeBufferPointer(flags), flat: UnsafeBufferPointer(flat), names: names)
                    return withUnsafeTemporaryAllocation(of: FastReward.self, capacity: FastOutcome.maxRewards) { rewards in
                        withUnsafeTemporaryAllocation(of: FastProgress.self, capacity: FastOutcome.maxProgress) { progress in
                            var outcome = FastOutcome()
                            guard run.decide(&outcome, rewards, progress) else { return nil }
                            return finish(policy, s, outcome, UnsafeBufferPointer(rebasing: rewards[0..<outcome.rewardCount]),
                                          UnsafeBufferPointer(rebasing: progress[0..<outcome.progressCount]))
                        }
                    }
                }
            }
        }
    }

    /// ``PolicySet/governingPolicy(for:)`` on a compact snapshot; nil when none governs.
    static func governing(_ policies: [Policy], _ s: CompactSnapshot) -> Policy? {
        if policies.count == 1, let only = policies.first, only.effective.from == nil, only.effective.until == nil {
            return only
        }
        for policy in policies where policy.effective.contains(policy.effective.basis == .asOf ? s.asOf : s.signupAt) {
            return policy
        }
        return nil
    }
}

/// A fast decision before it becomes a ``Decision`` or JSON: indexes into the compiled type.
struct FastOutcome {
    /// A ``FastPlan`` covers types with at most this many rewards and requirements.
    static let maxRewards = 16
    static let maxProgress = 32

    enum Reason { case none, common(Int), typed(Int), reversal }

    var type = 0
    var status = Decision.Status.pending
    var reason = Reason.none
    var qualifiedAt: Instant?
    var rewardCount = 0
    var progressCount = 0
}

struct FastReward {
    var reward: Int
    /// The tier reached, or -1.
    var tier: Int
    var kind: RewardKind
    var amount: Int64
    var earnedAt: Instant
    var payableAt: Instant
    var expiresAt: Instant?
}

struct FastProgress {
    var leaf: Int
    var have: Int64
    var deadline: Instant?
}

/// One fast evaluation: ``EvaluationRun`` without explanation, on a compact snapshot.
struct FastRun {
    let policy: CompiledPolicy
    let b: UnsafeBufferPointer<UInt8>
    let s: CompactSnapshot
    let events: UnsafeBufferPointer<CompactEvent>
    let flags: UnsafeBufferPointer<Range<Int>>
    let flat: UnsafeBufferPointer<FlatValue>
    let names: FlatNames

    /// Decides into `outcome`, `rewards` and `progress`; false for the plain way.
    func decide(_ outcome: inout FastOutcome, _ rewards: UnsafeMutableBufferPointer<FastReward>,
                _ progress: UnsafeMutableBufferPointer<FastProgress>) -> Bool {
        guard let plan = policy.fastPlan,
              let typeIndex = plan.index(b, s.type, in: plan.typeNames, policy.typeIndex), plan.typeCovered[typeIndex] else { return false }
        let type = policy.types[typeIndex]
        outcome.type = typeIndex
        for (i, rule) in policy.eligibility.enumerated() where !holds(rule) {
            outcome.status = .notEligible
            outcome.reason = .common(i)
            return true
        }
        for (i, rule) in type.eligibility.enumerated() where !holds(rule) {
            outcome.status = .notEligible
            outcome.reason = .typed(i)
            return true
        }
        return withUnsafeTemporaryAllocation(of: TimedEvent.self, capacity: max(s.eventCount, 1)) { buffer -> Bool in
            guard let count = timeline(plan, into: buffer) else { return false }
            return withUnsafeTemporaryAllocation(of: LeafState.self, capacity: max(type.plans.count, 1)) { state in
                decideEvents(type, UnsafeBufferPointer(rebasing: buffer[0..<count]), state, &outcome, rewards, progress)
            }
        }
    }

    /// What one pass over the events reached for a leaf, and the window it counted in.
    struct LeafState {
        var have: Int64
        var lastDay: Int64
        var start: Instant?
        var end: Instant?
    }

    /// Decides an eligible referral from its events; false for the plain way (overflow).
    private func decideEvents(_ type: CompiledType, _ timeline: UnsafeBufferPointer<TimedEvent>,
                              _ state: UnsafeMutableBufferPointer<LeafState>, _ outcome: inout FastOutcome,
                              _ rewards: UnsafeMutableBufferPointer<FastReward>, _ progress: UnsafeMutableBufferPointer<FastProgress>) -> Bool {
        let plans = type.plans
        let signup = s.signupAt
        let typeBounds = type.window?.bounds(signup: signup) ?? (signup, nil)
        for li in plans.indices {
            let bounds = plans[li].window?.bounds(signup: signup) ?? typeBounds
            state[li] = LeafState(have: 0, lastDay: .min, start: bounds.start, end: bounds.end)
        }
        guard let qualifiedAt = count(type, timeline, state) else { return false }
        guard let qualifiedAt else {
            // A plain list of leaves can still be met while every unmet leaf's window is open.
            let typeOpen = typeBounds.end.map { s.asOf <= $0 } ?? true
            var canStillHold = true
            for li in plans.indices where state[li].have < plans[li].threshold {
                if let end = state[li].end, s.asOf > end { canStillHold = false }
                progress[outcome.progressCount] = FastProgress(leaf: li, have: state[li].have, deadline: state[li].end)
                outcome.progressCount += 1
            }
            outcome.status = typeOpen && canStillHold ? .pending : .expired
            return true
        }
        outcome.qualifiedAt = qualifiedAt
        outcome.status = .qualified
        if let reversal = type.reversal {
            let end = qualifiedAt.adding(days: reversal.withinDays) ?? Instant.latest
            if timeline.contains(where: { reversal.reverses[$0.type] && $0.at >= qualifiedAt && $0.at <= end }) {
                outcome.status = .reversed
                outcome.reason = .reversal
            }
        }
        return self.rewards(type, state, qualifiedAt, timeline, &outcome, rewards)
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
            guard let t = plan.index(b, e.type, in: plan.eventNames, policy.eventIndex) else { return nil }
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

    /// Updates every leaf; returns when the requirements started holding (an inner nil when
    /// they do not hold), or nil on overflow.
    private func count(_ type: CompiledType, _ timeline: UnsafeBufferPointer<TimedEvent>,
                       _ state: UnsafeMutableBufferPointer<LeafState>) -> Instant?? {
        let plans = type.plans
        var unmet = 0
        for plan in plans where plan.threshold > 0 { unmet += 1 }
        var since: Instant? = unmet == 0 ? s.signupAt : nil
        for item in timeline {
            for k in type.leafStarts[item.type]..<type.leafStarts[item.type + 1] {
                let li = type.leafList[k]
                if let start = state[li].start, item.at < start { continue }
                if let end = state[li].end, item.at > end { continue }
                let plan = plans[li]
                if plan.hasFilters, !passes(type.leaves[li].filters, item) { continue }
                let before = state[li].have
                if plan.isSum {
                    let (sum, overflow) = before.addingReportingOverflow(item.amount)
                    if overflow { return nil }
                    state[li].have = sum
                } else if plan.distinctDays {
                    let day = item.at.dayNumber
                    if day != state[li].lastDay { state[li].have = before + 1; state[li].lastDay = day }
                } else {
                    state[li].have = before + 1
                }
                if before < plan.threshold, state[li].have >= plan.threshold { unmet -= 1 }
            }
            if unmet == 0, since == nil { since = item.at }
        }
        return .some(since)
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
                         _ state: LeafState) -> Instant? {
        let plan = type.plans[li]
        var total: Int64 = 0
        for item in timeline where item.type == plan.event {
            if let start = state.start, item.at < start { continue }
            if let end = state.end, item.at > end { continue }
            if plan.hasFilters, !passes(type.leaves[li].filters, item) { continue }
            total = total.addingReportingOverflow(plan.isSum ? item.amount : 1).partialValue
            if total >= threshold { return item.at }
        }
        return nil
    }

    // MARK: - Outcome (as EvaluationRun.progress and rewards)

    private func rewards(_ type: CompiledType, _ state: UnsafeMutableBufferPointer<LeafState>, _ qualifiedAt: Instant,
                         _ timeline: UnsafeBufferPointer<TimedEvent>, _ outcome: inout FastOutcome,
                         _ out: UnsafeMutableBufferPointer<FastReward>) -> Bool {
        for (r, reward) in type.rewards.enumerated() {
            var amount: Int64
            var kind = reward.kind
            var tierIndex = -1
            var earnedAt = qualifiedAt
            var expiresDays = reward.creditExpiresDays
            switch reward.amount {
            case .fixed(let a):
                amount = a
            case .percent(let bp, let leaf, let minimum, let maximum):
                let product = state[leaf].have.multipliedFullWidth(by: bp)
                guard product.high < 5_000 && product.high > -5_000 else { return false }
                amount = Int64(10_000).dividingFullWidth(product).quotient
                if let minimum, amount < minimum { amount = minimum }
                if let maximum, amount > maximum { amount = maximum }
            case .tiers(let leaf, let tiers):
                let measured = state[leaf].have
                guard let k = tiers.lastIndex(where: { $0.atLeast <= measured }) else { continue }
                let tier = tiers[k]
                amount = tier.amount
                kind = tier.kind
                tierIndex = k
                expiresDays = tier.creditExpiresDays
                if let at = reached(type, leaf, tier.atLeast, timeline, state[leaf]), at > earnedAt { earnedAt = at }
            }
            guard let payableAt = earnedAt.adding(days: reward.holdDays) else { return false }
            var expiresAt: Instant?
            if kind == .credit, let days = expiresDays {
                guard let e = payableAt.adding(days: days) else { return false }
                expiresAt = e
            }
            out[outcome.rewardCount] = FastReward(reward: r, tier: tierIndex, kind: kind, amount: amount,
                                                  earnedAt: earnedAt, payableAt: payableAt, expiresAt: expiresAt)
            outcome.rewardCount += 1
        }
        return true
    }
}

/// What the fast path needs of a compiled policy, or nil on ``CompiledPolicy/fastPlan`` when
/// the policy has per-referrer limits (they read the reward history the fast path leaves out).
/// A class: reading it costs one reference count, not one per list.
final class FastPlan: Sendable {
    let typeNames: [[UInt8]]
    let eventNames: [[UInt8]]
    let currency: [UInt8]
    /// Per type: false when a requirement filters on event attributes, or the requirements
    /// are not a plain list (`all`, `any`, `not` go the plain way).
    let typeCovered: [Bool]

    /// The index of the name the bytes hold: a short list is scanned, a long one looked up,
    /// so that cost does not grow with the number of types or events.
    func index(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, in names: [[UInt8]], _ lookup: [String: Int]) -> Int? {
        names.count <= NameLookup.scanLimit ? CompactBytes.index(b, r, in: names) : lookup[CompactBytes.text(b, r)]
    }

    /// Per type, the constant parts of its decisions as JSON.
    let fragments: [FastFragments]
    /// `,"reason":…` per common eligibility rule.
    let commonReasons: [[UInt8]]

    init?(identity: PolicyIdentity, eligibility: [CompiledRule], limits: [CompiledLimit], types: [CompiledType],
          eventNames: [String], currency: Currency) {
        guard limits.isEmpty else { return nil }
        fragments = types.map { FastFragments($0, identity: identity, eventNames: eventNames, currency: currency) }
        commonReasons = eligibility.map { FastFragments.reason($0.id) }
        typeNames = types.map { Array($0.name.utf8) }
        self.eventNames = eventNames.map { Array($0.utf8) }
        self.currency = Array(currency.code.utf8)
        typeCovered = types.map { type in
            type.requirementsAreLeaves && type.leaves.allSatisfy { $0.filters.allSatisfy(\.isAmount) }
                && type.rewards.count <= FastOutcome.maxRewards && type.leaves.count <= FastOutcome.maxProgress
        }
    }
}

extension CompiledTest {
    /// Whether the bytes at `range` are one of the text constants.
    func containsText(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        textBytes.contains { CompactBytes.equal(b, range, $0) }
    }
}
