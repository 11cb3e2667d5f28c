/// An exact amount of money: an integer count of minor units of one currency.
public struct Money: Sendable, Hashable, CustomStringConvertible {
    /// Minor units: 12345 is $123.45 in USD, ¥12345 in JPY.
    public var minorUnits: Int64
    public var currency: Currency

    public init(minorUnits: Int64, currency: Currency) {
        self.minorUnits = minorUnits
        self.currency = currency
    }

    /// `123.45 USD`.
    public var description: String { "\(Money.decimalString(minorUnits, digits: currency.minorUnitDigits)) \(currency.code)" }

    /// `$123.45` for USD, `€5.00`, `¥500`, otherwise `123.450 KWD`: what a person reads.
    /// A unit a policy declares reads `500 MB`, `1,500 points`: the amount, then its symbol.
    public var display: String {
        let amount = Money.decimalString(minorUnits, digits: currency.minorUnitDigits, grouped: true)
        if currency.isDeclaredUnit { return "\(amount) \(currency.unitSuffix)" }
        let symbol: String? = ["USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"][currency.code]
        guard let symbol else { return "\(amount) \(currency.code)" }
        return amount.hasPrefix("-") ? "-\(symbol)\(amount.dropFirst())" : "\(symbol)\(amount)"
    }

    /// `12345` with 2 digits is `123.45`; with `grouped`, `1,234.50`.
    static func decimalString(_ minor: Int64, digits: Int, grouped: Bool = false) -> String {
        let negative = minor < 0
        let magnitude = minor.magnitude
        var scale: UInt64 = 1
        for _ in 0..<digits { scale *= 10 }
        var whole = String(magnitude / scale)
        if grouped, whole.count > 3 {
            var out = ""
            for (i, ch) in whole.enumerated() {
                if i > 0, (whole.count - i) % 3 == 0 { out.append(",") }
                out.append(ch)
            }
            whole = out
        }
        var text = (negative ? "-" : "") + whole
        if digits > 0 {
            let frac = String(magnitude % scale)
            text += "." + String(repeating: "0", count: digits - frac.count) + frac
        }
        return text
    }

    /// Why a decimal amount could not be read exactly.
    package enum ParseFailure: Error, Equatable {
        /// Not a plain decimal number (`12.5`, `-3`, `100.00`).
        case notANumber
        /// More digits after the point than the currency's minor unit has.
        case tooPrecise(allowed: Int)
        /// Larger than Int64 minor units can hold.
        case overflow
    }

    /// Parses a plain decimal (`100`, `100.5`, `-2.25`) into exact minor units of `currency`.
    /// Trailing zeros past the minor unit are accepted (`1.500` in USD); other extra digits are not.
    package static func parseMinorUnits(_ text: String, digits: Int) -> Result<Int64, ParseFailure> {
        var bytes = Substring(text).utf8[...]
        var negative = false
        if let first = bytes.first, first == 45 || first == 43 {
            negative = first == 45
            bytes = bytes.dropFirst()
        }
        guard !bytes.isEmpty else { return .failure(.notANumber) }
        var whole: Int64 = 0
        var sawDigit = false
        var fraction: [UInt8] = []
        var inFraction = false
        for c in bytes {
            if c == 46 {  // .
                if inFraction { return .failure(.notANumber) }
                inFraction = true
                continue
            }
            if c == 95, !inFraction { continue }  // 1_000 digit separators
            guard c >= 48, c <= 57 else { return .failure(.notANumber) }
            sawDigit = true
            if inFraction {
                fraction.append(c - 48)
            } else {
                let (m, o1) = whole.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(Int64(c - 48))
                if o1 || o2 { return .failure(.overflow) }
                whole = s
            }
        }
        guard sawDigit else { return .failure(.notANumber) }
        while let last = fraction.last, fraction.count > digits, last == 0 { fraction.removeLast() }
        if fraction.count > digits { return .failure(.tooPrecise(allowed: digits)) }
        var value = whole
        for i in 0..<digits {
            let d = i < fraction.count ? Int64(fraction[i]) : 0
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(d)
            if o1 || o2 { return .failure(.overflow) }
            value = s
        }
        return .success(negative ? -value : value)
    }
}
