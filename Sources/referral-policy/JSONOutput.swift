/// A small JSON writer for the CLI's own documents (diagnostics, summaries): keys in the
/// order written, compact or pretty like the library's decisions (two-space indent, `": "`).
struct JSONOutput {
    private(set) var text = ""
    let pretty: Bool
    private var depth = 0
    private var needsComma = false

    init(pretty: Bool) {
        self.pretty = pretty
    }

    mutating func beginObject() { open("{") }
    mutating func endObject() { close("}") }
    mutating func beginArray() { open("[") }
    mutating func endArray() { close("]") }

    mutating func key(_ name: String) {
        separate()
        string(name)
        text += pretty ? ": " : ":"
    }

    mutating func element() { separate() }

    mutating func string(_ value: String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    mutating func integer(_ value: some BinaryInteger) { text += String(value) }

    /// A number or literal written as given (`100.0`, `true`).
    mutating func raw(_ literal: String) { text += literal }

    mutating func boolean(_ value: Bool) { text += value ? "true" : "false" }

    private mutating func open(_ bracket: String) {
        text += bracket
        depth += 1
        needsComma = false
    }

    private mutating func close(_ bracket: String) {
        depth -= 1
        if pretty, needsComma { newline() }
        text += bracket
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { text += "," }
        if pretty { newline() }
        needsComma = true
    }

    private mutating func newline() {
        text += "\n" + String(repeating: " ", count: 2 * depth)
    }
}
