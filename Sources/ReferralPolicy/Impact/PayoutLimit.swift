/// A bound on how much payouts may grow, from `--max-increase`: `250` (in the policy's
/// currency) or `EUR:250.00`. A diff whose payouts in that currency (all kinds and
/// beneficiaries, qualified decisions) grow by more exceeds it.
package struct PayoutLimit: Sendable, Hashable {
    package var currency: Currency
    package var limitMinor: Int64

    package init(currency: Currency, limitMinor: Int64) {
        self.currency = currency
        self.limitMinor = limitMinor
    }

    /// Reads `AMOUNT` or `CUR:AMOUNT`; the error says what is wrong, for the command line.
    package static func parse(_ text: String, defaultCurrency: Currency) -> Result<PayoutLimit, PayoutLimitError> {
        var currency = defaultCurrency
        var amount = Substring(text)
        if let colon = text.firstIndex(of: ":") {
            let code = String(text[..<colon]).uppercased()
            // The policy's own currency may be a unit it declares (`MB:500`).
            guard let c = Currency(code: code) ?? (code == defaultCurrency.code ? defaultCurrency : nil) else {
                return .failure(PayoutLimitError(message: "`\(text)`: unknown currency `\(code)`; write an ISO 4217 code such as USD:250.00"))
            }
            currency = c
            amount = text[text.index(after: colon)...]
        }
        switch Money.parseMinorUnits(String(amount), digits: currency.minorUnitDigits) {
        case .success(let minor) where minor >= 0:
            return .success(PayoutLimit(currency: currency, limitMinor: minor))
        case .success:
            return .failure(PayoutLimitError(message: "`\(text)`: the increase allowed is 0 or more"))
        case .failure(.tooPrecise(let allowed)):
            return .failure(PayoutLimitError(message: "`\(text)`: \(currency.code) has \(allowed) digits after the point"))
        case .failure:
            return .failure(PayoutLimitError(message: "`\(text)`: expected an amount such as 250 or \(currency.code):250.00"))
        }
    }

    /// How this bound fares against a summary.
    package func check(_ summary: ImpactSummary) -> Check {
        let increase = summary.delta(in: currency.code)
        return Check(limit: self, increaseMinor: increase, exceeded: increase > limitMinor)
    }

    /// A bound checked against a summary.
    package struct Check: Sendable, Hashable {
        package var limit: PayoutLimit
        /// New minus base payouts in the bound's currency.
        package var increaseMinor: Int64
        package var exceeded: Bool

        package init(limit: PayoutLimit, increaseMinor: Int64, exceeded: Bool) {
            self.limit = limit
            self.increaseMinor = increaseMinor
            self.exceeded = exceeded
        }
    }
}

/// Why a `--max-increase` value could not be read.
package struct PayoutLimitError: Error, Sendable, Hashable {
    package var message: String
}
