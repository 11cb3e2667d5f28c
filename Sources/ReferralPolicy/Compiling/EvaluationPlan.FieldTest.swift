extension EvaluationPlan {
    /// A comparison with another field of the snapshot (`equals_field: referrer.country`):
    /// what an eligibility rule's field, or a filter's event attribute, is compared with.
    struct FieldTest: BitwiseCopyable, Sendable {
        var relation: FieldRelation
        var field: Field
        /// The field's path, `referrer.country`, for explanations.
        var path: Int32
    }
}
