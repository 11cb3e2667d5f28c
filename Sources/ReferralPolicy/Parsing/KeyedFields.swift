/// The keys of one mapping of the policy language, by their ``PolicyVocabulary`` word.
struct KeyedFields<Key: RawRepresentable & CaseIterable & Hashable> where Key.RawValue == String {
    var fields: Fields
    /// Keys given no value because the keys meant for them were not indented below them
    /// (already reported as misplaced; reading them again would only repeat it).
    var orphaned: Set<String> = []

    subscript(_ key: Key) -> YNode? {
        orphaned.contains(key.rawValue) ? nil : fields[key.rawValue]
    }

    func has(_ key: Key) -> Bool { fields[key.rawValue] != nil }

    func keyLocation(_ key: Key) -> SourceLocation? { fields.keyLocation(key.rawValue) }

    var location: SourceLocation { fields.location }
}
