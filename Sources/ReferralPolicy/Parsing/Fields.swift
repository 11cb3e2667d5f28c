/// The keys of one mapping, looked up by name, with the places of the keys themselves.
struct Fields {
    var values: [String: (key: YNode, value: YNode)]
    var location: SourceLocation

    subscript(_ key: String) -> YNode? { values[key]?.value }

    func keyLocation(_ key: String) -> SourceLocation? { values[key]?.key.location }
}
