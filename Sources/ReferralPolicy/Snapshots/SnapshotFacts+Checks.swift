/// What a snapshot must hold whatever it is decided to be: checks that do not wait for the
/// part of the decision that would read the value, so bad input is an error record whatever
/// the referral's status.
extension FactsView {
    /// Past rewards: amounts of 0 or more, in a currency ReferralPolicy knows or a unit one of
    /// the versions declares (`units`).
    func checkPastRewards(_ versions: DecisionVersions) throws(EvaluationError) {
        guard !rewards.isEmpty else { return }
        // The versions' codes copied out once (plain words) and read through a pointer for every
        // reward: read from the versions for each one, the table, a dozen words, was copied for
        // each; bound from an optional, or pointed to where the versions hold it, the versions
        // were retained and released.
        let known = versions.knownCurrencies
        try withUnsafePointer(to: known) { known throws(EvaluationError) in try checkPastRewards(known: known) }
    }

    /// ``checkPastRewards(_:)`` with the codes the versions name.
    @inline(__always)
    private func checkPastRewards(known: UnsafePointer<NameTable>) throws(EvaluationError) {
        for (i, past) in rewards.enumerated() {
            if past.amount < 0 {
                throw EvaluationError(.invalidSnapshot, "amounts are 0 or more, found \(past.amount)", path: "referrer.rewards[\(i)].amount_minor")
            }
            // A code the versions name (every unit they declare among them), the usual case, is
            // known without forming a string; any other must be an ISO 4217 code.
            if NameTable.index(in: known, of: bytes(past.currency), ascii: past.currency.ascii) != nil { continue }
            let code = string(past.currency) ?? ""
            if Currency(code: code) == nil {
                throw EvaluationError(.invalidSnapshot, "unknown currency `\(code)`", path: "referrer.rewards[\(i)].currency")
            }
        }
    }

    /// The attributes a version declares on the referrer and the referee hold values of the
    /// declared type: `"top_rated": "true"` for a boolean is an error, not a silent `false`.
    func checkDeclaredAttributes(_ plan: EvaluationPlan) throws(EvaluationError) {
        try check(head.referrerAttributes, plan.referrerAttributes, plan.referrerAttributeTypes, "referrer")
        try check(head.refereeAttributes, plan.refereeAttributes, plan.refereeAttributeTypes, "referee")
    }

    private func check(_ run: Span32, _ names: NameTable, _ types: PlanTable<AttributeType>, _ person: String) throws(EvaluationError) {
        guard names.count > 0 else { return }
        for a in attributes[run.range] {
            guard let k = names.index(of: bytes(a.name), ascii: a.name.ascii) else { continue }
            let found: String
            switch (types[k], a.value) {
            case (.text, .text), (.integer, .integer), (.boolean, .bool): continue
            case (_, .text): found = "text"
            case (_, .integer): found = "an integer"
            case (_, .bool): found = "`true` or `false`"
            }
            let expected = switch types[k] {
            case .text: "text"
            case .integer: "an integer"
            case .boolean: "`true` or `false`"
            }
            let name = string(a.name) ?? ""
            throw EvaluationError(.invalidSnapshot, "the policy declares `\(name)` as \(types[k].rawValue): expected \(expected), found \(found)",
                                  path: "\(person).\(name)")
        }
    }
}
