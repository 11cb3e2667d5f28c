extension Decision {
    /// One reward owed (or, for a reversed referral, taken back).
    public struct Reward: Sendable, Hashable {
        /// The id of the reward rule that granted it, `client.referrer_cash`; for a tier,
        /// the tier's id, `freelancer.referrer_bonus.pro`.
        public var rule: String
        public var beneficiary: Beneficiary
        public var kind: RewardKind
        public var amount: Money
        /// When it was earned: the instant the requirements (or the tier) were met.
        public var earnedAt: Instant
        /// When it may be paid out: `earned_at` plus the hold period.
        public var payableAt: Instant
        /// For credit with an expiry: `payable_at` plus the credit's lifetime.
        public var expiresAt: Instant?
        /// The limit that reduced this reward, when one did.
        public var limitedBy: String?
        /// The amount before a limit reduced it, when one did.
        public var uncappedMinor: Int64?

        package init(rule: String, beneficiary: Beneficiary, kind: RewardKind, amount: Money, earnedAt: Instant,
                    payableAt: Instant, expiresAt: Instant? = nil, limitedBy: String? = nil, uncappedMinor: Int64? = nil) {
            self.rule = rule
            self.beneficiary = beneficiary
            self.kind = kind
            self.amount = amount
            self.earnedAt = earnedAt
            self.payableAt = payableAt
            self.expiresAt = expiresAt
            self.limitedBy = limitedBy
            self.uncappedMinor = uncappedMinor
        }
    }
}
