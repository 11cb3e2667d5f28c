/// The policy language's milestones (§4.12) and the entries of a `when:` list.
extension PolicyLanguage {
    /// §4.12: a milestone of the `milestones:` list.
    static let milestone = ObjectShape(
        "A milestone: rewards paid when its own requirements are met, within its window.",
        keys: [
            Key("id", .name, "The milestone's id, named in decisions. Without it: `TYPE.milestones[N]`."),
            Key("description", .text, "What the milestone is."),
            Key("when", required: true, .ref("when"),
                "What must be met: `signup`, ids of the type's requirements, requirements written in place, `nth_referral`. All must be met."),
            Key("window", .ref("window"),
                "The window it must be reached in, also given to the requirements under `when` written without one. Without it: the referral type's."),
            Key("rewards", required: true, .list(.ref("reward"), minItems: 1, nullable: false),
                "What the milestone pays, once, when it is reached. Its rewards have no `when` of their own."),
        ])

    /// §4.12: `nth_referral`, an entry of a `when:` list.
    static let referrerMilestone = ObjectShape(
        "A referrer milestone: this referral is the referrer's Nth qualified referral, counted from the snapshot's `referrer.referrals`.",
        keys: [
            Key("nth_referral", required: true, .wholeNumber(min: 1),
                "N: met when this referral qualified as the referrer's Nth qualified referral (1 is the first)."),
            Key("types", .anyOf([.name, .list(.name, minItems: 1, nullable: false)]), "The referral types counted. Without it: this referral's own type."),
        ])

    /// `when:` one entry, or a list of them.
    static let whenEntry = ValueShape.anyOf([.name, .ref("requirement"), .object(referrerMilestone, nullable: false)])
}
