/// Writes JSON straight into bytes, compact or pretty, with no intermediate strings.
///
/// The caller writes keys and values in order; the writer places commas, newlines and
/// indentation. Pretty output matches Python's `json.dumps(indent=2)` (with UTF-8 kept as is):
/// two-space indent, `": "` after keys, `[]` and `{}` for empty containers.
struct JSONWriter {
    var out: [UInt8] = []
    let pretty: Bool
    private var depth = 0
    /// True once the current container holds a member, so the next one needs a comma.
    private var needsComma = false

    init(pretty: Bool) {
        self.pretty = pretty
    }

    // MARK: - Structure

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// Starts an object member: `"name":`, then its value.
    mutating func key(_ name: StaticString) {
        separate()
        out.appendJSON(upTo: name.utf8CodeUnitCount + 3) { c in
            c.byte(UInt8(ascii: "\""))
            c.raw(name)
            c.raw("\":")
        }
        if pretty { out.append(UInt8(ascii: " ")) }
    }

    /// Starts an array element.
    mutating func element() { separate() }

    private mutating func open(_ bracket: UInt8) {
        out.append(bracket)
        depth += 1
        needsComma = false
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if pretty, needsComma { newline() }  // an empty container stays `[]`
        out.append(bracket)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { out.append(UInt8(ascii: ",")) }
        if pretty { newline() }
        needsComma = true
    }

    private mutating func newline() {
        out.append(UInt8(ascii: "\n"))
        out.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    // MARK: - Values

    mutating func boolean(_ value: Bool) {
        let word: StaticString = value ? "true" : "false"
        word.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    mutating func integer(_ value: Int64) {
        out.appendJSON(upTo: JSONCursor.integerBytes) { $0.integer(value) }
    }

    /// `12345` with 2 digits is `"123.45"`: ``JSONCursor/decimal(_:digits:)``.
    mutating func decimal(_ minor: Int64, digits places: Int) {
        out.appendJSON(upTo: JSONCursor.decimalBytes) { $0.decimal(minor, digits: places) }
    }

    /// `"2025-03-01T12:00:00Z"`: ``JSONCursor/instant(_:)``.
    mutating func instant(_ instant: Instant) {
        out.appendJSON(upTo: JSONCursor.instantBytes) { $0.instant(instant) }
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\u00XX`, other UTF-8 as is
    /// (``JSONCursor/string(bytes:)``).
    mutating func string(_ text: String) {
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { string(bytes: $0) }
        if done == nil {
            var copy = text
            copy.withUTF8 { string(bytes: $0) }
        }
    }

    /// A JSON string of UTF-8 bytes, escaped as ``string(_:)`` escapes.
    mutating func string(bytes: UnsafeBufferPointer<UInt8>) {
        out.appendJSON(upTo: JSONCursor.escapedBytes(bytes.count)) { $0.string(bytes: bytes) }
    }
}
