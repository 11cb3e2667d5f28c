import ReferralPolicy

/// Renders per-referrer summaries (`evaluate --summary`): what each referrer's referrals add up to.
enum SummaryRenderer {
    /// ```
    /// u-100: 4 referrals: 1 qualified, 2 pending, 1 expired, 0 not eligible, 0 reversed
    ///   owed in USD: $100.00 cash, $25.00 credit
    ///   pending r-2002 (client), still to do:
    ///     client.spent_enough: spent $320.00 of $500.00, 153 days left
    ///   not eligible: came_through_link (1)
    /// ```
    /// Dates (of a deadline passed) are the program's local dates (`dates`).
    static func text(_ summaries: [ReferrerSummary], undecided: Int, dates: LocalDates = .utc) -> String {
        var out = ""
        for s in summaries {
            let counts = [
                "\(s.count(.qualified)) qualified", "\(s.count(.pending)) pending", "\(s.count(.expired)) expired",
                "\(s.count(.notEligible)) not eligible", "\(s.count(.reversed)) reversed",
            ]
            out += "\(DecisionTextRenderer.e(s.referrerID)): \(plural(s.referrals, "referral")): \(counts.joined(separator: ", "))\n"
            if s.owed.isEmpty {
                out += "  owed: nothing\n"
            }
            for owed in s.owed {
                out += "  owed in \(owed.currency.code): \(owed.cash.display) cash, \(owed.credit.display) credit\n"
            }
            for pending in s.pending {
                out += "  pending \(DecisionTextRenderer.e(pending.referralID)) (\(DecisionTextRenderer.e(pending.referralType)))\(pending.progress.isEmpty ? "" : ", still to do:")\n"
                for progress in pending.progress {
                    out += "    \(DecisionTextRenderer.line(progress, asOf: pending.asOf, dates: dates))\n"
                }
            }
            if !s.notEligibleReasons.isEmpty {
                let reasons = s.notEligibleReasons.map { "\(DecisionTextRenderer.e($0.rule)) (\($0.count))" }
                out += "  not eligible: \(reasons.joined(separator: ", "))\n"
            }
        }
        if summaries.isEmpty { out += "no referrals decided\n" }
        if undecided > 0 { out += "\(plural(undecided, "record")) could not be decided\n" }
        return out
    }

    /// `{"referrers":[{"referrer_id":…,"referrals":4,"qualified":1,"pending":2,"expired":1,
    /// "not_eligible":0,"reversed":0,"owed":[{"currency":"USD","cash":"100.00","cash_minor":10000,
    /// "credit":"25.00","credit_minor":2500}],"pending_referrals":[{"referral_id":…,"referral_type":…,
    /// "as_of":…,"progress":[…]}],"not_eligible_reasons":[{"rule":…,"count":1}]}],"undecided":0}`,
    /// pretty-printed; `progress` entries have the keys of a decision's `progress`.
    static func json(_ summaries: [ReferrerSummary], undecided: Int) -> String {
        var w = JSONOutput(pretty: true)
        w.beginObject()
        w.key("referrers")
        w.beginArray()
        for s in summaries {
            w.element()
            w.beginObject()
            w.key("referrer_id")
            w.string(s.referrerID)
            w.key("referrals")
            w.integer(s.referrals)
            for (key, status) in [("qualified", Decision.Status.qualified), ("pending", .pending), ("expired", .expired),
                                  ("not_eligible", .notEligible), ("reversed", .reversed)] {
                w.key(key)
                w.integer(s.count(status))
            }
            w.key("owed")
            w.beginArray()
            for owed in s.owed {
                w.element()
                w.beginObject()
                w.key("currency")
                w.string(owed.currency.code)
                w.key("cash")
                w.string(decimal(owed.cash))
                w.key("cash_minor")
                w.integer(owed.cash.minorUnits)
                w.key("credit")
                w.string(decimal(owed.credit))
                w.key("credit_minor")
                w.integer(owed.credit.minorUnits)
                w.endObject()
            }
            w.endArray()
            w.key("pending_referrals")
            w.beginArray()
            for pending in s.pending {
                w.element()
                w.beginObject()
                w.key("referral_id")
                w.string(pending.referralID)
                w.key("referral_type")
                w.string(pending.referralType)
                w.key("as_of")
                w.string(pending.asOf.description)
                w.key("progress")
                w.beginArray()
                for p in pending.progress {
                    w.element()
                    progress(p, into: &w)
                }
                w.endArray()
                w.endObject()
            }
            w.endArray()
            w.key("not_eligible_reasons")
            w.beginArray()
            for reason in s.notEligibleReasons {
                w.element()
                w.beginObject()
                w.key("rule")
                w.string(reason.rule)
                w.key("count")
                w.integer(reason.count)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("undecided")
        w.integer(undecided)
        w.endObject()
        return w.text + "\n"
    }

    private static func progress(_ p: Decision.Progress, into w: inout JSONOutput) {
        w.beginObject()
        w.key("requirement")
        w.string(p.requirement)
        if let description = p.description {
            w.key("description")
            w.string(description)
        }
        w.key("event_type")
        w.string(p.eventType)
        if p.eventTypes.count > 1 {
            w.key("event_types")
            w.beginArray()
            for name in p.eventTypes {
                w.element()
                w.string(name)
            }
            w.endArray()
        }
        w.key("unit")
        w.string(p.unit.rawValue)
        w.key("have")
        w.integer(p.have)
        w.key("need")
        w.integer(p.need)
        if let currency = p.currency {
            w.key("currency")
            w.string(currency.code)
        }
        if let deadline = p.deadline {
            w.key("deadline")
            w.string(deadline.description)
        }
        w.endObject()
    }

    /// `12345` USD is `123.45`, as decisions write amounts.
    static func decimal(_ money: Money) -> String {
        let digits = money.currency.minorUnitDigits
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        let magnitude = money.minorUnits.magnitude
        var out = (money.minorUnits < 0 ? "-" : "") + String(magnitude / scale)
        if digits > 0 {
            let fraction = String(magnitude % scale)
            out += "." + String(repeating: "0", count: digits - fraction.count) + fraction
        }
        return out
    }
}
