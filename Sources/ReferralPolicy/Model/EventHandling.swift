/// What happens to an event the policy cannot count as sent: an event of a type it does not
/// declare (`unknown_events`), or an amount in another currency than the one its event type's
/// amounts are in (`other_currencies`).
enum EventHandling: String, CaseIterable, Sendable {
    /// The snapshot gets an error record (`unknown_event_type`, `currency_mismatch`): the default.
    case error
    /// The event is left out (of the measures that read its amount, for `other_currencies`),
    /// and the explanation says so.
    case ignore
}
