/// An amount that depends on the value of one field of the referrer or the referee:
/// `amount: { by: referee.city, table: { london: 20.00, paris: 15.00 }, default: 10.00 }`.
/// A value the table does not list, or no value at all, gets the `default`; without one, the
/// reward (or tier) pays nothing and is not listed.
struct AmountTableModel: Sendable {
    /// One value of the field and what it pays.
    struct Entry: Sendable {
        /// The value as written: text, a whole number or `true`/`false`, by the field's type.
        var key: Literal
        var amount: Money
    }

    /// The field read: a built-in one (`referee.country`) or a declared attribute.
    var field: FieldRef
    var entries: [Entry]
    /// What a value not in the table (or a missing value) is paid; nil: nothing.
    var defaultAmount: Money?
    var location: SourceLocation
    /// True when an entry did not parse: checks over the whole table would repeat that error.
    var incomplete: Bool = false
}
