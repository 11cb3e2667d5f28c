extension Snapshot {
    /// The person who made the referral, and the rewards already granted to them
    /// (which the policy's limits count).
    public struct Referrer: Sendable, Hashable {
        public var id: String
        /// Account standing, e.g. `active`, `suspended`; rules may require a status.
        public var status: String?
        /// ISO 3166-1 alpha-2 country code.
        public var country: String?
        public var attributes: [String: AttributeValue]
        /// Rewards already granted to this referrer, for limits.
        public var rewards: [PastReward]
        /// The referrer's other referrals that qualified, for referrer milestones (`nth_referral`);
        /// nil when the snapshot does not say (a policy that counts them then refuses it).
        public var referrals: [QualifiedReferral]?

        public init(id: String, status: String? = nil, country: String? = nil,
                    attributes: [String: AttributeValue] = [:], rewards: [PastReward] = [],
                    referrals: [QualifiedReferral]? = nil) {
            self.id = id
            self.status = status
            self.country = country
            self.attributes = attributes
            self.rewards = rewards
            self.referrals = referrals
        }
    }

    /// One of the referrer's other referrals that qualified, as the platform recorded it: what
    /// a referrer milestone (the referrer's 5th qualified referral) counts.
    public struct QualifiedReferral: Sendable, Hashable {
        public var referralID: String
        /// Its referral type, as its own snapshot names it.
        public var referralType: String
        /// When it qualified: its decision's `qualified_at`.
        public var qualifiedAt: Instant

        public init(referralID: String, referralType: String, qualifiedAt: Instant) {
            self.referralID = referralID
            self.referralType = referralType
            self.qualifiedAt = qualifiedAt
        }
    }

    /// A reward granted to the referrer earlier, as the platform recorded it.
    public struct PastReward: Sendable, Hashable {
        /// The referral it was granted for; a past reward for the referral being decided
        /// is not counted again.
        public var referralID: String?
        public var amountMinor: Int64
        public var currency: String
        public var kind: RewardKind
        public var grantedAt: Instant

        public init(referralID: String? = nil, amountMinor: Int64, currency: String, kind: RewardKind, grantedAt: Instant) {
            self.referralID = referralID
            self.amountMinor = amountMinor
            self.currency = currency
            self.kind = kind
            self.grantedAt = grantedAt
        }
    }
}
