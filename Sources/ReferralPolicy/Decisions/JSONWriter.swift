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
        // `"name":` in one copy: up to 30 bytes go through a stack buffer.
        let count = name.utf8CodeUnitCount
        if count <= 27 {
            var tmp: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
            withUnsafeMutableBytes(of: &tmp) { raw in
                raw[0] = UInt8(ascii: "\"")
                UnsafeMutableRawBufferPointer(rebasing: raw[1..<(1 + count)]).copyMemory(from: UnsafeRawBufferPointer(start: name.utf8Start, count: count))
                raw[1 + count] = UInt8(ascii: "\"")
                raw[2 + count] = UInt8(ascii: ":")
                append(raw, 0..<(3 + count))
            }
        } else {
            out.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(UInt8(ascii: "\""))
            out.append(UInt8(ascii: ":"))
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
        guard (0...9999).contains(y) else {
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: instant.description.utf8)  // years no parsed instant has
            out.append(UInt8(ascii: "\""))
            return
        }
        // All 22 bytes are formed on the stack, two digits at a time, then copied once.
        var tmp: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &tmp) { raw in
            @inline(__always) func put(_ value: Int64, _ at: Int) {  // 0...99 as two digits
                let v = UInt8(truncatingIfNeeded: value), tens = v / 10
                raw[at] = UInt8(ascii: "0") &+ tens
                raw[at + 1] = UInt8(ascii: "0") &+ (v &- tens &* 10)
            }
            let clock = Int64(rem)
            raw[0] = UInt8(ascii: "\"")
            put(y / 100, 1)
            put(y % 100, 3)
            raw[5] = UInt8(ascii: "-")
            put(m, 6)
            raw[8] = UInt8(ascii: "-")
            put(d, 9)
            raw[11] = UInt8(ascii: "T")
            put(clock / 3600, 12)
            raw[14] = UInt8(ascii: ":")
            put(clock % 3600 / 60, 15)
            raw[17] = UInt8(ascii: ":")
            put(clock % 60, 18)
            raw[20] = UInt8(ascii: "Z")
            raw[21] = UInt8(ascii: "\"")
            append(raw, 0..<22)
        }
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

    /// A JSON string of UTF-8 bytes, escaped as ``string(_:)`` escapes.
    mutating func string(bytes: UnsafeBufferPointer<UInt8>) {
        out.append(UInt8(ascii: "\""))
        escaped(bytes)
        out.append(UInt8(ascii: "\""))
    }

    private mutating func escaped(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Most text needs no escape: find that out eight bytes at a time and copy it whole.
        if let base = bytes.baseAddress {
            var j = 0
            while j + 8 <= bytes.count {
                if Self.mayNeedEscape(UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self)) { break }
                j += 8
            }
            while j < bytes.count, bytes[j] >= 0x20, bytes[j] != UInt8(ascii: "\""), bytes[j] != UInt8(ascii: "\\") { j += 1 }
            if j == bytes.count {
                out.append(contentsOf: bytes)
                return
            }
        }
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

    /// Whether any of eight bytes may be a quote, a backslash or a control character (a
    /// false alarm only sends the text to the byte loop; bytes of 0x80 and up are never flagged).
    @inline(__always) private static func mayNeedEscape(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22)
        let backslash = w ^ (ones &* 0x5C)
        let control = (w &- ones &* 0x20) & ~w
        let isQuote = (quote &- ones) & ~quote
        let isBackslash = (backslash &- ones) & ~backslash
        return (control | isQuote | isBackslash) & highs != 0
    }

    private func hexDigit(_ v: UInt8) -> UInt8 {
        v < 10 ? UInt8(ascii: "0") + v : UInt8(ascii: "a") + v - 10
    }

    /// The decimal digits of `value`, zero-padded to at least `width` (at most 20).
    private mutating func digits(_ value: UInt64, width: Int) {
        var tmp: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &tmp) { raw in
            var k = raw.count
            var v = value
            repeat {
                k -= 1
                raw[k] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
                v /= 10
            } while v > 0
            while raw.count - k < width, k > 0 {
                k -= 1
                raw[k] = UInt8(ascii: "0")
            }
            append(raw, k..<raw.count)
        }
    }

    /// Appends bytes formed in a stack buffer, in one copy.
    @inline(__always)
    private mutating func append(_ raw: UnsafeMutableRawBufferPointer, _ range: Range<Int>) {
        guard let base = raw.baseAddress else { return }
        out.append(contentsOf: UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self) + range.lowerBound, count: range.count))
    }
}
