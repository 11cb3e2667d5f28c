/// The sentences of comparisons between two fields: "The referee must live in the same
/// country as the referrer", "counting only those whose `country` is the referee's country".
extension PolicyDescriber {
    func fieldRelationSentence(_ left: String, _ relation: FieldRelation, _ right: String) -> [Inline] {
        let (person, name) = Self.split(left)
        let (otherPerson, otherName) = Self.split(right)
        let negated = relation.negated
        let unknown: [Inline] = [.text(" (a referral where either is not known does not pass this rule)")]
        if name == "country", otherName == "country", person != otherPerson {
            return [.text("The \(person) must \(negated ? "not " : "")live in the same country as the \(otherPerson)")] + unknown
        }
        let subject: [Inline] = [.text("The \(person)'s ")] + Self.fieldName(name)
        let object: [Inline] = name == otherName && person != otherPerson
            ? [.text("the \(otherPerson)'s")]
            : [.text("the \(otherPerson)'s ")] + Self.fieldName(otherName)
        return subject + [.text(negated ? " must differ from " : " must be the same as ")] + object + unknown
    }

    /// `whose `country` is the referee's country`.
    func relationFilterPhrase(_ attribute: String, _ relation: FieldRelation, _ field: String) -> [Inline] {
        let (person, name) = Self.split(field)
        let other: [Inline] = [.text("the \(person)'s ")] + Self.fieldName(name)
        if relation.negated {
            return [.text("whose "), .code(attribute), .text(" is not ")] + other + [.text(" (both must be known)")]
        }
        return [.text("whose "), .code(attribute), .text(" is ")] + other
    }

    /// `referee.country` as (`referee`, `country`).
    private static func split(_ path: String) -> (String, String) {
        let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
        return (parts.first ?? "referee", parts.count > 1 ? parts[1] : path)
    }

    /// A built-in field in words (`country`, `account id`), a declared attribute as code.
    private static func fieldName(_ name: String) -> [Inline] {
        switch name {
        case "country", "attribution": [.text(name)]
        case "id": [.text("account id")]
        case "status": [.text("account status")]
        default: [.code(name)]
        }
    }
}
