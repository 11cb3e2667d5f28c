/// Units a policy declares under `units:`: amounts that are not ISO 4217 money (points,
/// megabytes of storage, miles, a crypto token with its own decimals). A unit is a currency of
/// the program's own: its code stands wherever a currency code does (a reward's `currency`, a
/// limit's, an event type's, the policy's; a snapshot's; a decision's), and its amounts are
/// exact integers of minor units with the unit's `decimals`, like cents.
extension Currency {
    /// How a person reads a declared unit.
    struct Unit: Sendable {
        /// What it is, in words: `megabytes of storage space`.
        var name: String?
        /// What follows an amount when it is shown (`500 MB`, `1,500 points`); else the code.
        var symbol: String?
    }

    /// The most decimals a unit may have: 10^18 minor units still fit in 64 bits (about 9.2
    /// whole units at 18 decimals, so larger amounts of such a unit overflow: `RP303`).
    static let maxUnitDecimals = 18

    /// A unit the policy declares (the checker has made sure `code` is not an ISO 4217 code).
    init(unit code: String, decimals: Int, name: String?, symbol: String?) {
        self.code = code
        self.minorUnitDigits = decimals
        self.unit = Unit(name: name, symbol: symbol)
    }

    /// True for a unit a policy declares under `units:`, false for an ISO 4217 currency.
    public var isDeclaredUnit: Bool { unit != nil }

    /// What follows an amount of this unit when it is shown: its symbol, else its code.
    var unitSuffix: String { unit?.symbol ?? code }

    /// A unit code: a capital letter, then capital letters, digits or `_`; at most 16.
    static func isUnitCode(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, ("A"..."Z").contains(first), text.unicodeScalars.count <= 16 else { return false }
        return text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The ISO 4217 currency with this code, else the declared unit with it, else nil.
    package static func named(_ code: String, units: [Currency]) -> Currency? {
        Currency(code: code) ?? units.first { $0.code == code }
    }
}
