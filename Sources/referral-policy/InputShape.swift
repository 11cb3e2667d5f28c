/// Whether an input is one JSON document or JSON Lines, told from its first bytes.
///
/// The rule (also in `evaluate --help`): an input is **one document** when its first
/// non-blank line opens a JSON object or array that does not close on that line (a
/// pretty-printed snapshot), or when it has only one non-blank line. Otherwise — a second
/// non-blank line follows a first line that does not open a multi-line document — it is
/// **JSON Lines**. Files named `*.jsonl` or `*.ndjson`, and every input under `--jsonl`,
/// are JSON Lines whatever they hold.
enum InputShape {
    case document
    case lines

    /// The shape of an input that begins with `prefix`, or nil when more bytes are needed
    /// to tell (`atEnd`: `prefix` is the whole input).
    static func detect(_ prefix: ArraySlice<UInt8>, atEnd: Bool) -> InputShape? {
        guard let first = prefix.firstIndex(where: { !isBlank($0) }) else { return atEnd ? .document : nil }
        guard let newline = prefix[first...].firstIndex(of: UInt8(ascii: "\n")) else { return atEnd ? .document : nil }
        if opensDocument(prefix[first..<newline]) { return .document }
        if prefix[(newline + 1)...].contains(where: { !isBlank($0) }) { return .lines }
        return atEnd ? .document : nil
    }

    /// True when `line` starts a JSON object or array that is still open at the line's end.
    static func opensDocument(_ line: ArraySlice<UInt8>) -> Bool {
        guard let first = line.first, first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return false }
        var depth = 0
        var inString = false
        var escaped = false
        for byte in line {
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            default: break
            }
        }
        return depth > 0
    }

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") || byte == UInt8(ascii: "\n")
    }
}
