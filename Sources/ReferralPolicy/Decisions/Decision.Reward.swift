extension Decision {
    /// One reward owed (or, for a reversed referral, taken back).
    public struct Reward: Sendable, Hashable {
        // Made by the memberwise initializer (see ``Decision``): no copy of the value as it is made.
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
    }
}
