/// How an eligibility rule or a `where` filter compares a value with another field of the
/// snapshot, rather than with constants: `field: referee.country` with
/// `equals_field: referrer.country` ("the referee lives in the same country as the referrer").
///
/// Unlike comparisons with constants, a missing value on either side fails both relations:
/// with one value unknown, the policy can say neither that the two are the same nor that
/// they differ.
enum FieldRelation: String, CaseIterable, Sendable, BitwiseCopyable {
    case equalsField = "equals_field"
    case notEqualsField = "not_equals_field"

    /// True for `not_equals_field`.
    var negated: Bool { self == .notEqualsField }
}
