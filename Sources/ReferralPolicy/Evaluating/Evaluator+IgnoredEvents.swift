/// Events a version cannot count as sent, off the one pass's path: reached only when an
/// event's type is not the version's, or its amount is in another currency than its type's.
extension Evaluator {
    /// An event of a type this version does not declare: left out when another version of the
    /// program declares the type (the platform need not filter its export per version) or the
    /// policy says `unknown_events: ignore`; otherwise the snapshot's error.
    func unknownEvent(_ i: Int, _ e: EventFact) throws(EvaluationError) {
        if let known = programEvents, known.index(of: facts.bytes(e.type), ascii: e.type.ascii) != nil { return }
        if plan.ignoresUnknownEvents { return }
        let name = facts.string(e.type) ?? ""
        // A typo of an event type another version declares is as likely as one of this version's.
        var names = plan.eventNameList
        if let known = programEvents {
            for k in 0..<known.count { names.append(String(decoding: known.bytes(k), as: UTF8.self)) }
        }
        let hint = Suggestion.closest(to: name, among: names).map { "; did you mean `\($0)`?" } ?? ""
        throw EvaluationError(.unknownEventType, "unknown event type `\(name)`\(hint)", path: "events[\(i)].type")
    }

    /// An amount in another currency than its event type's: kept for the measures that do not
    /// read it when the type says `other_currencies: ignore` (those that do leave it out, by
    /// their currency filter); otherwise the snapshot's error.
    func otherCurrency(_ i: Int, _ e: EventFact, _ t: Int) throws(EvaluationError) {
        if plan.ignoresOtherCurrencies[t] { return }
        let c = Int(plan.eventCurrency[t])
        let what = c == 0 ? "amounts" : "`\(plan.eventNameList[t])` amounts"
        throw EvaluationError(.currencyMismatch,
                              "amount in `\(facts.string(e.currency) ?? "")`, but this policy counts \(what) in `\(plan.currencies[c].code)`",
                              path: "events[\(i)].currency")
    }
}
