/// A unit the policy declares under `units:`: amounts that are not ISO 4217 money, such as
/// points, megabytes of storage, miles or a crypto token with its own decimals.
struct UnitDecl: Sendable {
    /// The code amounts, snapshots and decisions name it by: `MB`, `POINTS`, `BTC`.
    var code: String
    /// Digits after the decimal point, 0 to 18.
    var decimals: Int
    /// What it is, in words, for people.
    var name: String?
    /// What follows an amount when it is shown; the code when nil.
    var symbol: String?
    var location: SourceLocation

    /// The unit as a currency of the policy's own.
    var currency: Currency { Currency(unit: code, decimals: decimals, name: name, symbol: symbol) }
}
