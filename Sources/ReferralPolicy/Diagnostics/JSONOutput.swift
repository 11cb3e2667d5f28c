/// A small JSON writer for the documents that are not decisions (diagnostics, SARIF, test
/// reports, the CLI's summaries): keys in the order written, compact or pretty like the
/// library's decisions (two-space indent, `": "`). Every character ``TerminalText`` escapes
/// (control characters, DEL, the C1 controls, U+2028/U+2029, bidirectional overrides) is
/// written as a `\u` escape, so a document printed to a terminal cannot act on it.
package struct JSONOutput {
    package private(set) var text = ""
    package let pretty: Bool
    private var depth = 0
    private var needsComma = false

    package init(pretty: Bool) {
        self.pretty = pretty
    }

    package mutating func beginObject() { open("{") }
    package mutating func endObject() { close("}") }
    package mutating func beginArray() { open("[") }
    package mutating func endArray() { close("]") }

    package mutating func key(_ name: String) {
        separate()
        string(name)
        text += pretty ? ": " : ":"
    }

    package mutating func element() { separate() }

    package mutating func string(_ value: String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case _ where scalar.value < 0x20 || TerminalText.needsEscape(scalar):
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }

    package mutating func integer(_ value: some BinaryInteger) { text += String(value) }

    /// A number or literal written as given (`100.0`, `true`).
    package mutating func raw(_ literal: String) { text += literal }

    package mutating func boolean(_ value: Bool) { text += value ? "true" : "false" }

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
