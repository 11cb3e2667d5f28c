/// Writes an ``Outcome`` straight into compact decision JSON: exactly the bytes
/// ``DecisionEncoder`` writes for the ``Decision`` value of that outcome, with the constant
/// parts copied from ``DecisionFragments`` built once per plan by the same ``JSONWriter``.
enum DecisionWriter {
    static func append(_ outcome: Outcome, plan: EvaluationPlan, fragments f: DecisionFragments, facts: FactsView,
                       to buffer: inout [UInt8]) {
        let head = facts.head
        let id = facts.bytes(head.id), type = facts.bytes(head.type)
        let settled = outcome.milestones(plan)
        // An upper bound of every byte written below, reserved once (see `DecisionFragments`).
        // Wrapping arithmetic: each term is a count of the facts or the outcome (below 2^31)
        // times a bound of a few kilobytes at most, so the sum is far from overflowing.
        let bound = f.headBound &+ JSONCursor.escapedBytes(id.count) &+ JSONCursor.escapedBytes(type.count)
            &+ outcome.rewards.count &* f.rewardBound &+ outcome.progress.count &* f.progressBound
            &+ (settled?.count ?? 0) &* f.milestoneBound
        buffer.appendJSON(upTo: bound) { w in
            w.raw("{\"referral_id\":")
            text(id, escaping: head.id.inArena, &w)
            let name = f.bytes(f.typeNames[outcome.type])
            if TextBytes.bytesEqual(type, name.dropQuotes) {
                // `,"referral_type":"NAME","policy":{…},"as_of":` in one copy.
                w.raw(f.bytes(f.typeHeads[outcome.type]))
            } else {
                w.raw(",\"referral_type\":")
                text(type, escaping: head.type.inArena, &w)
                w.raw(f.bytes(f.policyHead))
            }
            w.instant(head.asOf)
            w.raw(f.bytes(f.statuses[DecisionFragments.ordinal(outcome.status)]))
            switch outcome.reason {
            case .none: break
            case .rule(let k): w.raw(f.bytes(f.ruleReasons[Int(k)]))
            case .reversal(let k): w.raw(f.bytes(f.reversalReasons[Int(k)]))
            }
            if let at = outcome.qualifiedAt {
                w.raw(",\"qualified_at\":")
                w.instant(at)
            }
            w.raw(",\"rewards\":[")
            for (k, r) in outcome.rewards.enumerated() {
                if k > 0 { w.byte(UInt8(ascii: ",")) }
                w.raw(f.bytes(r.tier >= 0 ? f.tierHeads[Int(r.tier)] : f.rewardHeads[Int(r.reward)]))
                w.decimal(r.amount, digits: Int(f.rewardDigits[Int(r.reward)]))
                w.raw(",\"amount_minor\":")
                w.integer(r.amount)
                w.raw(f.bytes(f.rewardCurrencies[Int(r.reward)]))
                w.instant(r.earnedAt)
                w.raw(",\"payable_at\":")
                w.instant(r.payableAt)
                if let at = r.expiresAt {
                    w.raw(",\"expires_at\":")
                    w.instant(at)
                }
                if r.limitedBy >= 0 { w.raw(f.bytes(f.limitedBy[Int(r.limitedBy)])) }
                if let uncapped = r.uncapped {
                    w.raw(",\"uncapped_minor\":")
                    w.integer(uncapped)
                }
                w.byte(UInt8(ascii: "}"))
            }
            w.raw("],\"progress\":[")
            for (k, p) in outcome.progress.enumerated() {
                if k > 0 { w.byte(UInt8(ascii: ",")) }
                w.raw(f.bytes(f.progressHeads[Int(p.leaf)]))
                w.integer(p.have)
                w.raw(f.bytes(f.progressTails[Int(p.leaf)]))
                if let at = p.deadline {
                    w.raw(",\"deadline\":")
                    w.instant(at)
                }
                if p.milestone >= 0 { w.raw(f.bytes(f.progressMilestones[Int(p.milestone)])) }
                w.byte(UInt8(ascii: "}"))
            }
            if let settled {
                w.byte(UInt8(ascii: "]"))
                milestones(settled, f, &w)
                w.byte(UInt8(ascii: "}"))
            } else {
                w.raw("]}")
            }
        }
    }

    /// `,"milestones":[{"milestone":…,"status":…[,"reached_at":…]},…]`
    private static func milestones(_ settled: [Outcome.Milestone], _ f: DecisionFragments, _ w: inout JSONCursor) {
        w.raw(",\"milestones\":[")
        for (k, m) in settled.enumerated() {
            if k > 0 { w.byte(UInt8(ascii: ",")) }
            w.raw(f.bytes(f.milestoneHeads[Int(m.milestone)]))
            w.raw(f.bytes(f.milestoneStatuses[DecisionFragments.ordinal(m.status)]))
            if let at = m.reachedAt {
                w.raw(",\"reached_at\":")
                w.instant(at)
            }
            w.byte(UInt8(ascii: "}"))
        }
        w.byte(UInt8(ascii: "]"))
    }

    /// A text of the snapshot as a JSON string: bytes read as they stood need no escape (the
    /// scanner saw no quote, backslash or control character in them); decoded ones may.
    @inline(__always)
    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, escaping: Bool, _ w: inout JSONCursor) {
        if escaping {
            w.string(bytes: bytes)
        } else {
            w.byte(UInt8(ascii: "\""))
            w.raw(bytes)
            w.byte(UInt8(ascii: "\""))
        }
    }
}

private extension UnsafeBufferPointer<UInt8> {
    /// A JSON string's bytes without its quotes.
    var dropQuotes: UnsafeBufferPointer<UInt8> {
        count >= 2 ? UnsafeBufferPointer(rebasing: self[(startIndex + 1)..<(endIndex - 1)]) : self
    }
}

/// The constant parts of a plan's decisions as compact JSON, written once by ``JSONWriter``
/// (so they are byte for byte what ``DecisionEncoder`` writes) into one pool of bytes.
final class DecisionFragments: Sendable {
    private let pool: PlanTable<UInt8>
    /// Per type: its name as a JSON string.
    let typeNames: PlanTable<Span32>
    /// `,"policy":{…},"as_of":`
    let policyHead: Span32
    /// Per type: `,"referral_type":` and its name, then ``policyHead``: the head of a decision
    /// whose snapshot spells the type as the policy does.
    let typeHeads: PlanTable<Span32>
    /// `,"reason":"…"` per eligibility rule and per reversal.
    let ruleReasons: PlanTable<Span32>
    let reversalReasons: PlanTable<Span32>
    /// `{"rule":…,"beneficiary":…,"kind":…,"amount":` per reward and per tier.
    let rewardHeads: PlanTable<Span32>
    let tierHeads: PlanTable<Span32>
    /// `,"currency":"USD","earned_at":` per reward.
    let rewardCurrencies: PlanTable<Span32>
    /// The minor-unit digits of each reward's currency (no reward read out of the plan per decision).
    let rewardDigits: PlanTable<Int32>
    /// `,"limited_by":"…"` per limit.
    let limitedBy: PlanTable<Span32>
    /// `{"requirement":…[,"description":…],"event_type":…,"unit":…,"have":` and
    /// `,"need":N[,"currency":…]` per leaf.
    let progressHeads: PlanTable<Span32>
    let progressTails: PlanTable<Span32>
    /// `,"milestone":"…"` and `{"milestone":"…","status":"` per milestone.
    let progressMilestones: PlanTable<Span32>
    let milestoneHeads: PlanTable<Span32>
    /// `,"status":"…"` per decision status and `…"` per milestone status, by ``ordinal(_:)``.
    let statuses: PlanTable<Span32>
    let milestoneStatuses: PlanTable<Span32>

    /// Upper bounds of the bytes ``DecisionWriter`` writes: a decision's head and closing
    /// bytes (the texts of the snapshot aside), and each reward, progress entry and milestone.
    /// Each is the longest fragment it may copy plus the bound of each value it may write,
    /// plus an allowance for its literal punctuation and keys well above their sum.
    let headBound: Int
    let rewardBound: Int
    let progressBound: Int
    let milestoneBound: Int

    init(_ plan: EvaluationPlan) {
        var bytes: [UInt8] = []
        func add(_ body: (inout JSONWriter) -> Void) -> Span32 {
            var w = JSONWriter(pretty: false)
            body(&w)
            let start = bytes.count
            bytes += w.out
            return Span32(start..<bytes.count)
        }
        func reason(_ id: Int32) -> Span32 {
            add { w in
                w.raw(",")
                w.member("reason", plan.strings[Int(id)])
            }
        }
        typeNames = PlanTable((0..<plan.types.count).map { k in add { $0.string(plan.name(ofType: k)) } })
        func policy(_ w: inout JSONWriter) {
            w.raw(",\"policy\":{")
            w.member("program", plan.identity.program)
            w.raw(",")
            w.member("version", plan.identity.version)
            w.raw(",")
            w.member("content_hash", plan.identity.contentHash)
            w.raw("},\"as_of\":")
        }
        policyHead = add(policy)
        typeHeads = PlanTable((0..<plan.types.count).map { k in
            add { w in
                w.raw(",\"referral_type\":")
                w.string(plan.name(ofType: k))
                policy(&w)
            }
        })
        ruleReasons = PlanTable(plan.rules.all.map { reason($0.id) })
        reversalReasons = PlanTable(plan.reversals.all.map { reason($0.id) })
        func head(_ rule: Int32, _ to: Beneficiary, _ kind: RewardKind) -> Span32 {
            add { w in
                w.raw("{")
                w.member("rule", plan.strings[Int(rule)])
                w.raw(",")
                w.member("beneficiary", to.rawValue)
                w.raw(",")
                w.member("kind", kind.rawValue)
                w.raw(",\"amount\":")
            }
        }
        rewardHeads = PlanTable(plan.rewards.all.map { head($0.id, $0.to, $0.kind) })
        // A tier's reward gives its beneficiary: find each tier's reward.
        var tierBeneficiary = [Beneficiary](repeating: .referrer, count: plan.tiers.count)
        for reward in plan.rewards.all {
            if case .tiers(_, let span) = reward.amount { for k in span.range { tierBeneficiary[k] = reward.to } }
        }
        tierHeads = PlanTable(plan.tiers.all.enumerated().map { k, t in head(t.id, tierBeneficiary[k], t.kind) })
        rewardCurrencies = PlanTable(plan.rewards.all.map { r in
            add { w in
                w.raw(",")
                w.member("currency", plan.currencies[Int(r.currency)].code)
                w.raw(",\"earned_at\":")
            }
        })
        rewardDigits = PlanTable(plan.rewards.all.map { plan.currencyDigits[Int($0.currency)] })
        limitedBy = PlanTable(plan.limits.all.map { l in
            add { w in
                w.raw(",")
                w.member("limited_by", plan.strings[Int(l.id)])
            }
        })
        progressHeads = PlanTable(plan.leaves.all.map { leaf in
            add { w in
                w.raw("{")
                w.member("requirement", plan.strings[Int(leaf.id)])
                if let description = plan.string(leaf.description) {
                    w.raw(",")
                    w.member("description", description)
                }
                w.raw(",")
                w.member("event_type", plan.eventNameList[Int(leaf.event)])
                if leaf.moreEvents.count > 0 {
                    w.raw(",\"event_types\":[")
                    for (k, name) in plan.eventNames(of: leaf).enumerated() {
                        if k > 0 { w.raw(",") }
                        w.string(name)
                    }
                    w.raw("]")
                }
                w.raw(",")
                w.member("unit", leaf.measure.unit.rawValue)
                w.raw(",\"have\":")
            }
        })
        progressTails = PlanTable(plan.leaves.all.map { leaf in
            add { w in
                w.raw(",\"need\":")
                w.integer(leaf.threshold)
                if leaf.measure.unit == .money {
                    w.raw(",")
                    w.member("currency", plan.currency(ofLeaf: leaf).code)
                }
            }
        })
        progressMilestones = PlanTable(plan.milestones.all.map { m in
            add { w in
                w.raw(",")
                w.member("milestone", plan.strings[Int(m.id)])
            }
        })
        milestoneHeads = PlanTable(plan.milestones.all.map { m in
            add { w in
                w.raw("{")
                w.member("milestone", plan.strings[Int(m.id)])
                w.raw(",\"status\":\"")
            }
        })
        statuses = PlanTable(Self.ordered(Decision.Status.allCases, by: Self.ordinal).map { status in
            add { w in
                w.raw(",")
                w.member("status", status.rawValue)
            }
        })
        milestoneStatuses = PlanTable(Self.ordered(Decision.Milestone.Status.allCases, by: Self.ordinal).map { status in
            add { w in
                w.out.append(contentsOf: status.rawValue.utf8)  // the milestone's head holds the opening quote
                w.raw("\"")
            }
        })
        pool = PlanTable(bytes)

        func longest(_ tables: PlanTable<Span32>...) -> Int {
            tables.map { $0.all.map { Int($0.count) }.max() ?? 0 }.max() ?? 0
        }
        let instant = JSONCursor.instantBytes, integer = JSONCursor.integerBytes
        // Literals: `{"referral_id":` 15, `,"referral_type":` 17, `,"qualified_at":` 16,
        // `,"rewards":[` 12, `],"progress":[` 14, `]}` or `]` `,"milestones":[` `]` `}` 18: 92.
        headBound = 128 + longest(typeNames) + Int(policyHead.count) + longest(typeHeads) + instant + longest(statuses)
            + longest(ruleReasons, reversalReasons) + instant
        // Literals: `,` 1, `,"amount_minor":` 16, `,"payable_at":` 14, `,"expires_at":` 14,
        // `,"uncapped_minor":` 18, `}` 1: 64.
        rewardBound = 96 + longest(rewardHeads, tierHeads) + JSONCursor.decimalBytes + integer
            + longest(rewardCurrencies) + 3 * instant + longest(limitedBy) + integer
        // Literals: `,` 1, `,"deadline":` 12, `}` 1: 14.
        progressBound = 32 + longest(progressHeads) + integer + longest(progressTails) + instant
            + longest(progressMilestones)
        // Literals: `,` 1, `,"reached_at":` 14, `}` 1: 16.
        milestoneBound = 32 + longest(milestoneHeads) + longest(milestoneStatuses) + instant
    }

    /// The place of a status in ``statuses``.
    @inline(__always) static func ordinal(_ status: Decision.Status) -> Int {
        switch status {
        case .qualified: 0
        case .pending: 1
        case .expired: 2
        case .notEligible: 3
        case .reversed: 4
        }
    }

    /// The place of a milestone's status in ``milestoneStatuses``.
    @inline(__always) static func ordinal(_ status: Decision.Milestone.Status) -> Int {
        switch status {
        case .reached: 0
        case .pending: 1
        case .expired: 2
        }
    }

    /// `cases` in the order `ordinal` gives them.
    private static func ordered<T>(_ cases: [T], by ordinal: (T) -> Int) -> [T] {
        var placed = [T?](repeating: nil, count: cases.count)
        for c in cases { placed[ordinal(c)] = c }
        return placed.map { $0! }  // safe: `ordinal` gives each case its own place in 0..<cases.count
    }

    deinit {
        pool.deallocate()
        typeNames.deallocate()
        typeHeads.deallocate()
        ruleReasons.deallocate()
        reversalReasons.deallocate()
        rewardHeads.deallocate()
        tierHeads.deallocate()
        rewardCurrencies.deallocate()
        rewardDigits.deallocate()
        limitedBy.deallocate()
        progressHeads.deallocate()
        progressTails.deallocate()
        progressMilestones.deallocate()
        milestoneHeads.deallocate()
        statuses.deallocate()
        milestoneStatuses.deallocate()
    }

    /// A fragment's bytes, without a range check: every span in these tables is made by
    /// `add` in `init`, as the range of the bytes it just appended to the pool, so each lies
    /// within the pool by construction (no input reaches them).
    @inline(__always) func bytes(_ span: Span32) -> UnsafeBufferPointer<UInt8> {
        assert(span.start >= 0 && Int(span.start) + Int(span.count) <= pool.count, "fragment out of the pool")
        return UnsafeBufferPointer(start: pool.all.baseAddress.map { $0 + Int(span.start) }, count: Int(span.count))
    }
}

extension JSONWriter {
    /// Bytes written as they are: punctuation and keys the caller knows to be valid JSON.
    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    /// `"key":"value"` with the value escaped, and no separator before it.
    mutating func member(_ key: StaticString, _ value: String) {
        raw("\"")
        raw(key)
        raw("\":")
        string(value)
    }
}
