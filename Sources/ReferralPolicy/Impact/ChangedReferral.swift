/// One referral the two policies decide differently: its status, reason and rewards on each
/// side, the payout difference per currency and kind, and the rules whose outcome changed
/// (from both sides' explanations, when they were computed).
package struct ChangedReferral: Sendable, Hashable {
    /// What one side made of the referral.
    package struct Side: Sendable, Hashable {
        /// The decision's status, or `error` when this side could not decide the record.
        package var status: String
        /// For `not_eligible` and `reversed`, the rule that said so.
        package var reason: String?
        /// For `error`: `code: message`.
        package var error: String?
        package var rewards: [Reward]

        package init(status: String, reason: String? = nil, error: String? = nil, rewards: [Reward] = []) {
            self.status = status
            self.reason = reason
            self.error = error
            self.rewards = rewards
        }
    }

    /// One reward of a decision, as the impact counts it.
    package struct Reward: Sendable, Hashable {
        package var rule: String
        package var beneficiary: String
        package var kind: String
        package var amountMinor: Int64
        package var currency: String
        /// When it may be paid out (`2025-08-14T10:00:00Z`): a changed hold period changes it.
        package var payableAt: String
        /// When a credit expires, if it does.
        package var expiresAt: String?

        package init(rule: String, beneficiary: String, kind: String, amountMinor: Int64, currency: String,
                    payableAt: String, expiresAt: String? = nil) {
            self.rule = rule
            self.beneficiary = beneficiary
            self.kind = kind
            self.amountMinor = amountMinor
            self.currency = currency
            self.payableAt = payableAt
            self.expiresAt = expiresAt
        }
    }

    /// The payout difference (new minus base, rewards of qualified decisions) in one currency and kind.
    package struct Delta: Sendable, Hashable {
        package var currency: String
        package var kind: String
        package var deltaMinor: Int64

        package init(currency: String, kind: String, deltaMinor: Int64) {
            self.currency = currency
            self.kind = kind
            self.deltaMinor = deltaMinor
        }
    }

    /// A rule checked differently by the two sides: it held on one and not the other, was
    /// checked on one side only (`nil`), or saw different values.
    package struct RuleOutcome: Sendable, Hashable {
        package var rule: String
        package var kind: String
        /// Whether it held on the base side; nil when the base did not check it.
        package var baseHeld: Bool?
        package var newHeld: Bool?
        /// What it saw on each side.
        package var baseSaw: String?
        package var newSaw: String?

        package init(rule: String, kind: String, baseHeld: Bool?, newHeld: Bool?, baseSaw: String? = nil, newSaw: String? = nil) {
            self.rule = rule
            self.kind = kind
            self.baseHeld = baseHeld
            self.newHeld = newHeld
            self.baseSaw = baseSaw
            self.newSaw = newSaw
        }
    }

    package var referralID: String
    package var referralType: String
    package var referrer: String
    /// Where the record is: the input's name and line (nil for a whole document).
    package var source: String
    package var line: Int?
    package var base: Side
    package var new: Side
    package var delta: [Delta]
    package var rules: [RuleOutcome]

    package init(referralID: String, referralType: String, referrer: String, source: String, line: Int?,
                base: Side, new: Side, delta: [Delta], rules: [RuleOutcome] = []) {
        self.referralID = referralID
        self.referralType = referralType
        self.referrer = referrer
        self.source = source
        self.line = line
        self.base = base
        self.new = new
        self.delta = delta
        self.rules = rules
    }

    /// `input.jsonl:12`, or the input's name.
    package var place: String {
        line.map { "\(source):\($0)" } ?? source
    }
}

extension ChangedReferral.Side {
    /// A decision as the impact sees it: rewards count only for `qualified`, as `--summary`
    /// counts them (a reversed referral's rewards were taken back).
    init(_ decision: Decision) {
        self.init(status: decision.status.rawValue, reason: decision.reason,
                  rewards: decision.rewards.map {
                      ChangedReferral.Reward(rule: $0.rule, beneficiary: $0.beneficiary.rawValue, kind: $0.kind.rawValue,
                                             amountMinor: $0.amount.minorUnits, currency: $0.amount.currency.code,
                                             payableAt: $0.payableAt.description, expiresAt: $0.expiresAt?.description)
                  })
    }

    init(_ error: EvaluationError) {
        self.init(status: "error", error: "\(error.code.rawValue): \(error.message)")
    }

    /// The rewards that are paid: those of a qualified decision, and the milestone rewards a
    /// pending or expired one already earned (a reversed one's were taken back).
    var paid: [ChangedReferral.Reward] {
        status == "reversed" ? [] : rewards
    }
}
