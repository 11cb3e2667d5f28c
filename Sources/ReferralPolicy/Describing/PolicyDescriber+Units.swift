/// The plain English of units (`units:`), of the currency event amounts are in, and of the
/// events a version leaves out (`unknown_events`, `other_currencies`, types only other
/// versions declare).
extension PolicyDescriber {
    /// "Amounts in MB are megabytes of storage space, in whole numbers."
    mutating func units(_ m: PolicyModel) {
        guard !m.units.isEmpty else { return }
        let lead = m.units.count == 1 ? "Amounts in this version may be in a unit of its own, not money:"
            : "Amounts in this version may be in units of its own, not money:"
        blocks.append(.paragraph([.text(lead)]))
        blocks.append(.list(m.units.map { u in
            var text: [Inline] = [.code(u.code)]
            if let name = u.name { text += [.text(": \(name)")] }
            let sample = Money(minorUnits: Self.sampleMinor(u.decimals), currency: u.currency).display
            text += [.text(u.decimals == 0 ? ", in whole numbers" : ", with \(EnglishText.small(u.decimals)) decimal\(u.decimals == 1 ? "" : "s")")]
            text += [.text(", written like "), .strong(sample), .text(".")]
            return Item(text: text)
        }))
    }

    /// 1500 whole units: `1,500 MB`, `1,500.00000000 BTC`.
    private static func sampleMinor(_ decimals: Int) -> Int64 {
        var v: Int64 = 1_500
        for _ in 0..<min(decimals, 15) { v *= 10 }
        return v
    }

    /// `, in EUR; an amount in another currency does not count towards its totals`, after an
    /// event type's "with an amount".
    func amountPhrase(_ e: EventTypeDecl, _ m: PolicyModel) -> [Inline] {
        guard e.hasAmount else { return [] }
        var out: [Inline] = []
        let currency = m.amountCurrency(of: e)
        if currency != m.currency { out += [.text(" in "), .code(currency.code)] }
        // The policy's own setting is said once, after the list; an event type's that differs, here.
        switch (m.otherCurrencies, m.otherCurrencies(of: e)) {
        case (.error, .ignore):
            out += [.text("; an amount in another currency is left out of the totals and amount filters (it still counts as an event)")]
        case (.ignore, .error):
            out += [.text("; an amount in another currency is not left out: the referral is then not decided")]
        default: break
        }
        return out
    }

    /// Which events the version leaves out rather than refusing the referral.
    mutating func leftOutEvents(_ m: PolicyModel) {
        if m.otherCurrencies == .ignore, m.events.contains(where: \.hasAmount) {
            blocks.append(.paragraph([.text("An amount in another currency than its event type's is left out of the totals and amount filters; the event still counts where its amount is not read. Amounts are never converted.")]))
        }
        let own = Set(m.events.map(\.name))
        var elsewhere: [String] = []
        for policy in policies where policy.model.version != m.version {
            for e in policy.model.events where !own.contains(e.name) && !elsewhere.contains(e.name) { elsewhere.append(e.name) }
        }
        if !elsewhere.isEmpty {
            let names = EnglishText.join(elsewhere.map { [Inline.emphasis(EnglishText.words($0))] }, "and")
            blocks.append(.paragraph([.text("Events of \(elsewhere.count == 1 ? "the type" : "the types") ")] + names
                                     + [.text(", which another version of the program declares, are left out by this version.")]))
        }
        if m.unknownEvents == .ignore {
            blocks.append(.paragraph([.text("Events of any other type are left out, and the referral is decided without them.")]))
        }
    }

    /// When some limit on the amount is not in the policy's currency: each counts only rewards
    /// in its own.
    func limitCurrenciesSentence(_ m: PolicyModel) -> [Inline]? {
        let currencies = m.limits.compactMap { $0.maxAmount?.currency }
        guard currencies.contains(where: { $0 != m.currency }) else { return nil }
        var codes: [String] = []
        for c in currencies where !codes.contains(c.code) { codes.append(c.code) }
        return [.text("A limit on the amount counts only rewards in its own currency (")]
            + EnglishText.join(codes.map { [Inline.code($0)] }, "or")
            + [.text("); rewards in another count towards limits on the number of rewards only.")]
    }
}
