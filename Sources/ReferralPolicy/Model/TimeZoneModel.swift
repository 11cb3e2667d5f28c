/// The program's time zone as written (`time_zone: Europe/London`), with the rules read from
/// the tz database when the policy was loaded. In it, days (`distinct_days`), calendar months
/// and years (limits, durations in months or years) and plain dates are read.
struct TimeZoneModel: Sendable {
    /// The IANA name: `Europe/London`.
    var name: String
    var location: SourceLocation
    /// Nil when the zone is UTC at every instant (`UTC`, `Etc/UTC`): it then changes nothing.
    var rules: TimeZoneRules?
}
