/// A mapping with known keys: each key's shape and description (from the language reference),
/// whether it is required, and the rules between keys ("exactly one of `amount`, `percent`,
/// `tiers`"). Unknown keys are refused unless `otherKeys` gives them a shape.
struct ObjectShape: Sendable {
    struct Key: Sendable {
        var name: String
        var required: Bool
        var description: String
        var shape: ValueShape
        var defaultValue: JSONValue?

        init(_ name: String, required: Bool = false, _ shape: ValueShape, _ description: String, default value: JSONValue? = nil) {
            self.name = name
            self.required = required
            self.shape = shape
            self.description = description
            self.defaultValue = value
        }
    }

    /// When the condition holds, the consequence must.
    struct Condition: Sendable {
        var present: [String] = []
        var absent: [String] = []
        /// The key's value (a string) matches the pattern (or, with `negated`, does not).
        var matching: (key: String, pattern: String, negated: Bool)?
    }

    struct Consequence: Sendable {
        var requires: [String] = []
        var forbids: [String] = []
        var exactlyOne: [String] = []
        var shapes: [(String, ValueShape)] = []
    }

    enum Rule: Sendable {
        case exactlyOne([String])
        case atLeastOne([String])
        case when(Condition, Consequence)
    }

    var description: String?
    var keys: [Key]
    var rules: [Rule] = []
    /// The shape of keys not listed (nil: no other key is allowed), named like ids.
    var otherKeys: ValueShape?

    init(_ description: String? = nil, keys: [Key], rules: [Rule] = [], otherKeys: ValueShape? = nil) {
        self.description = description
        self.keys = keys
        self.rules = rules
        self.otherKeys = otherKeys
    }

    func schemaBody(nullable: Bool) -> [(String, JSONValue)] {
        var out: [(String, JSONValue)] = [("type", nullable ? .array([.string("object"), .string("null")]) : .string("object"))]
        let required = keys.filter(\.required).map(\.name)
        if !required.isEmpty { out.append(("required", .array(required.map { .string($0) }))) }
        out.append(("properties", .object(keys.map { ($0.name, $0.shape.schema(description: $0.description, default: $0.defaultValue)) })))
        if let otherKeys {
            out.append(("propertyNames", .object([("$ref", .string("#/$defs/name"))])))
            out.append(("additionalProperties", otherKeys.schema()))
        } else {
            out.append(("additionalProperties", .bool(false)))
        }
        var all: [JSONValue] = []
        for rule in rules {
            switch rule {
            case .exactlyOne(let names):
                all.append(.object([("oneOf", ObjectShape.eachRequired(names))]))
            case .atLeastOne(let names):
                all.append(.object([("anyOf", ObjectShape.eachRequired(names))]))
            case .when(let condition, let consequence):
                all.append(.object([("if", ObjectShape.schema(condition)), ("then", ObjectShape.schema(consequence))]))
            }
        }
        if all.count == 1, case .object(let pairs) = all[0] {
            out += pairs
        } else if !all.isEmpty {
            out.append(("allOf", .array(all)))
        }
        return out
    }

    private static func eachRequired(_ names: [String]) -> JSONValue {
        .array(names.map { .object([("required", .array([.string($0)]))]) })
    }

    private static func schema(_ c: Condition) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        var required = c.present
        if let m = c.matching {
            required.append(m.key)
            let pattern = JSONValue.object([("pattern", .string(m.pattern))])
            pairs.append(("properties", .object([(m.key, m.negated ? .object([("not", pattern)]) : pattern)])))
        }
        if !required.isEmpty { pairs.insert(("required", .array(required.map { .string($0) })), at: 0) }
        if !c.absent.isEmpty {
            pairs.append(("not", .object([("anyOf", eachRequired(c.absent))])))
        }
        return .object(pairs)
    }

    private static func schema(_ c: Consequence) -> JSONValue {
        var pairs: [(String, JSONValue)] = []
        if !c.requires.isEmpty { pairs.append(("required", .array(c.requires.map { .string($0) }))) }
        var properties: [(String, JSONValue)] = c.forbids.map { ($0, .bool(false)) }
        properties += c.shapes.map { ($0.0, $0.1.schema()) }
        if !properties.isEmpty { pairs.append(("properties", .object(properties))) }
        if !c.exactlyOne.isEmpty { pairs.append(("oneOf", eachRequired(c.exactlyOne))) }
        return .object(pairs)
    }
}
