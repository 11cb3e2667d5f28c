/// Which amount of a requirement's qualifying events a `percent` reward is taken of
/// (`taking:`): their sum (the default), the first one's, or the largest one's.
enum PercentBasis: String, CaseIterable, Sendable {
    case sum, first, largest
}
