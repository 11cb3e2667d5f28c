/// The plain values of a plan's milestones: rewards paid when requirements of their own are met.
extension EvaluationPlan {
    /// One milestone of a referral type: a reward's own `when`, or an entry of `milestones:`.
    struct Milestone: BitwiseCopyable, Sendable {
        var id: Int32
        var description: Int32
        /// Its requirement tree in postfix order, in ``EvaluationPlan/nodes``, over its type's
        /// leaves (the requirements it names by id share their leaves with the type's): `roots`
        /// entries, all of which must hold. No node at all holds from the sign-up (`signup`).
        var nodes: Span32
        var roots: Int32
        /// The window it must be reached in (its own, or its type's); nil: no end.
        var window: Window?
        /// Its `nth_referral` entries, in ``EvaluationPlan/referralNumbers``.
        var numbers: Span32
        /// True when it was written as `when:` on its one reward.
        var onReward: Bool
    }

    /// `nth_referral: N`: the referral must be the referrer's Nth qualified one, counting the
    /// snapshot's `referrer.referrals` of the referral types in `types` (indexes into
    /// ``EvaluationPlan/types``, in ``EvaluationPlan/numberTypes``).
    struct ReferralNumber: BitwiseCopyable, Sendable {
        var n: Int64
        var types: Span32
    }
}
