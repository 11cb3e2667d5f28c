/// Writes an ``Outcome`` straight into compact decision JSON: exactly the bytes
/// ``DecisionEncoder`` writes for the ``Decision`` value of that outcome, with the constant
/// parts copied from ``DecisionFragments`` built once per plan by the same ``JSONWriter``.
enum DecisionWriter {
    static func append(_ outcome: Outcome, plan: EvaluationPlan, fragments f: DecisionFragments, facts: FactsView,
                       to buffer: inout [UInt8]) {
        var w = JSONWriter(pretty: false)
        swap(&w.out, &buffer)
        defer { swap(&w.out, &buffer) }
        let head = facts.head
        w.raw("{\"referral_id\":")
        text(head.id, facts, &w)
        w.raw(",\"referral_type\":")
        let type = facts.bytes(head.type)
        let name = f.bytes(f.typeNames[outcome.type])
        if TextBytes.bytesEqual(type, name.dropQuotes) {
            w.out.append(contentsOf: name)
        } else {
            text(head.type, facts, &w)
        }
        w.out.append(contentsOf: f.bytes(f.policyHead))
        w.instant(head.asOf)
        w.raw(",\"status\":\"")
        w.out.append(contentsOf: outcome.status.rawValue.utf8)
        w.raw("\"")
        switch outcome.reason {
        case .none: break
        case .rule(let k): w.out.append(contentsOf: f.bytes(f.ruleReasons[Int(k)]))
        case .reversal(let k): w.out.append(contentsOf: f.bytes(f.reversalReasons[Int(k)]))
        }
        if let at = outcome.qualifiedAt {
            w.raw(",\"qualified_at\":")
            w.instant(at)
        }
        w.raw(",\"rewards\":[")
        for (k, r) in outcome.rewards.enumerated() {
            if k > 0 { w.raw(",") }
            let reward = plan.rewards[r.reward]
            w.out.append(contentsOf: f.bytes(r.tier >= 0 ? f.tierHeads[Int(r.tier)] : f.rewardHeads[Int(r.reward)]))
            w.decimal(r.amount, digits: Int(plan.currencyDigits[Int(reward.currency)]))
            w.raw(",\"amount_minor\":")
            w.integer(r.amount)
            w.out.append(contentsOf: f.bytes(f.rewardCurrencies[Int(r.reward)]))
            w.instant(r.earnedAt)
            w.raw(",\"payable_at\":")
            w.instant(r.payableAt)
            if let at = r.expiresAt {
                w.raw(",\"expires_at\":")
                w.instant(at)
            }
            if r.limitedBy >= 0 { w.out.append(contentsOf: f.bytes(f.limitedBy[Int(r.limitedBy)])) }
            if let uncapped = r.uncapped {
                w.raw(",\"uncapped_minor\":")
                w.integer(uncapped)
            }
            w.raw("}")
        }
        w.raw("],\"progress\":[")
        for (k, p) in outcome.progress.enumerated() {
            if k > 0 { w.raw(",") }
            w.out.append(contentsOf: f.bytes(f.progressHeads[Int(p.leaf)]))
            w.integer(p.have)
            w.out.append(contentsOf: f.bytes(f.progressTails[Int(p.leaf)]))
            if let at = p.deadline {
                w.raw(",\"deadline\":")
                w.instant(at)
            }
            if p.milestone >= 0 { w.out.append(contentsOf: f.bytes(f.progressMilestones[Int(p.milestone)])) }
            w.raw("}")
        }
        if let settled = outcome.milestones(plan) {
            w.raw("]")
            milestones(settled, f, &w)
            w.raw("}")
        } else {
            w.raw("]}")
        }
    }

    /// `,"milestones":[{"milestone":…,"status":…[,"reached_at":…]},…]`
    private static func milestones(_ settled: [Outcome.Milestone], _ f: DecisionFragments, _ w: inout JSONWriter) {
        w.raw(",\"milestones\":[")
        for (k, m) in settled.enumerated() {
            if k > 0 { w.raw(",") }
            w.out.append(contentsOf: f.bytes(f.milestoneHeads[Int(m.milestone)]))
            w.out.append(contentsOf: m.status.rawValue.utf8)
            w.raw("\"")
            if let at = m.reachedAt {
                w.raw(",\"reached_at\":")
                w.instant(at)
            }
            w.raw("}")
        }
        w.raw("]")
    }

    /// A text of the snapshot as a JSON string: bytes read as they stood need no escape (the
    /// scanner saw no quote, backslash or control character in them); decoded ones may.
    private static func text(_ t: TextRef, _ facts: FactsView, _ w: inout JSONWriter) {
        let bytes = facts.bytes(t)
        if t.inArena {
            w.string(bytes: bytes)
        } else {
            w.out.append(UInt8(ascii: "\""))
            w.out.append(contentsOf: bytes)
            w.out.append(UInt8(ascii: "\""))
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
    /// `,"reason":"…"` per eligibility rule and per reversal.
    let ruleReasons: PlanTable<Span32>
    let reversalReasons: PlanTable<Span32>
    /// `{"rule":…,"beneficiary":…,"kind":…,"amount":` per reward and per tier.
    let rewardHeads: PlanTable<Span32>
    let tierHeads: PlanTable<Span32>
    /// `,"currency":"USD","earned_at":` per reward.
    let rewardCurrencies: PlanTable<Span32>
    /// `,"limited_by":"…"` per limit.
    let limitedBy: PlanTable<Span32>
    /// `{"requirement":…[,"description":…],"event_type":…,"unit":…,"have":` and
    /// `,"need":N[,"currency":…]` per leaf.
    let progressHeads: PlanTable<Span32>
    let progressTails: PlanTable<Span32>
    /// `,"milestone":"…"` and `{"milestone":"…","status":"` per milestone.
    let progressMilestones: PlanTable<Span32>
    let milestoneHeads: PlanTable<Span32>

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
        policyHead = add { w in
            w.raw(",\"policy\":{")
            w.member("program", plan.identity.program)
            w.raw(",")
            w.member("version", plan.identity.version)
            w.raw(",")
            w.member("content_hash", plan.identity.contentHash)
            w.raw("},\"as_of\":")
        }
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
        pool = PlanTable(bytes)
    }

    deinit {
        pool.deallocate()
        typeNames.deallocate()
        ruleReasons.deallocate()
        reversalReasons.deallocate()
        rewardHeads.deallocate()
        tierHeads.deallocate()
        rewardCurrencies.deallocate()
        limitedBy.deallocate()
        progressHeads.deallocate()
        progressTails.deallocate()
        progressMilestones.deallocate()
        milestoneHeads.deallocate()
    }

    @inline(__always) func bytes(_ span: Span32) -> UnsafeBufferPointer<UInt8> {
        pool.buffer(span)
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
