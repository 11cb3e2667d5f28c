/// Between ``SnapshotFacts`` and ``Snapshot`` values: a value becomes facts to be decided by the
/// same evaluator as JSON is, and scanned facts become a value for ``SnapshotDecoder``.
extension SnapshotFacts {
    /// Fills the facts from a value; every text goes onto the arena.
    mutating func fill(from s: Snapshot) {
        reset()
        head.id = put(s.id)
        head.type = put(s.type)
        head.asOf = s.asOf
        head.referrerID = put(s.referrer.id)
        head.referrerStatus = put(s.referrer.status)
        head.referrerCountry = put(s.referrer.country)
        head.referrerAttributes = put(s.referrer.attributes)
        for r in s.referrer.rewards {
            rewards.append(PastRewardFact(referralID: put(r.referralID), amount: r.amountMinor, currency: put(r.currency),
                                          kind: r.kind, grantedAt: r.grantedAt))
        }
        if let given = s.referrer.referrals {
            head.referralsGiven = true
            for r in given {
                referrals.append(QualifiedReferralFact(referralID: put(r.referralID), type: put(r.referralType), qualifiedAt: r.qualifiedAt))
            }
        }
        head.refereeID = put(s.referee.id)
        head.signupAt = s.referee.signupAt
        head.attribution = put(s.referee.attribution)
        head.refereeCountry = put(s.referee.country)
        for flag in s.referee.flags { flags.append(put(flag)) }
        head.refereeAttributes = put(s.referee.attributes)
        for e in s.events {
            let attributes = put(e.attributes)
            events.append(EventFact(type: put(e.type), at: e.at, amount: e.amountMinor, currency: put(e.currency), attributes: attributes))
        }
    }

    /// A text onto the arena: its UTF-8 bytes copied where they are (a native string's), and
    /// checked for ASCII there, a word at a time.
    private mutating func put(_ text: String?) -> TextRef {
        guard var text else { return .missing }
        let start = arena.count
        let ascii = text.withUTF8 { bytes in
            arena.append(contentsOf: bytes)
            return TextBytes.isASCII(bytes)
        }
        return TextRef(start: Int32(start), count: Int32(arena.count - start), ascii: ascii, inArena: true)
    }

    /// A dictionary's attributes as a run. Lookups never depend on the order, but which
    /// attribute an error names first does: two or more are put in name order, so that a
    /// snapshot's error record is the same in every process (a dictionary's own order is not).
    private mutating func put(_ dictionary: [String: AttributeValue]) -> Span32 {
        let start = attributes.count
        if dictionary.count < 2 {
            for (name, value) in dictionary { put(name, value) }
        } else {
            for (name, value) in dictionary.sorted(by: { $0.key < $1.key }) { put(name, value) }
        }
        return Span32(start..<attributes.count)
    }

    private mutating func put(_ name: String, _ value: AttributeValue) {
        let v: AttributeFact.Value
        switch value {
        case .string(let s): v = .text(put(s))
        case .integer(let i): v = .integer(i)
        case .bool(let b): v = .bool(b)
        }
        attributes.append(AttributeFact(name: put(name), value: v))
    }
}

extension FactsView {
    /// The snapshot these facts hold, as a value.
    func snapshot() -> Snapshot {
        let h = head
        let rewards = self.rewards.map { r in
            Snapshot.PastReward(referralID: string(r.referralID), amountMinor: r.amount, currency: string(r.currency) ?? "",
                                kind: r.kind, grantedAt: r.grantedAt)
        }
        let referrer = Snapshot.Referrer(id: string(h.referrerID) ?? "", status: string(h.referrerStatus),
                                         country: string(h.referrerCountry), attributes: dictionary(h.referrerAttributes),
                                         rewards: rewards,
                                         referrals: h.referralsGiven ? referrals.map { r in
                                             Snapshot.QualifiedReferral(referralID: string(r.referralID) ?? "", referralType: string(r.type) ?? "",
                                                                        qualifiedAt: r.qualifiedAt)
                                         } : nil)
        let referee = Snapshot.Referee(id: string(h.refereeID) ?? "", signupAt: h.signupAt, attribution: string(h.attribution),
                                       country: string(h.refereeCountry), flags: flags.map { string($0) ?? "" },
                                       attributes: dictionary(h.refereeAttributes))
        let events = self.events.map { e in
            Snapshot.Event(type: string(e.type) ?? "", at: e.at, amountMinor: e.amount, currency: string(e.currency),
                           attributes: dictionary(e.attributes))
        }
        return Snapshot(id: string(h.id) ?? "", type: string(h.type) ?? "", asOf: h.asOf, referrer: referrer, referee: referee,
                        events: events)
    }

    func dictionary(_ run: Span32) -> [String: AttributeValue] {
        var out: [String: AttributeValue] = [:]
        for a in attributes[run.range] {
            out[string(a.name) ?? ""] = value(a.value)
        }
        return out
    }

    func value(_ v: AttributeFact.Value) -> AttributeValue {
        switch v {
        case .text(let t): .string(string(t) ?? "")
        case .integer(let i): .integer(i)
        case .bool(let b): .bool(b)
        }
    }
}
