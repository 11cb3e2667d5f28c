/// Where a tier starts: an amount of money, for tiers of a `sum` requirement; a whole number
/// of events (or of days with an event, for `distinct_days`), for tiers of a `count`.
enum TierThreshold: Sendable, Equatable {
    case money(Money)
    case count(Int64)

    /// Minor units or events: what the plan compares the requirement's total with.
    var value: Int64 {
        switch self {
        case .money(let m): m.minorUnits
        case .count(let n): n
        }
    }
}
