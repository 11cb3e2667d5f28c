/// The shape of one value in a policy or policy test file, as the parser accepts it. The
/// language descriptions (``PolicyLanguage``, ``TestFileLanguage``) are written in these, and
/// ``PolicySchema`` turns them into JSON Schema.
///
/// A YAML editor converts the file to JSON before it checks it, the YAML 1.2 way: `2500.00` is
/// a number, `"2500.00"` and `2025-07-01` are strings, `true` is a boolean. The parser reads
/// every scalar as text, so each shape accepts every JSON form the parser would read.
indirect enum ValueShape: Sendable {
    /// An id: a lowercase letter, then lowercase letters, digits, `_` or `-`; at most 64.
    case name
    /// Any single value (text, a number, true/false), read as text.
    case text
    /// `true` or `false`.
    case bool
    /// A whole number no smaller than `min`; `_` may group digits.
    case wholeNumber(min: Int64)
    /// A whole number for an integer attribute, possibly negative.
    case integerLiteral
    /// A whole number of days, from `min` to 36,525.
    case days(min: Int64)
    /// A non-negative decimal amount, optionally after the currency's symbol.
    case money
    /// A number above 0 and at most 1000, up to 2 decimals, `%` optional.
    case percent
    /// `YYYY-MM-DD` or an instant with its offset from UTC.
    case dateOrInstant
    /// An ISO 4217 code the library knows.
    case currency
    /// `referee.NAME` or `referrer.NAME`.
    case fieldPath
    /// A rule id as decisions print it: `freelancer.referrer_bonus.pro`, `limits[0]`.
    case ruleID
    /// One of these words.
    case choice([String])
    /// A list; with `nullable`, `key:` with nothing after it is an empty list.
    case list(ValueShape, minItems: Int, nullable: Bool)
    /// A list, or one value standing for a list of one.
    case oneOrMore(ValueShape)
    /// A mapping from names (other than `excluding`) to values of one shape.
    case map(ValueShape, excluding: [String], nullable: Bool)
    /// A mapping with known keys.
    case object(ObjectShape, nullable: Bool)
    /// A shape defined once under `$defs`, by name.
    case ref(String)
    /// Any of these shapes.
    case anyOf([ValueShape])
    /// This shape, or nothing (`null`).
    case nullable(ValueShape)
    /// A JSON Schema fragment written out, for the few constraints the cases above do not name.
    case raw(JSONValue)
}

extension ValueShape {
    static let namePattern = "^[a-z][a-z0-9_-]{0,63}$"
    static let fieldPattern = "^(referee|referrer)\\.[a-z][a-z0-9_-]{0,63}$"
    /// What ``Money/parseMinorUnits(_:digits:)`` reads after a leading `$`, `€`, `£` or `¥`:
    /// digits (grouped with `_`), at most one `.`, no sign but `+`, no thousands commas.
    static let moneyPattern = "^[ \\t]*[$€£¥]?[+]?([0-9_]*[0-9][0-9_]*([.][0-9]*)?|[0-9_]*[.][0-9]+)[ \\t]*$"
    /// What the percent reader takes: a decimal of at most 2 significant decimals, `%` optional.
    static let percentPattern = "^[+]?([0-9_]*[0-9][0-9_]*([.][0-9]{0,2}0*)?|[0-9_]*[.][0-9]{1,2}0*)%?$"
    static let datePattern = "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
        + "([Tt]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]([.][0-9]{1,9})?([Zz]|[+-]([01][0-9]|2[0-3]):[0-5][0-9]))?$"
    static let ruleIDPattern = "^[a-z][a-z0-9_.\\[\\]-]*$"
    /// A unit code (``Currency/isUnitCode(_:)``): a capital letter, then capitals, digits or `_`.
    static let unitCodePattern = "^[A-Z][A-Z0-9_]{0,15}$"
    static let maxDays: Int64 = 36_525

    /// The JSON Schema of this shape, with `description` first when there is one.
    ///
    /// A `$ref` with annotations beside it is written `allOf: [{ $ref }]`: draft 2020-12 reads
    /// keywords beside `$ref`, but draft-07 validators (VS Code's YAML extension) ignore them.
    func schema(description: String? = nil, default value: JSONValue? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        if let description {
            // Editors that render Markdown (VS Code's YAML extension) show `markdownDescription`.
            pairs.append(("description", .string(description)))
            pairs.append(("markdownDescription", .string(description)))
        }
        if let value { pairs.append(("default", value)) }
        let body = self.body
        if !pairs.isEmpty, body.count == 1, body[0].0 == "$ref" {
            return .object(pairs + [("allOf", .array([.object(body)]))])
        }
        return .object(pairs + body)
    }

    /// A number (YAML's `2500.00`) or text of the same form (`"2500.00"`, `$25`, `1_000`):
    /// `if`/`then`/`else` rather than `anyOf`, so that an editor names the one rule broken.
    static func numberOrText(_ type: String, _ numeric: [(String, JSONValue)], pattern: String, message: String) -> [(String, JSONValue)] {
        [
            ("type", .array([.string(type), .string("string")])),
            ("if", .object([("type", .string("string"))])),
            ("then", .object([("pattern", .string(pattern)), ("patternErrorMessage", .string(message))])),
            ("else", .object(numeric)),
        ]
    }

    private static func types(_ names: String...) -> JSONValue {
        names.count == 1 ? .string(names[0]) : .array(names.map { .string($0) })
    }

    private var body: [(String, JSONValue)] {
        switch self {
        case .name: return [("$ref", .string("#/$defs/name"))]
        case .text: return [("$ref", .string("#/$defs/text"))]
        case .bool: return [("type", .string("boolean"))]
        case .wholeNumber(let min):
            return ValueShape.numberOrText("integer", [("minimum", .integer(min))], pattern: "^[+]?[0-9][0-9_]*$",
                                           message: "write a whole number, such as `3` or `1_000`")
        case .integerLiteral:
            return ValueShape.numberOrText("integer", [], pattern: "^[+-]?[0-9]+$", message: "write a whole number, such as `5`")
        case .days(let min): return [("$ref", .string(min == 0 ? "#/$defs/days_or_zero" : "#/$defs/days"))]
        case .money: return [("$ref", .string("#/$defs/money"))]
        case .percent: return [("$ref", .string("#/$defs/percent"))]
        case .dateOrInstant: return [("$ref", .string("#/$defs/date_or_instant"))]
        case .currency: return [("$ref", .string("#/$defs/currency"))]
        case .fieldPath: return [("type", .string("string")), ("pattern", .string(ValueShape.fieldPattern))]
        case .ruleID: return [("type", .string("string")), ("pattern", .string(ValueShape.ruleIDPattern))]
        case .choice(let words): return [("enum", .array(words.map { .string($0) }))]
        case .list(let item, let minItems, let nullable):
            var out: [(String, JSONValue)] = [("type", nullable ? ValueShape.types("array", "null") : ValueShape.types("array"))]
            if minItems > 0 { out.append(("minItems", .integer(Int64(minItems)))) }
            out.append(("items", item.schema()))
            return out
        case .oneOrMore(let item):
            return [("anyOf", .array([item.schema(), .object([("type", .string("array")), ("items", item.schema())])]))]
        case .map(let value, let excluding, let nullable):
            var names: JSONValue = .object([("$ref", .string("#/$defs/name"))])
            if !excluding.isEmpty {
                names = .object([("allOf", .array([names, .object([("not", .object([("enum", .array(excluding.map { .string($0) }))]))])]))])
            }
            return [("type", nullable ? ValueShape.types("object", "null") : ValueShape.types("object")),
                    ("propertyNames", names), ("additionalProperties", value.schema())]
        case .object(let shape, let nullable):
            return shape.schemaBody(nullable: nullable)
        case .ref(let name): return [("$ref", .string("#/$defs/\(name)"))]
        case .anyOf(let shapes): return [("anyOf", .array(shapes.map { $0.schema() }))]
        case .nullable(let shape):
            return [("anyOf", .array([.object([("type", .string("null"))]), shape.schema()]))]
        case .raw(let value):
            guard case .object(let pairs) = value else { return [] }
            return pairs
        }
    }

    /// The shared definitions every schema carries: names, text and the kinds of values of
    /// the reference's §3.
    static var commonDefinitions: [(String, JSONValue)] {
        func kind(_ description: String, _ body: [(String, JSONValue)]) -> JSONValue {
            .object([("description", .string(description))] + body)
        }
        let wholeDays = "^[+]?[0-9]+$"
        return [
            ("name", kind("A name: a lowercase letter, then lowercase letters, digits, `_` or `-`; at most 64 characters.", [
                ("type", .string("string")), ("pattern", .string(namePattern)),
                ("patternErrorMessage", .string("use lowercase letters, digits, `_` and `-`, starting with a letter, e.g. `first_earnings`")),
            ])),
            ("text", kind("Text: anything; quote it when in doubt.", [("type", types("string", "number", "boolean"))])),
            ("money", kind(
                "Money: a decimal number of the currency's units, never negative, at most as many decimals as the currency has: `25.00`, `25`, `1_000.50`. A leading `$`, `€`, `£` or `¥` matching the currency is accepted. No thousands separators.",
                numberOrText("number", [("minimum", .integer(0))], pattern: moneyPattern,
                             message: "write an amount such as `2500.00`: digits and one `.`, no thousands separators, no currency words"))),
            ("percent", kind(
                "A percent: a number above 0 and at most 1000, up to 2 decimals, `%` optional: `10`, `12.5`, `20%`.",
                numberOrText("number", [("exclusiveMinimum", .integer(0)), ("maximum", .integer(1000))], pattern: percentPattern,
                             message: "write the percentage as a number, `20` for 20% or `12.5` for 12.5%"))),
            ("date_or_instant", kind(
                "A date, `YYYY-MM-DD` (the start of that day in the program's time zone, UTC unless `time_zone` says otherwise), or an instant with its offset from UTC: `2025-07-01`, `2025-09-30T23:59:59Z`, `2025-07-01T09:00:00+02:00`.",
                [("type", .string("string")), ("pattern", .string(datePattern)),
                 ("patternErrorMessage", .string("write a date as `2025-12-31`, or an instant as `2025-12-31T23:59:59Z`"))])),
            ("days", kind(
                "A whole number of days, at least 1 and at most 36,525 (100 years); a day is exactly 24 hours.",
                numberOrText("integer", [("minimum", .integer(1)), ("maximum", .integer(maxDays))], pattern: wholeDays,
                             message: "write a whole number of days, such as `90`"))),
            ("days_or_zero", kind(
                "A whole number of days, 0 or more and at most 36,525 (100 years); a day is exactly 24 hours.",
                numberOrText("integer", [("minimum", .integer(0)), ("maximum", .integer(maxDays))], pattern: wholeDays,
                             message: "write a whole number of days, such as `14`"))),
            ("currency", kind("An ISO 4217 currency code, upper case: `USD`, `EUR`, `GBP`, `JPY`; or the code of a unit the policy declares under `units` (`validate` checks it is declared).",
                              [("anyOf", .array([.object([("enum", .array(Currency.knownCodes.map { .string($0) }))]),
                                                 .object([("type", .string("string")), ("pattern", .string(unitCodePattern))])]))])),
        ]
    }
}
