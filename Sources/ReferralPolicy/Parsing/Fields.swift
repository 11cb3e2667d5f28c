/// The keys of one mapping, looked up by name, with the places of the keys themselves.
package struct Fields {
    package var values: [String: (key: YNode, value: YNode)]
    package var location: SourceLocation

    package subscript(_ key: String) -> YNode? { values[key]?.value }

    package func keyLocation(_ key: String) -> SourceLocation? { values[key]?.key.location }
}
