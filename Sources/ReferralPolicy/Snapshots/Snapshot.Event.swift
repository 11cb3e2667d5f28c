extension Snapshot {
    /// Something the referee did: an event of a type the policy declares.
    public struct Event: Sendable, Hashable {
        /// The event type, one of the policy's `events` (`earned`, `posted_job`).
        public var type: String
        public var at: Instant
        /// The amount in minor units, for event types that carry money.
        public var amountMinor: Int64?
        /// The amount's currency; the policy's currency when absent.
        public var currency: String?
        public var attributes: [String: AttributeValue]

        public init(type: String, at: Instant, amountMinor: Int64? = nil, currency: String? = nil,
                    attributes: [String: AttributeValue] = [:]) {
            self.type = type
            self.at = at
            self.amountMinor = amountMinor
            self.currency = currency
            self.attributes = attributes
        }
    }
}
