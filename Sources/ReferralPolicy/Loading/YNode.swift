/// A YAML node as the policy parser sees it: a scalar, mapping or list, each with the
/// line:column where it starts. Built from Yams' node tree by ``YAMLLoader``.
package struct YNode: Sendable {
    package enum Kind: Sendable {
        /// A scalar's text; `quoted` is true for '…', "…", | and > scalars, which are always text.
        case scalar(String, quoted: Bool)
        case mapping([(key: YNode, value: YNode)])
        case sequence([YNode])
    }

    package var kind: Kind
    package var location: SourceLocation

    /// The scalar's text, whatever its style.
    package var scalar: String? {
        if case .scalar(let text, _) = kind { return text }
        return nil
    }

    /// True for a plain `~`, `null`, `Null`, `NULL` or empty scalar.
    package var isNull: Bool {
        if case .scalar(let text, let quoted) = kind, !quoted {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// What a person calls this node's type, for "expected a list, got text" messages.
    package var typeName: String {
        switch kind {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let text, let quoted):
            if isNull { return "nothing" }
            if quoted { return "text" }
            if text == "true" || text == "false" { return "true/false" }
            if Int64(text) != nil || Double(text) != nil { return "a number" }
            return "text"
        }
    }
}
