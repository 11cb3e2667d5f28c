extension Snapshot {
    /// The person who was referred.
    public struct Referee: Sendable, Hashable {
        public var id: String
        /// When the referee signed up: windows start here, and by default it picks the policy version.
        public var signupAt: Instant
        /// How the sign-up was attributed to the referrer, e.g. `link`, `code`.
        public var attribution: String?
        /// ISO 3166-1 alpha-2 country code.
        public var country: String?
        /// Account flags, e.g. `fraud`, `duplicate_account`.
        public var flags: [String]
        public var attributes: [String: AttributeValue]

        public init(id: String, signupAt: Instant, attribution: String? = nil, country: String? = nil,
                    flags: [String] = [], attributes: [String: AttributeValue] = [:]) {
            self.id = id
            self.signupAt = signupAt
            self.attribution = attribution
            self.country = country
            self.flags = flags
            self.attributes = attributes
        }
    }
}
