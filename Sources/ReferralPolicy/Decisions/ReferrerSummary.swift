/// What one referrer's referrals add up to: the referrer's tracking view.
///
/// How many referrals qualified, are pending (and what each pending one still misses),
/// expired, were not eligible or were reversed; and the cash and credit owed to the referrer,
/// per currency. Build summaries with ``ReferrerSummary/Aggregator``, one decision at a time.
///
/// Only rewards whose beneficiary is the referrer count as owed, in every decision but a
/// reversed one: a referee's reward is not the referrer's, and a reversed referral's rewards
/// were taken back. (Only qualified decisions list rewards, unless the referral type has
/// milestones: a pending or expired decision then lists the milestone rewards already earned.)
/// Each decision counts once; feed one snapshot per referral (the latest) for a current view.
public struct ReferrerSummary: Sendable, Hashable {
    /// A pending referral and its progress on each unmet requirement.
    public struct PendingReferral: Sendable, Hashable {
        public var referralID: String
        public var referralType: String
        /// The snapshot's `as_of`: "days left" counts from here.
        public var asOf: Instant
        /// What it still misses, as in ``Decision/progress``.
        public var progress: [Decision.Progress]

        package init(referralID: String, referralType: String, asOf: Instant, progress: [Decision.Progress]) {
            self.referralID = referralID
            self.referralType = referralType
            self.asOf = asOf
            self.progress = progress
        }
    }

    /// Cash and credit owed to the referrer in one currency.
    public struct Owed: Sendable, Hashable {
        public var currency: Currency
        public var cash: Money
        public var credit: Money

        package init(currency: Currency, cashMinor: Int64 = 0, creditMinor: Int64 = 0) {
            self.currency = currency
            self.cash = Money(minorUnits: cashMinor, currency: currency)
            self.credit = Money(minorUnits: creditMinor, currency: currency)
        }
    }

    /// An eligibility rule that made referrals not eligible, and how many.
    public struct Reason: Sendable, Hashable {
        public var rule: String
        public var count: Int

        package init(rule: String, count: Int) {
            self.rule = rule
            self.count = count
        }
    }

    public let referrerID: String
    /// Every decision added.
    public private(set) var referrals = 0
    /// Pending referrals in the order they were added.
    public private(set) var pending: [PendingReferral] = []
    /// Per currency, sorted by currency code.
    public private(set) var owed: [Owed] = []
    /// Why referrals were not eligible, sorted by rule id.
    public private(set) var notEligibleReasons: [Reason] = []
    private var counts: [Decision.Status: Int] = [:]

    public init(referrerID: String) {
        self.referrerID = referrerID
    }

    /// How many of the referrals added have this status.
    public func count(_ status: Decision.Status) -> Int {
        counts[status, default: 0]
    }

    /// Adds one decision about one of this referrer's referrals.
    ///
    /// Throws ``EvaluationError/Code/overflow`` when a total would go past what `Int64` minor
    /// units can hold; the summary is then left as it was (the decision is not counted).
    public mutating func add(_ decision: Decision) throws(EvaluationError) {
        var newOwed = owed
        if decision.status != .reversed {
            for reward in decision.rewards where reward.beneficiary == .referrer {
                try Self.add(reward, to: &newOwed, referrerID: referrerID)
            }
        }
        owed = newOwed
        referrals += 1
        counts[decision.status, default: 0] += 1
        switch decision.status {
        case .pending:
            pending.append(PendingReferral(referralID: decision.referralID, referralType: decision.referralType,
                                           asOf: decision.asOf, progress: decision.progress))
        case .notEligible:
            let rule = decision.reason ?? "unknown"
            if let i = notEligibleReasons.firstIndex(where: { $0.rule == rule }) {
                notEligibleReasons[i].count += 1
            } else {
                let at = notEligibleReasons.firstIndex { $0.rule > rule } ?? notEligibleReasons.endIndex
                notEligibleReasons.insert(Reason(rule: rule, count: 1), at: at)
            }
        case .qualified, .expired, .reversed:
            break
        }
    }

    private static func add(_ reward: Decision.Reward, to owed: inout [Owed], referrerID: String) throws(EvaluationError) {
        let currency = reward.amount.currency
        let index: Int
        if let found = owed.firstIndex(where: { $0.currency == currency }) {
            index = found
        } else {
            index = owed.firstIndex { $0.currency.code > currency.code } ?? owed.endIndex
            owed.insert(Owed(currency: currency), at: index)
        }
        let total = reward.kind == .cash ? owed[index].cash.minorUnits : owed[index].credit.minorUnits
        let (sum, overflow) = total.addingReportingOverflow(reward.amount.minorUnits)
        if overflow {
            throw EvaluationError(.overflow,
                                  "the \(reward.kind.rawValue) owed to referrer `\(referrerID)` in \(currency.code) is past what can be represented")
        }
        switch reward.kind {
        case .cash: owed[index].cash.minorUnits = sum
        case .credit: owed[index].credit.minorUnits = sum
        }
    }
}

extension ReferrerSummary {
    /// Summaries of many referrers, built one decision at a time. Memory grows with the number
    /// of referrers and of pending referrals, not with the number of decisions.
    public struct Aggregator: Sendable {
        private var byReferrer: [String: ReferrerSummary] = [:]

        public init() {}

        /// Adds a decision about a referral made by `referrerID` (the snapshot's `referrer.id`).
        /// Throws ``EvaluationError/Code/overflow`` when a total would overflow; nothing is counted then.
        public mutating func add(_ decision: Decision, referrerID: String) throws(EvaluationError) {
            var summary = byReferrer[referrerID] ?? ReferrerSummary(referrerID: referrerID)
            try summary.add(decision)
            byReferrer[referrerID] = summary
        }

        /// One summary per referrer, sorted by referrer id.
        public var summaries: [ReferrerSummary] {
            byReferrer.values.sorted { $0.referrerID < $1.referrerID }
        }

        /// True when no decision was added.
        public var isEmpty: Bool { byReferrer.isEmpty }
    }
}
