/// The rule diff's facts of units (`units.MB`), of the policy's event settings, and of an
/// event type's amounts: a change of decimals, of symbol, of the currency event amounts are in
/// or of what an unknown event or another currency does shows as a change of that value.
extension RuleFact {
    /// `unknown_events` and `other_currencies`, on the `policy` fact.
    static func eventSettings(_ model: PolicyModel) -> [(String, String)] {
        [("unknown_events", model.unknownEvents.rawValue), ("other_currencies", model.otherCurrencies.rawValue)]
    }

    /// One fact per declared unit; its `name` is its description (it decides nothing).
    static func units(_ model: PolicyModel) -> [RuleFact] {
        model.units.map { u in
            RuleFact(id: "units.\(u.code)", kind: "unit", values: [("decimals", String(u.decimals)), ("symbol", u.symbol ?? u.code)],
                     description: u.name, location: u.location)
        }
    }

    /// The currency an event type's amounts are in and what another currency does.
    static func amountSettings(_ e: EventTypeDecl, _ model: PolicyModel) -> [(String, String)] {
        guard e.hasAmount else { return [] }
        return [("currency", model.amountCurrency(of: e).code), ("other_currencies", model.otherCurrencies(of: e).rawValue)]
    }
}
