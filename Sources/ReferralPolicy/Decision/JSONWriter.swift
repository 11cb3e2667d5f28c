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
        out.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { out.append(contentsOf: $0) }
        out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: ":"))
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
        if value < 0 { out.append(UInt8(ascii: "-")) }
        digits(value.magnitude, width: 1)
    }

    /// `12345` with 2 digits is `"123.45"`: ``Money/decimalString(_:digits:grouped:)`` as a JSON string.
    mutating func decimal(_ minor: Int64, digits places: Int) {
        out.append(UInt8(ascii: "\""))
        if minor < 0 { out.append(UInt8(ascii: "-")) }
        var scale: UInt64 = 1
        for _ in 0..<places { scale *= 10 }
        let magnitude = minor.magnitude
        digits(magnitude / scale, width: 1)
        if places > 0 {
            out.append(UInt8(ascii: "."))
            digits(magnitude % scale, width: places)
        }
        out.append(UInt8(ascii: "\""))
    }

    /// `"2025-03-01T12:00:00Z"`: ``Instant/description`` as a JSON string.
    mutating func instant(_ instant: Instant) {
        let seconds = instant.secondsSinceEpoch
        let days = floorDiv(seconds, Instant.secondsPerDay)
        let rem = seconds - days * Instant.secondsPerDay
        let (y, m, d) = Instant.civil(fromDays: days)
        out.append(UInt8(ascii: "\""))
        if (0...9999).contains(y) {
            digits(UInt64(y), width: 4)
            out.append(UInt8(ascii: "-"))
            digits(UInt64(m), width: 2)
            out.append(UInt8(ascii: "-"))
            digits(UInt64(d), width: 2)
            out.append(UInt8(ascii: "T"))
            digits(UInt64(rem / 3600), width: 2)
            out.append(UInt8(ascii: ":"))
            digits(UInt64(rem % 3600 / 60), width: 2)
            out.append(UInt8(ascii: ":"))
            digits(UInt64(rem % 60), width: 2)
            out.append(UInt8(ascii: "Z"))
        } else {
            out.append(contentsOf: instant.description.utf8)  // years no parsed instant has
        }
        out.append(UInt8(ascii: "\""))
    }

    /// A JSON string: `"` and `\` escaped, control characters as `\u00XX`, other UTF-8 as is.
    mutating func string(_ text: String) {
        out.append(UInt8(ascii: "\""))
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { escaped($0) }
        if done == nil {
            var copy = text
            copy.withUTF8 { escaped($0) }
        }
        out.append(UInt8(ascii: "\""))
    }

    private mutating func escaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for (k, c) in bytes.enumerated() where c < 0x20 || c == UInt8(ascii: "\"") || c == UInt8(ascii: "\\") {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<k]))
            runStart = k + 1
            out.append(UInt8(ascii: "\\"))
            switch c {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                out.append(c)
            default:
                out.append(UInt8(ascii: "u"))
                out.append(UInt8(ascii: "0"))
                out.append(UInt8(ascii: "0"))
                out.append(hexDigit(c >> 4))
                out.append(hexDigit(c & 0xF))
            }
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...]))
    }

    private func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10
    }

    /// The decimal digits of `value`, zero-padded to at least `width`.
    private mutating func digits(_ value: UInt64, width: Int) {
        var count = 1
        var rest = value / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        count = max(count, width)
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var v = value
        var k = start + count - 1
        while v > 0 {
            out[k] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
            k -= 1
        }
    }
}
