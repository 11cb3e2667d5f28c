import Foundation
import Testing
@testable import ReferralPolicy

/// The schema's patterns accept exactly what the parser reads, on tables of values people
/// write (and mistype): money, percents, days and names.
@Suite struct SchemaPatternTests {
    static func matches(_ pattern: String, _ text: String) throws -> Bool {
        let regex = try NSRegularExpression(pattern: pattern)
        return regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static let moneyTexts = ["25", "25.00", "25.", ".5", "+5", "1_000.50", "_5", "1__0", "$25", "€25.00", "£1", "¥3000", " 25 ",
                             "2,500.00", "$2,500.00", "25 dollars", "-3", "1.2.3", "", ".", "$", "1e3", "0x10", "25.5_0",
                             "USD 25", "25$", "9223372036854775807", "1.005"]

    /// The money reader (after the symbol, which must match the currency: `validate` checks that).
    static func parserReadsMoney(_ text: String) -> Bool {
        var cleaned = text.trimmingCharacters(in: .whitespaces)
        if let first = cleaned.first, "$€£¥".contains(first) { cleaned.removeFirst() }
        // Precision depends on the currency and size on 64 bits, which are `validate`'s to check:
        // a well-formed amount that is too precise or too large still has money's shape.
        switch Money.parseMinorUnits(cleaned, digits: 9) {
        case .success(let v): return v >= 0
        case .failure(.overflow), .failure(.tooPrecise): return !cleaned.hasPrefix("-")
        case .failure(.notANumber): return false
        }
    }

    @Test(arguments: moneyTexts)
    func moneyPatternIsTheMoneyReader(_ text: String) throws {
        #expect(try Self.matches(ValueShape.moneyPattern, text) == Self.parserReadsMoney(text), "`\(text)`")
    }

    static let percentTexts = ["20", "12.5", "12.50", "12.500", "20%", "0.1", ".5", "+5", "1_0", "12.345", "20 %", "%", "-5",
                               "twenty", "1e2", "12,5"]

    @Test(arguments: percentTexts)
    func percentPatternIsThePercentReader(_ text: String) throws {
        let cleaned = text.hasSuffix("%") ? String(text.dropLast()) : text
        var reads = false
        if case .success(let bp) = Money.parseMinorUnits(cleaned, digits: 2) { reads = bp >= 0 }
        // The range (above 0, at most 1000) is the schema's `else`/number bounds for numbers;
        // for text it is left to `validate`.
        #expect(try Self.matches(ValueShape.percentPattern, text) == reads, "`\(text)`")
    }

    static let dayTexts = ["14", "+14", "0", "1_000", "1.5", "-3", "fourteen", "14 days", ""]

    @Test(arguments: dayTexts)
    func dayPatternIsTheDayReader(_ text: String) throws {
        let reads = Int64(text).map { $0 >= 0 } ?? false
        #expect(try Self.matches("^[+]?[0-9]+$", text) == reads, "`\(text)`")
    }

    static let nameTexts = ["first_earnings", "marketplace-referrals", "a", "a1", "1a", "First", "first earnings", "_x", "x.y",
                            String(repeating: "a", count: 64), String(repeating: "a", count: 65), "é"]

    @Test(arguments: nameTexts)
    func namePatternIsTheIdentifierRule(_ text: String) throws {
        #expect(try Self.matches(ValueShape.namePattern, text) == PolicyParser.isIdentifier(text), "`\(text)`")
    }

    static let dateTexts = ["2025-07-01", "2025-07-01T09:00:00Z", "2025-07-01t09:00:00z", "2025-07-01T09:00:00+02:00",
                            "2025-07-01T09:00:00.123Z", "2025-07-01T09:00Z", "31/12/2025", "2025-7-1", "2025-13-01",
                            "2025-07-01 09:00:00", "2025-07-01T24:00:00Z", "2025-07-01T09:00:00"]

    /// Dates that do not exist (`2025-02-30`) pass the pattern and not the reader: that is
    /// `validate`'s to say, so they are not in the table.
    @Test(arguments: dateTexts)
    func datePatternIsTheInstantReader(_ text: String) throws {
        #expect(try Self.matches(ValueShape.datePattern, text) == (Instant.parse(text, allowDateOnly: true) != nil), "`\(text)`")
    }
}
