extension Decision {
    /// Where one milestone of the referral's type stands: a reward (or a group of rewards)
    /// with requirements of its own. Listed for every milestone of a type that has any.
    public struct Milestone: Sendable, Hashable {
        // Made by the memberwise initializer (see ``Decision``).
        /// Where a milestone stands at `as_of`.
        public enum Status: String, Sendable, Hashable, CaseIterable, BitwiseCopyable {
            /// Its requirements were met within its window: its rewards are in the decision.
            case reached
            /// Not reached yet; events still to come can reach it.
            case pending
            /// Not reached, and it can no longer be.
            case expired
        }

        /// The milestone's id: the reward's, for a reward's own `when`.
        public var milestone: String
        public var status: Status
        /// When it was reached: from then on its requirements held, up to `as_of`.
        public var reachedAt: Instant?
    }
}
