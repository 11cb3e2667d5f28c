/// What a policy decided about one referral snapshot.
///
/// The same policy and snapshot always give the same decision, byte for byte in its JSON
/// form (``DecisionEncoder``), which `docs/snapshots-and-decisions.md` describes.
public struct Decision: Sendable, Hashable {
    // Made by the memberwise initializer Swift writes (`Decision(referralID:referralType:...)`,
    // these defaults for the rest): a hand-written one built the value on the stack and copied
    // it out, counting every reference in it and then releasing the original, once a decision.
    /// Where a referral stands.
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// Every requirement was met in the window: rewards are owed.
        case qualified
        /// Eligible, requirements not all met yet, the window still open.
        case pending
        /// Eligible, but the window closed before the requirements were met.
        case expired
        /// An eligibility rule failed (``Decision/reason`` names it).
        case notEligible = "not_eligible"
        /// Qualified, then a refund or chargeback within the reversal period took the rewards back.
        case reversed
    }

    /// The referral's id, from the snapshot.
    public var referralID: String
    /// The referral type, from the snapshot.
    public var referralType: String
    /// The referrer's id, from the snapshot: what a service's per-referrer summary groups by.
    /// (The decision's JSON leaves it out; a JSON Lines consumer has the snapshot's.)
    public var referrerID: String = ""
    /// Which policy version decided, and the hash of its text.
    public var policy: PolicyIdentity
    /// The snapshot's `as_of`.
    public var asOf: Instant
    public var status: Status
    /// For `not_eligible`, the failed eligibility rule; for `reversed`, the reversal rule.
    public var reason: String? = nil
    /// When the requirements were met (for `qualified` and `reversed`).
    public var qualifiedAt: Instant? = nil
    /// For `qualified`, the rewards owed; for `reversed`, the rewards taken back.
    public var rewards: [Reward] = []
    /// For `pending` and `expired`, each unmet requirement's progress.
    public var progress: [Progress] = []
    /// Every rule checked, in order, when an explanation was asked for; empty otherwise.
    public var explanation: [Check] = []
    /// For a referral type with milestones (rewards with requirements of their own), where each
    /// one stands; empty for the others, and when the referral is not eligible.
    public var milestones: [Milestone] = []
}
