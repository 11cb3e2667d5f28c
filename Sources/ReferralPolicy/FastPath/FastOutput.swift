/// Turns a ``FastOutcome`` into a ``Decision``, or straight into the compact JSON that
/// ``DecisionEncoder`` would write for that decision: constant parts come from fragments the
/// ``FastPlan`` encoded once with the same ``JSONWriter``, so the bytes are the same.
enum FastOutput {
    static func decision(_ policy: CompiledPolicy, _ b: UnsafeBufferPointer<UInt8>, _ s: CompactSnapshot, _ outcome: FastOutcome,
                         _ rewards: UnsafeBufferPointer<FastReward>, _ progress: UnsafeBufferPointer<FastProgress>) -> Decision {
        let type = policy.types[outcome.type]
        var d = Decision(referralID: CompactBytes.text(b, s.id), referralType: type.name, policy: policy.identity,
                         asOf: s.asOf, status: outcome.status, qualifiedAt: outcome.qualifiedAt)
        switch outcome.reason {
        case .none: break
        case .common(let i): d.reason = policy.eligibility[i].id
        case .typed(let i): d.reason = type.eligibility[i].id
        case .reversal: d.reason = type.reversal?.id
        }
        if !rewards.isEmpty {
            d.rewards = rewards.map { r in
                let reward = type.rewards[r.reward]
                var rule = reward.id
                if r.tier >= 0, case .tiers(_, let tiers) = reward.amount { rule = tiers[r.tier].id }
                return Decision.Reward(rule: rule, beneficiary: reward.to, kind: r.kind,
                                       amount: Money(minorUnits: r.amount, currency: reward.currency),
                                       earnedAt: r.earnedAt, payableAt: r.payableAt, expiresAt: r.expiresAt)
            }
        }
        if !progress.isEmpty {
            d.progress = progress.map { p in
                let leaf = type.leaves[p.leaf]
                return Decision.Progress(requirement: leaf.id, description: leaf.description,
                                         eventType: policy.eventNames[leaf.event], unit: leaf.isSum ? .money : .count,
                                         have: p.have, need: leaf.threshold, currency: leaf.isSum ? policy.currency : nil,
                                         deadline: p.deadline)
            }
        }
        return d
    }

    static func json(_ policy: CompiledPolicy, _ b: UnsafeBufferPointer<UInt8>, _ s: CompactSnapshot, _ outcome: FastOutcome,
                     _ rewards: UnsafeBufferPointer<FastReward>, _ progress: UnsafeBufferPointer<FastProgress>,
                     _ buffer: inout [UInt8]) {
        guard let plan = policy.fastPlan else { return }
        let f = plan.fragments[outcome.type]
        var w = JSONWriter(pretty: false)
        swap(&w.out, &buffer)
        defer { swap(&w.out, &buffer) }
        w.raw("{\"referral_id\":\"")
        w.out.append(contentsOf: UnsafeBufferPointer(rebasing: b[s.id]))
        w.raw("\"")
        w.out.append(contentsOf: f.head)
        w.instant(s.asOf)
        w.raw(",\"status\":\"")
        w.out.append(contentsOf: outcome.status.rawValue.utf8)
        w.raw("\"")
        switch outcome.reason {
        case .none: break
        case .common(let i): w.out.append(contentsOf: plan.commonReasons[i])
        case .typed(let i): w.out.append(contentsOf: f.reasons[i])
        case .reversal: w.out.append(contentsOf: f.reversalReason)
        }
        if let at = outcome.qualifiedAt {
            w.raw(",\"qualified_at\":")
            w.instant(at)
        }
        w.raw(",\"rewards\":[")
        for (k, r) in rewards.enumerated() {
            if k > 0 { w.raw(",") }
            let reward = f.rewards[r.reward]
            w.out.append(contentsOf: reward.heads[r.tier + 1])
            w.decimal(r.amount, digits: reward.digits)
            w.raw(",\"amount_minor\":")
            w.integer(r.amount)
            w.out.append(contentsOf: reward.currency)
            w.instant(r.earnedAt)
            w.raw(",\"payable_at\":")
            w.instant(r.payableAt)
            if let at = r.expiresAt {
                w.raw(",\"expires_at\":")
                w.instant(at)
            }
            w.raw("}")
        }
        w.raw("],\"progress\":[")
        for (k, p) in progress.enumerated() {
            if k > 0 { w.raw(",") }
            let leaf = f.progress[p.leaf]
            w.out.append(contentsOf: leaf.head)
            w.integer(p.have)
            w.out.append(contentsOf: leaf.tail)
            if let at = p.deadline {
                w.raw(",\"deadline\":")
                w.instant(at)
            }
            w.raw("}")
        }
        w.raw("]}")
    }
}

/// The constant parts of a type's decisions as compact JSON. Classes, so that reading them
/// costs one reference count, not one per list they hold.
final class FastFragments: Sendable {
    final class Reward: Sendable {
        /// `{"rule":…,"beneficiary":…,"kind":…,"amount":`: the reward's own, then one per tier.
        let heads: [[UInt8]]
        /// `,"currency":"USD","earned_at":`
        let currency: [UInt8]
        let digits: Int

        init(heads: [[UInt8]], currency: [UInt8], digits: Int) {
            self.heads = heads
            self.currency = currency
            self.digits = digits
        }
    }

    final class Progress: Sendable {
        /// `{"requirement":…[,"description":…],"event_type":…,"unit":…,"have":`
        let head: [UInt8]
        /// `,"need":N[,"currency":…]`
        let tail: [UInt8]

        init(head: [UInt8], tail: [UInt8]) {
            self.head = head
            self.tail = tail
        }
    }

    /// `,"referral_type":…,"policy":{…},"as_of":`
    let head: [UInt8]
    /// `,"reason":…` per type eligibility rule.
    let reasons: [[UInt8]]
    let reversalReason: [UInt8]
    let rewards: [Reward]
    let progress: [Progress]

    init(_ type: CompiledType, identity: PolicyIdentity, eventNames: [String], currency: Currency) {
        head = Self.encode { w in
            w.raw(",")
            w.member("referral_type", type.name)
            w.raw(",\"policy\":{")
            w.member("program", identity.program)
            w.raw(",")
            w.member("version", identity.version)
            w.raw(",")
            w.member("content_hash", identity.contentHash)
            w.raw("},\"as_of\":")
        }
        reasons = type.eligibility.map { rule in Self.reason(rule.id) }
        reversalReason = type.reversal.map { Self.reason($0.id) } ?? []
        rewards = type.rewards.map { reward in
            func head(_ rule: String, _ kind: RewardKind) -> [UInt8] {
                Self.encode { w in
                    w.raw("{")
                    w.member("rule", rule)
                    w.raw(",")
                    w.member("beneficiary", reward.to.rawValue)
                    w.raw(",")
                    w.member("kind", kind.rawValue)
                    w.raw(",\"amount\":")
                }
            }
            var heads = [head(reward.id, reward.kind)]
            if case .tiers(_, let tiers) = reward.amount { heads += tiers.map { head($0.id, $0.kind) } }
            let currency = Self.encode { w in
                w.raw(",")
                w.member("currency", reward.currency.code)
                w.raw(",\"earned_at\":")
            }
            return Reward(heads: heads, currency: currency, digits: reward.currency.minorUnitDigits)
        }
        progress = type.leaves.map { leaf in
            let head = Self.encode { w in
                w.raw("{")
                w.member("requirement", leaf.id)
                if let description = leaf.description {
                    w.raw(",")
                    w.member("description", description)
                }
                w.raw(",")
                w.member("event_type", eventNames[leaf.event])
                w.raw(",")
                w.member("unit", (leaf.isSum ? Decision.Progress.Unit.money : .count).rawValue)
                w.raw(",\"have\":")
            }
            let tail = Self.encode { w in
                w.raw(",\"need\":")
                w.integer(leaf.threshold)
                if leaf.isSum {
                    w.raw(",")
                    w.member("currency", currency.code)
                }
            }
            return Progress(head: head, tail: tail)
        }
    }

    static func reason(_ id: String) -> [UInt8] {
        encode { w in
            w.raw(",")
            w.member("reason", id)
        }
    }

    static func encode(_ body: (inout JSONWriter) -> Void) -> [UInt8] {
        var w = JSONWriter(pretty: false)
        body(&w)
        return w.out
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
