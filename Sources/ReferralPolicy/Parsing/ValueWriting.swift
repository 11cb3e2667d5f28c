import Foundation

/// Help for values written the way people write them (`25 dollars`, `$2,500.00`, `31/12/2025`,
/// `30 days`): names the form the policy language takes, with the value rewritten in it.
enum ValueWriting {
    /// `25 dollars` → write `25.00`; `2,500.00` → write `2500.00`; `25,50` → write `25.50`.
    static func amountHelp(_ text: String, currency: Currency) -> String {
        let digits = currency.minorUnitDigits
        func plain(_ number: String) -> String {
            guard case .success(let minor) = Money.parseMinorUnits(number, digits: digits) else { return number }
            return Money.decimalString(minor, digits: digits)
        }
        var t = text.trimmingCharacters(in: .whitespaces)
        // A currency word or code written with the number: `25 dollars`, `25 USD`, `USD 25`.
        let words = ["dollars", "dollar", "usd", "euros", "euro", "eur", "pounds", "pound", "gbp", "yen", "jpy", currency.code.lowercased()]
        var unit: String?
        for word in words {
            if t.lowercased().hasSuffix(" " + word) || t.lowercased().hasSuffix(word) && t.dropLast(word.count).last?.isNumber == true {
                unit = word; t = String(t.dropLast(word.count)).trimmingCharacters(in: .whitespaces); break
            }
            if t.lowercased().hasPrefix(word + " ") { unit = word; t = String(t.dropFirst(word.count)).trimmingCharacters(in: .whitespaces); break }
        }
        for symbol in ["$", "€", "£", "¥"] where t.hasPrefix(symbol) { t = String(t.dropFirst(symbol.count)) }
        // Thousands separators and decimal commas.
        if t.contains(",") {
            let parts = t.split(separator: ",", omittingEmptySubsequences: false)
            let thousands = parts.dropFirst().allSatisfy { $0.prefix { $0.isNumber }.count == 3 }
            if thousands, parts.count > 1 {
                let number = parts.joined()
                if case .success = Money.parseMinorUnits(number, digits: digits) {
                    return "write `\(plain(number))`, without the thousands separator"
                }
            } else if parts.count == 2, !t.contains("."), case .success = Money.parseMinorUnits(parts.joined(separator: "."), digits: digits) {
                return "write `\(plain(parts.joined(separator: ".")))`: decimals follow a `.`, not a `,`"
            }
        }
        if case .success = Money.parseMinorUnits(t, digits: digits) {
            let why = unit != nil ? "the number alone" : "the number alone, without other characters"
            return "write \(why), `\(plain(t))`; amounts are in \(currency.code), the policy's `currency`"
        }
        return "write the amount as a number, e.g. `25.00`; amounts are in \(currency.code)"
    }

    /// The key that takes months and years, for a key of days (`hold_days` → `hold`).
    static let calendarForm: [String: String] = [
        "`hold_days`": "hold", "`credit_expires_days`": "credit_expires", "`reversal.within_days`": "within",
        "`rolling_days`": "rolling", "`window.days`": "window",
    ]

    /// `30 days` → `30`; `2 weeks` → `14`; `3 months` → `{ months: 3 }` where the key has a form
    /// in months (`hold: { months: 3 }`), else about `90`.
    static func daysHelp(_ text: String, key: String? = nil) -> String {
        let parts = text.lowercased().split(separator: " ")
        if parts.count == 2, let n = Int64(parts[0]) {
            if let key, let form = calendarForm[key] {
                switch parts[1] {
                case "month", "months": return "write `\(form): { months: \(n) }` for \(n) calendar month\(n == 1 ? "" : "s")"
                case "year", "years", "y": return "write `\(form): { years: \(n) }` for \(n) calendar year\(n == 1 ? "" : "s")"
                default: break
                }
            }
            switch parts[1] {
            case "day", "days", "d": return "write the number of days alone, `\(n)`"
            case "week", "weeks", "w": return "write it in days, `\(n * 7)`"
            case "month", "months": return "write it in days, e.g. `\(n * 30)` for \(n) month\(n == 1 ? "" : "s")"
            case "year", "years", "y": return "write it in days, e.g. `\(n * 365)` for \(n) year\(n == 1 ? "" : "s")"
            default: break
            }
        }
        if text.hasSuffix("d"), let n = Int64(text.dropLast()) { return "write the number of days alone, `\(n)`" }
        return "write a number of days such as `30`"
    }

    static func wholeNumberHelp(_ text: String) -> String {
        if let n = Int64(text.replacingOccurrences(of: ",", with: "")) { return "write `\(n)`, without the thousands separator" }
        if let first = text.split(separator: " ").first, let n = Int64(first) { return "write the number alone, `\(n)`" }
        if let d = Double(text), d.isFinite { return "write a whole number, such as `\(Int64(d.rounded(.down)))`" }
        return "write a whole number such as `20`"
    }

    /// `31/12/2025`, `12/31/2025`, `2025/12/31`, `31.12.2025`, `2025-12-31 10:00` → the ISO form.
    static func dateHelp(_ text: String) -> String? {
        let fixed = "write a date that exists, `2025-07-01`, or an instant, `2025-07-01T00:00:00Z`"
        let t = text.trimmingCharacters(in: .whitespaces)
        // A date and a time with a space and no offset.
        let halves = t.split(separator: " ")
        if halves.count == 2, Instant.parse(String(halves[0]), allowDateOnly: true) != nil {
            let time = halves[1].count == 5 ? "\(halves[1]):00" : String(halves[1])
            let candidate = "\(halves[0])T\(time)Z"
            if Instant.parse(candidate, allowDateOnly: false) != nil {
                return "write an instant with `T` and its offset, e.g. `\(candidate)` for UTC"
            }
        }
        let pieces = t.split(whereSeparator: { $0 == "/" || $0 == "." || $0 == "-" }).map(String.init)
        guard pieces.count == 3, pieces.allSatisfy({ Int($0) != nil }) else { return fixed }
        let numbers = pieces.map { Int($0)! }
        func iso(_ y: Int, _ m: Int, _ d: Int) -> String? {
            let s = String(format: "%04d-%02d-%02d", y, m, d)
            return Instant.parse(s, allowDateOnly: true) != nil ? s : nil
        }
        if pieces[0].count == 4, let s = iso(numbers[0], numbers[1], numbers[2]) {
            return "write dates as year-month-day with `-`: `\(s)`"
        }
        guard pieces[2].count == 4 else { return fixed }
        let dayFirst = iso(numbers[2], numbers[1], numbers[0])
        let monthFirst = iso(numbers[2], numbers[0], numbers[1])
        switch (dayFirst, monthFirst) {
        case (let a?, let b?) where a != b:
            return "write dates as year-month-day: `\(a)` (day first) or `\(b)` (month first)"
        case (let a?, _):
            return "write dates as year-month-day: `\(a)`"
        case (nil, let b?):
            return "write dates as year-month-day: `\(b)`"
        default:
            return fixed
        }
    }

    /// `$`, `dollars`, `euro` → the ISO code.
    static func currencyHelp(_ text: String) -> String? {
        let names: [String: String] = ["$": "USD", "dollar": "USD", "dollars": "USD", "us$": "USD", "€": "EUR", "euro": "EUR",
                                       "euros": "EUR", "£": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP", "¥": "JPY", "yen": "JPY"]
        guard let code = names[text.lowercased()] else { return nil }
        return "write the ISO 4217 code, `\(code)`"
    }
}
