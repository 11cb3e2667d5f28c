/// A milestone: rewards paid when their own requirements are met, not the referral type's.
/// Written either as `when:` on one reward (the milestone then has the reward's id and pays
/// that reward) or as an entry of the type's `milestones:` list (its own id, its `when`, and
/// the rewards it pays).
struct MilestoneModel: Sendable {
    var id: RuleID
    var description: String?
    /// All of these must hold.
    var when: [MilestoneCondition]
    var whenLocation: SourceLocation
    /// Applies to the inline requirements under `when` that have no window of their own, and
    /// decides when the milestone can no longer be reached; nil: the referral type's.
    var window: WindowModel?
    /// The rewards it pays, in the order written.
    var rewards: [RewardModel]
    /// True for a milestone written as `when:` on its one reward.
    var onReward: Bool
    var location: SourceLocation
    /// True when something under `when` did not parse: references and checks that would only
    /// repeat that error are not reported.
    var incomplete: Bool = false
}

extension MilestoneModel {
    /// The requirements its `when` writes in place, in order.
    var inlineRequirements: [RequirementModel] {
        when.compactMap { if case .requirement(let r) = $0 { r } else { nil } }
    }
}

/// One entry of a milestone's `when:` list.
enum MilestoneCondition: Sendable {
    /// `signup`: the referee has signed up (holds from the sign-up instant on).
    case signup(SourceLocation)
    /// A requirement of the referral type, by the id written (`first_stay`, without the type's prefix).
    case reference(String, SourceLocation)
    /// A requirement written in place, in the language's requirement forms.
    case requirement(RequirementModel)
    /// `nth_referral: N`: this referral is the referrer's Nth qualified referral, counted over
    /// `types` (nil: this referral's own type) from the history the snapshot carries.
    case nthReferral(ReferrerMilestoneModel)
}

/// `nth_referral: 5` and the referral types it counts.
struct ReferrerMilestoneModel: Sendable {
    var n: Int64
    var types: [(name: String, location: SourceLocation)]?
    var location: SourceLocation
}

extension ReferralTypeModel {
    /// Every reward of the type with the milestone that pays it (nil: the type's requirements):
    /// the `rewards:` list in order, then each milestone group's rewards.
    var allRewards: [(reward: RewardModel, milestone: Int?)] {
        rewards.map { ($0, $0.when) } + milestones.indices.flatMap { m in milestones[m].rewards.map { ($0, Optional(m)) } }
    }

    /// True when a reward of the type waits for a milestone of its own.
    var hasMilestones: Bool { !milestones.isEmpty }
}
