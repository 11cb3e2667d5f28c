/// What the impact reads of each version's plan to compare and count two sides' outcomes
/// with integers instead of texts: each reward's rule, beneficiary and currency, each tier's
/// rule, each referral type, numbered alike across every version of both sides (a rule id,
/// a currency code or a type name has one number wherever it stands, equal texts equal
/// numbers), and the payout slots (currency, kind, beneficiary) the rewards can fill.
/// Built once per ``ImpactAnalyzer``.
struct OutcomeTables: Sendable {
    /// One version's numbers, indexed as its plan's tables are.
    struct Version: Sendable {
        /// Per plan reward: its rule id's number.
        var rewardRule: [Int32] = []
        /// Per plan reward: its (currency, beneficiary) pair's number; a payout slot is
        /// `pair * RewardKind.allCases.count + kind`.
        var rewardPair: [Int32] = []
        /// Per plan reward: its currency's number.
        var rewardCurrency: [Int32] = []
        /// Per plan tier: its rule id's number.
        var tierRule: [Int32] = []
        /// Per referral type: its name's number.
        var type: [Int32] = []
    }

    let base: [Version]
    let new: [Version]
    /// The referral types' names, by number; ``undecidedType`` is one past them.
    let typeNames: [String]
    /// Their UTF-8 bytes.
    let typeNameBytes: [[UInt8]]
    /// The payout slots' keys, by slot.
    let payoutKeys: [ImpactSummary.PayoutKey]
    /// The number of the report's currency (the new policy's), or -1 when no reward pays in it.
    let reportCurrency: Int32
    /// The statuses in ``statusCode(_:)`` order; `error` is one past them.
    let statuses: [Decision.Status]
    let kinds: [RewardKind]

    /// The type number of records neither side could decide (`(undecided)`).
    var undecidedType: Int { typeNames.count }
    var errorStatus: Int { statuses.count }
    /// Every status and `error`.
    var statusCount: Int { statuses.count + 1 }

    init(base: PolicySet, new: PolicySet, reportCurrency: Currency) {
        var rules: [String: Int32] = [:], types: [String: Int32] = [:], currencies: [String: Int32] = [:]
        var pairs: [ImpactSummary.PayoutKey: Int32] = [:]
        var typeNames: [String] = [], pairKeys: [(currency: String, beneficiary: String)] = []
        func number(_ text: String, _ table: inout [String: Int32]) -> Int32 {
            if let k = table[text] { return k }
            let k = Int32(table.count)
            table[text] = k
            return k
        }
        let kinds = RewardKind.allCases
        func version(_ plan: EvaluationPlan) -> Version {
            var v = Version()
            for k in 0..<Int(plan.rewards.count) {
                let reward = plan.rewards[k]
                let code = plan.currencies[Int(reward.currency)].code
                v.rewardRule.append(number(plan.strings[Int(reward.id)], &rules))
                v.rewardCurrency.append(number(code, &currencies))
                let key = ImpactSummary.PayoutKey(currency: code, kind: "", beneficiary: reward.to.rawValue)
                if pairs[key] == nil {
                    pairs[key] = Int32(pairKeys.count)
                    pairKeys.append((code, reward.to.rawValue))
                }
                v.rewardPair.append(pairs[key]!)
            }
            for k in 0..<Int(plan.tiers.count) { v.tierRule.append(number(plan.strings[Int(plan.tiers[k].id)], &rules)) }
            for k in 0..<Int(plan.types.count) {
                let name = plan.name(ofType: k)
                let before = types.count
                v.type.append(number(name, &types))
                if types.count > before { typeNames.append(name) }
            }
            return v
        }
        self.base = base.policies.map { version($0.compiled) }
        self.new = new.policies.map { version($0.compiled) }
        self.typeNames = typeNames
        typeNameBytes = typeNames.map { Array($0.utf8) }
        payoutKeys = pairKeys.flatMap { pair in
            kinds.map { ImpactSummary.PayoutKey(currency: pair.currency, kind: $0.rawValue, beneficiary: pair.beneficiary) }
        }
        self.reportCurrency = currencies[reportCurrency.code] ?? -1
        statuses = Decision.Status.allCases
        self.kinds = kinds
    }

    /// A decided status's code: its place in ``statuses``.
    @inline(__always) func statusCode(_ status: Decision.Status) -> Int {
        statuses.firstIndex(of: status)!  // safe: `statuses` is every case
    }

    /// A status code's name: the status's, or `error`.
    func statusName(_ code: Int) -> String {
        code == errorStatus ? "error" : statuses[code].rawValue
    }

    /// The code of a pair of status names, `base * statusCount + new`.
    func pairCode(_ key: ImpactSummary.PairKey) -> Int? {
        func code(_ name: String) -> Int? {
            name == "error" ? errorStatus : statuses.firstIndex { $0.rawValue == name }
        }
        guard let from = code(key.from), let to = code(key.to) else { return nil }
        return from * statusCount + to
    }

    /// The type name as the snapshot wrote it, when its bytes are not those of ``typeNames``
    /// (the plan matched it by its Unicode form); nil when they are, as they almost always are.
    func writtenName(_ facts: FactsView, type: Int) -> String? {
        let written = facts.bytes(facts.head.type)
        let same = typeNameBytes[type].withUnsafeBufferPointer { TextBytes.bytesEqual($0, written) }
        return same ? nil : facts.string(facts.head.type)
    }

    /// The payout slot of one reward of a plan.
    @inline(__always) func slot(_ version: Version, _ reward: Outcome.Reward) -> Int {
        Int(version.rewardPair[Int(reward.reward)]) * kinds.count + kinds.firstIndex(of: reward.kind)!  // safe: every case
    }

    /// A reward's rule id's number: its tier's when a tier was reached.
    @inline(__always) func rule(_ version: Version, _ reward: Outcome.Reward) -> Int32 {
        reward.tier >= 0 ? version.tierRule[Int(reward.tier)] : version.rewardRule[Int(reward.reward)]
    }

    /// The same rewards on both sides: rule, beneficiary, kind, amount, currency, payable date
    /// and credit expiry, in order (a ``Decision/Reward`` without its earning date, limit and uncapped amount).
    func sameRewards(_ a: [Outcome.Reward], _ va: Version, _ b: [Outcome.Reward], _ vb: Version) -> Bool {
        guard a.count == b.count else { return false }
        for k in 0..<a.count {
            let x = a[k], y = b[k]
            // A (currency, beneficiary) pair and a kind: the same slot is the same beneficiary and kind.
            if x.amount != y.amount || x.payableAt != y.payableAt || x.expiresAt != y.expiresAt
                || rule(va, x) != rule(vb, y) || slot(va, x) != slot(vb, y) { return false }
        }
        return true
    }
}
