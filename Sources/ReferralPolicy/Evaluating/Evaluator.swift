/// Decides one snapshot's facts against one plan. Pure: reads nothing but its inputs.
///
/// Order: referral type → eligibility (the first failure decides `not_eligible`) → one pass
/// over the events in time order, counting and summing every requirement at once →
/// qualified (then reversal, rewards, limits) or pending / expired with progress. Generic over
/// its ``EvaluationObserver``, so that explaining a decision never changes how it is made.
struct Evaluator<Observer: EvaluationObserver> {
    typealias Plan = EvaluationPlan

    /// Unretained: the caller keeps the plan alive while deciding (no reference is counted on
    /// the plan all cores share).
    unowned(unsafe) let plan: EvaluationPlan
    let facts: FactsView
    var observer: Observer
    /// The event types the other versions of the program declare, when deciding with a set of
    /// versions: an event of such a type is left out by a version that does not declare it.
    var programEvents: NameTable? = nil
    /// When the facts' event types were matched by the scanner (``EventFact/typeIndex``): for
    /// each of the names it matched against, this plan's index of it, or -1. Empty otherwise,
    /// and every event's type is looked up by name.
    var scannedTypes = UnsafeBufferPointer<Int32>(start: nil, count: 0)

    init(plan: EvaluationPlan, facts: FactsView, observer: Observer) {
        self.plan = plan
        self.facts = facts
        self.observer = observer
    }

    mutating func decide(into outcome: inout Outcome, _ scratch: inout EvaluationScratch) throws(EvaluationError) {
        outcome.reset()
        let head = facts.head
        let typeText = facts.bytes(head.type)
        guard let typeIndex = plan.typeNames.index(of: typeText, ascii: head.type.ascii) else {
            let names = (0..<plan.types.count).map { plan.name(ofType: $0) }
            let name = String(decoding: typeText, as: UTF8.self)
            let hint = Suggestion.closest(to: name, among: names).map { "; did you mean `\($0)`?" }
                ?? "; this policy defines " + names.map { "`\($0)`" }.joined(separator: ", ")
            throw EvaluationError(.unknownReferralType, "unknown referral type `\(name)`\(hint)", path: "type")
        }
        let type = plan.types[typeIndex]
        outcome.type = typeIndex
        observer.version(plan, facts)
        if let failed = checkEligibility(type.rules) {
            outcome.status = .notEligible
            outcome.reason = .rule(Int32(failed))
            return
        }
        if type.countsReferrals, !head.referralsGiven { throw Self.referralsNeeded(plan, typeIndex) }
        try timeline(&scratch)
        observer.eventsRead(plan, facts)
        let signup = head.signupAt
        let zone = plan.zone
        let typeBounds = type.window?.bounds(signup: signup, zone: zone) ?? (signup, nil)
        let leaves = plan.leaves.buffer(type.leaves)
        scratch.state.removeAll(keepingCapacity: true)
        for leaf in leaves {
            let bounds = leaf.window?.bounds(signup: signup, zone: zone) ?? typeBounds
            scratch.state.append(LeafState(have: 0, lastDay: .min, start: bounds.start, end: bounds.end))
        }
        let work = type.milestones.count > 0 ? MilestoneWork.current : nil
        let qualifiedAt = try countEvents(type, leaves, work, &scratch)
        observer.window(plan, type: typeIndex, start: typeBounds.start, end: typeBounds.end, asOf: head.asOf, qualifiedAt: qualifiedAt)
        scratch.state.withUnsafeBufferPointer { observer.requirements(plan, type: typeIndex, state: $0) }
        guard let qualifiedAt else {
            // Pending while the type's window is open and a later event could still meet the
            // requirements; expired once the window closed, or once every unmet requirement's own
            // window closed (counts and sums never go down) or a `not` was broken.
            let typeOpen = typeBounds.end.map { head.asOf <= $0 } ?? true
            // The plan as a guaranteed reference (passed from the unretained one, it would be
            // retained and released for each call).
            Unmanaged.passUnretained(plan)._withUnsafeGuaranteedRef { plan in
                let canStillHold = typeOpen && RequirementFold.canStillHold(plan, type, leaves, &scratch, asOf: head.asOf)
                outcome.status = canStillHold ? .pending : .expired
                RequirementFold.progress(plan, type, leaves, &scratch, into: &outcome.progress)
            }
            if let work {
                // Milestones of their own may have been reached, and pay, before the type's requirements.
                settleMilestones(type, type.milestones, leaves, work, qualifiedAt: nil, &outcome, &scratch)
                milestoneProgress(type, leaves, work, &outcome, &scratch)
                try rewards(type, leaves, qualifiedAt: nil, work, &outcome, &scratch)
            }
            return
        }
        outcome.qualifiedAt = qualifiedAt
        outcome.status = .qualified
        if let work { settleMilestones(type, type.milestones, leaves, work, qualifiedAt: qualifiedAt, &outcome, &scratch) }
        if type.reversal >= 0 {
            let reversal = plan.reversals[type.reversal]
            let by = reversingEvent(reversal, after: qualifiedAt, scratch.timeline.elements)
            if by != nil {
                outcome.status = .reversed
                outcome.reason = .reversal(type.reversal)
            }
            observer.reversal(plan, Int(type.reversal), by: by, qualifiedAt: qualifiedAt, facts)
        }
        if let work, outcome.status != .reversed { milestoneProgress(type, leaves, work, &outcome, &scratch) }
        try rewards(type, leaves, qualifiedAt: qualifiedAt, work, &outcome, &scratch)
    }

    // MARK: - Eligibility

    /// Checks common then type rules (`typeRules`); returns the first that failed (a plan rule
    /// index). The plan is read through a guaranteed reference, so no reference is counted on
    /// it per rule, and its rules through their buffer (each index is inside one of the two
    /// runs the compiler wrote, so below the table's count).
    private mutating func checkEligibility(_ typeRules: Span32) -> Int? {
        let facts = facts  // once: each rule's check then borrows it, not a copy of it
        return Unmanaged.passUnretained(plan)._withUnsafeGuaranteedRef { plan in
            let rules = plan.rules.all
            var failed: Int?
            // One loop over the two runs: the common rules, then the type's.
            var k = Int(plan.commonRules.start), end = k + Int(plan.commonRules.count)
            var inType = false
            while true {
                if k == end {
                    if inType { return failed }
                    inType = true
                    k = Int(typeRules.start)
                    end = k + Int(typeRules.count)
                    continue
                }
                let held = EligibilityCheck.holds(plan, rules[k], facts)
                if !held, failed == nil { failed = k }
                observer.eligibility(plan, rule: k, held: held, facts)
                if !held, !Observer.checksEveryRule { return failed }
                k += 1
            }
        }
    }

    // MARK: - Events

    /// Resolves event types, checks amounts and currencies, and orders the events known at
    /// `as_of` by time (stable: events at one instant keep their snapshot order). `mutating`
    /// though it changes nothing of the evaluator: called from ``decide(into:_:)``, the
    /// evaluator is then passed where it is, not copied for the call.
    private mutating func timeline(_ scratch: inout EvaluationScratch) throws(EvaluationError) {
        let asOf = facts.head.asOf
        scratch.timeline.removeAll(keepingCapacity: true)
        var sorted = true
        var last = Instant(secondsSinceEpoch: .min)
        let ownCurrencies = plan.eventCurrenciesVary
        // The plan's tables read once here, not again for each event (the optimizer copies a
        // stored property of the plan each time it is read in the loop).
        let names = plan.eventNames, hasAmount = plan.eventHasAmount, scannedTypes = scannedTypes
        let eventCurrency = plan.eventCurrency, codes = plan.currencyCodes, codeBytes = plan.bytes
        let events = facts.events
        for i in 0..<events.count {
            // The event's fields read where it is (`i` is below the count by the loop), not a
            // copy of the whole of it.
            let e = events.baseAddress.unsafelyUnwrapped + i
            let type = e.pointee.type
            let matched = Int(e.pointee.typeIndex)
            let t: Int
            if matched >= 0, matched < scannedTypes.count {
                t = Int(scannedTypes[matched])  // found by the scanner among the versions' names (checked below the count)
            } else if matched == Int(EventFact.noneOfTheNames), scannedTypes.count > 0 {
                t = -1  // named by no version
            } else {
                t = names.index(of: facts.bytes(type), ascii: type.ascii) ?? -1
            }
            guard t >= 0 else {
                try unknownEvent(i, e.pointee)  // an error, unless the program or the policy leaves it out
                continue
            }
            var amount: Int64 = 0
            if hasAmount[t] {
                guard let a = e.pointee.amount else {
                    throw EvaluationError(.invalidSnapshot, "`\(facts.string(type) ?? "")` events carry an amount; this one has none",
                                          path: "events[\(i)].amount_minor")
                }
                if a < 0 {
                    throw EvaluationError(.invalidSnapshot, "amounts are 0 or more, found \(a)", path: "events[\(i)].amount_minor")
                }
                let currency = e.pointee.currency
                if !currency.isMissing,
                   !TextBytes.equal(facts.bytes(currency), codeBytes.buffer(codes[ownCurrencies ? Int(eventCurrency[t]) : 0]),
                                    ascii: currency.ascii) {  // `plan.code(ofCurrency:)`, from the tables read above
                    try otherCurrency(i, e.pointee, t)  // an error, unless the event type leaves such amounts out
                }
                amount = a
            } else {
                amount = e.pointee.amount ?? 0
            }
            let at = e.pointee.at
            if at > asOf { continue }  // not yet known at as_of
            if at < last { sorted = false }
            last = at
            scratch.timeline.append(TimedEvent(index: Int32(i), type: Int32(t), at: at, amount: amount))
        }
        if !sorted {
            scratch.timeline.sort { a, b in a.at != b.at ? a.at < b.at : a.index < b.index }
        }
    }

    /// One pass over the events: updates every leaf, and returns when the requirements
    /// started holding without interruption up to `as_of` (nil when they do not hold).
    /// `mutating` for the same reason as ``timeline(_:)``.
    private mutating func countEvents(_ type: Plan.ReferralType, _ leaves: UnsafeBufferPointer<Plan.Leaf>, _ work: MilestoneWork?,
                             _ scratch: inout EvaluationScratch) throws(EvaluationError) -> Instant? {
        let plain = type.plainLeaves
        var unmet = 0
        if plain { for leaf in leaves where leaf.threshold > 0 { unmet += 1 } }
        var holds = plain ? unmet == 0 : foldHolds(type, leaves, &scratch)
        var since: Instant? = holds ? facts.head.signupAt : nil
        if let work { startMilestones(type.milestones, leaves, work, &scratch) }
        let offsets = plan.leafOffsets.buffer(type.leafOffsets)
        // Read once, not for each event (see ``timeline(_:)``), and without a check of each
        // index, bounded by construction: the compiler writes each type's offsets as a rising
        // run inside `leafLists` (`e` is a type's event, below its `eventCount`), and every list
        // entry is a leaf of the type, below `leaves.count`, the count of `states` (one for
        // each leaf, appended by ``decide(into:_:)``).
        let lists = plan.leafLists.all
        let states = scratch.state.mutableElements
        for item in scratch.timeline {
            var changed = false
            let e = Int(item.type)
            for k in Int(offsets[e])..<Int(offsets[e + 1]) {
                let li = Int(lists[k])
                // The leaf's fields and its state read and updated where they are, not copied.
                let state = states.baseAddress.unsafelyUnwrapped + li
                if let start = state.pointee.start, item.at < start { continue }
                if let end = state.pointee.end, item.at > end { continue }
                let filters = leaves[li].filters
                if !filters.isEmpty, !passes(filters, event: item.index) { continue }
                let before = state.pointee.have
                let measure = leaves[li].measure
                switch measure {
                case .sum:
                    let (sum, overflow) = before.addingReportingOverflow(item.amount)
                    if overflow { throw sumOverflows(e, leaves[li], item) }
                    state.pointee.have = sum
                case .count:
                    state.pointee.have = before + 1
                case .distinctDays, .distinctLocalDays:
                    // Apart, so that the day is worked out only for a leaf that counts days.
                    Self.countDay(&state.pointee, at: item.at, measure == .distinctLocalDays ? plan.zone : nil)
                }
                if plain {
                    let threshold = leaves[li].threshold
                    if before < threshold, state.pointee.have >= threshold { unmet -= 1 }
                } else {
                    changed = true
                }
            }
            if plain {
                if unmet == 0, since == nil {
                    since = item.at
                    holds = true
                }
            } else if changed {
                holds = foldHolds(type, leaves, &scratch)
                if holds, since == nil { since = item.at }
                if !holds { since = nil }
                if let work { trackMilestones(type.milestones, leaves, work, at: item.at, &scratch) }
            }
        }
        return holds ? since : nil
    }

    /// A distinct day of a leaf that counts days: UTC days (`zone` nil) or local ones.
    @inline(never)
    private static func countDay(_ state: inout LeafState, at: Instant, _ zone: ZoneView?) {
        let day = zone == nil ? at.dayNumber : ZonedCalendar.dayNumber(at, zone)
        if day != state.lastDay {
            state.have += 1
            state.lastDay = day
        }
    }

    private func sumOverflows(_ e: Int, _ leaf: Plan.Leaf, _ item: TimedEvent) -> EvaluationError {
        EvaluationError(.overflow, "the sum of `\(plan.eventNameList[e])` amounts for `\(plan.strings[Int(leaf.id)])` overflows",
                        path: "events[\(item.index)].amount_minor")
    }

    /// The first event of a reversing type within the reversal period after qualifying.
    /// `mutating` for the same reason as ``timeline(_:)``; the plan read through a guaranteed
    /// reference (from the unretained one, each read retained and released it).
    private mutating func reversingEvent(_ reversal: Plan.Reversal, after qualifiedAt: Instant, _ timeline: UnsafeBufferPointer<TimedEvent>) -> Int? {
        Unmanaged.passUnretained(plan)._withUnsafeGuaranteedRef { plan in
            let end = plan.later(qualifiedAt, days: reversal.withinDays, months: reversal.withinMonths) ?? Instant.latest
            let mask = plan.reversalMask.buffer(reversal.mask)
            for item in timeline where mask[Int(item.type)] {
                if item.at >= qualifiedAt, item.at <= end { return Int(item.index) }
            }
            return nil
        }
    }

    /// Whether a type's requirement tree holds on the leaves' state, the plan read through a
    /// guaranteed reference (see ``passes(_:event:)``).
    @inline(__always)
    private func foldHolds(_ type: Plan.ReferralType, _ leaves: UnsafeBufferPointer<Plan.Leaf>, _ scratch: inout EvaluationScratch) -> Bool {
        Unmanaged.passUnretained(plan)._withUnsafeGuaranteedRef { RequirementFold.holds($0, type, leaves, &scratch) }
    }

    /// Whether event `index` passes a leaf's `where:` filters. The plan is read through a
    /// guaranteed reference and the facts where the evaluator holds them: passed from the
    /// unretained plan and the evaluator's fields, the plan was retained and released and the
    /// facts copied for each event a filter looked at.
    @inline(never)
    func passes(_ filters: Span32, event index: Int32) -> Bool {
        Unmanaged.passUnretained(plan)._withUnsafeGuaranteedRef { plan in
            EventFilterCheck.passes(plan, filters, facts.events[Int(index)], facts)
        }
    }

    /// When a leaf's running total first reached `threshold`, replaying the events.
    func reached(_ leaf: Plan.Leaf, _ state: LeafState, _ threshold: Int64, _ timeline: UnsafeBufferPointer<TimedEvent>) -> Instant? {
        if leaf.measure == .distinctDays || leaf.measure == .distinctLocalDays { return reachedDays(leaf, state, threshold, timeline) }
        if leaf.moreEvents.count > 0 { return reachedOverTypes(leaf, state, threshold, timeline) }
        var total: Int64 = 0
        for item in timeline where item.type == leaf.event {
            if let start = state.start, item.at < start { continue }
            if let end = state.end, item.at > end { continue }
            if !leaf.filters.isEmpty, !passes(leaf.filters, event: item.index) { continue }
            total = total.addingReportingOverflow(leaf.measure.step(item.amount)).partialValue
            if total >= threshold { return item.at }
        }
        return nil
    }

}

/// An event at or before `as_of`, with its type resolved: what the one pass over events reads.
struct TimedEvent: BitwiseCopyable {
    /// Its place in the snapshot's `events`.
    var index: Int32
    /// Its event type's index in the plan.
    var type: Int32
    var at: Instant
    /// Minor units; 0 for event types without an amount.
    var amount: Int64
}

/// What the pass over events reached for a leaf, and the window it counted in.
struct LeafState: BitwiseCopyable {
    var have: Int64
    var lastDay: Int64
    var start: Instant?
    var end: Instant?
}

/// The evaluator's working memory, reused from one decision to the next: buffers that count
/// no reference (``ScratchBuffer``), owned by the thread's ``DecisionWorkspace``.
struct EvaluationScratch {
    var timeline = ScratchBuffer<TimedEvent>()
    var state = ScratchBuffer<LeafState>()
    /// Per node of a requirement tree: whether it holds (for progress and explanations).
    var holds = ScratchBuffer<Bool>()
    var stack = ScratchBuffer<Bool>()
    /// Rewards to the referrer that count toward limits: the history, then this decision's.
    var granted = ScratchBuffer<GrantedReward>()

    /// Frees the buffers; called by the workspace that owns them.
    mutating func deallocate() {
        timeline.deallocate()
        state.deallocate()
        holds.deallocate()
        stack.deallocate()
        granted.deallocate()
    }
}

/// A reward that counts toward the referrer's limits.
struct GrantedReward: BitwiseCopyable {
    var at: Instant
    var amount: Int64
    /// The currency: a text of the snapshot (a past reward), or a plan currency (this decision's).
    var pastCurrency: TextRef
    var planCurrency: Int32
    var kind: RewardKind
}
