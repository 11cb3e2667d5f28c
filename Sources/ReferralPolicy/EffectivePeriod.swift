/// When a policy version is in force, and which date of a referral picks the version.
public struct EffectivePeriod: Sendable, Hashable, BitwiseCopyable {
    /// Which instant of a snapshot chooses the governing version.
    public enum Basis: String, Sendable, Hashable, CaseIterable, BitwiseCopyable {
        /// The referee's sign-up (the default): a referral keeps the rules it signed up under.
        case refereeSignup = "referee_signup"
        /// The snapshot's `as_of`: the rules in force now apply to every referral.
        case asOf = "as_of"

        /// The snapshot field that holds the deciding date.
        var field: String { self == .asOf ? "as_of" : "referee.signup_at" }
    }

    /// First instant in force (inclusive); nil means from the beginning.
    public var from: Instant?
    /// First instant no longer in force (exclusive); nil means open-ended.
    public var until: Instant?
    public var basis: Basis

    package init(from: Instant? = nil, until: Instant? = nil, basis: Basis = .refereeSignup) {
        self.from = from
        self.until = until
        self.basis = basis
    }

    /// The instant of a referral that picks its version: the referee's sign-up or `as_of`.
    @inline(__always) func decidingDate(signup: Instant, asOf: Instant) -> Instant {
        basis == .asOf ? asOf : signup
    }

    /// True when `instant` falls in `[from, until)`.
    public func contains(_ instant: Instant) -> Bool {
        if let from, instant < from { return false }
        if let until, instant >= until { return false }
        return true
    }
}
