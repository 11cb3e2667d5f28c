/// Cheap checks on the raw policy text before the YAML parser sees it: size, line length,
/// control characters and bracket nesting. They keep the parser's time, memory and stack
/// bounded whatever the file holds.
struct TextScreen {
    let text: String
    let limits: LoadLimits
    let file: String?

    func firstProblem() -> Diagnostic? {
        let bytes = text.utf8
        if bytes.count > limits.maxFileBytes {
            return diag(.limitExceeded, "the policy file is \(bytes.count) bytes, more than the limit of \(limits.maxFileBytes)",
                        nil, help: "split the program into smaller files, or raise `LoadLimits.maxFileBytes`")
        }
        var line = 1
        var column = 1
        var lineStart = true
        var lineBytes = 0
        var depth = 0
        var quote: UInt8 = 0  // inside '…' or "…" while in flow context
        var comment = false
        var previous: UInt8 = 10
        var lastToken: UInt8 = 10  // last byte that was not a space on this line
        var index = 0
        for byte in bytes {
            defer { index += 1 }
            if byte == 10 {
                line += 1; column = 1; lineBytes = 0; comment = false; lineStart = true; previous = byte; lastToken = 10
                continue
            }
            lineBytes += 1
            if lineBytes > limits.maxLineBytes {
                return diag(.limitExceeded, "line \(line) is longer than \(limits.maxLineBytes) bytes",
                            SourceLocation(line: line, column: 1), help: "break the value over several lines")
            }
            if byte < 32, byte != 9, byte != 13 {
                let name = byte == 0 ? "a NUL byte" : "control character U+\(String(format4(byte)))"
                return diag(.invalidText, "the file holds \(name)", SourceLocation(line: line, column: column),
                            help: "policy files are UTF-8 text; remove the character")
            }
            let c1 = previous == 0xC2 && byte >= 0x80 && byte <= 0x9F  // U+0080...U+009F
            if byte == 0x7F || c1 {
                let code = byte == 0x7F ? "007F" : "00" + String(byte, radix: 16, uppercase: true)
                return diag(.invalidText, "the file holds control character U+\(code)",
                            SourceLocation(line: line, column: byte == 0x7F ? column : column - 1),
                            help: "remove the character; policy files hold printable text")
            }
            if !comment {
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == 35, previous == 32 || previous == 9 || lineStart {  // #
                    comment = true
                } else if byte == 34 || byte == 39,
                          depth > 0 || ((previous == 32 || lineStart) && (lineStart || [58, 45, 63].contains(lastToken))) {
                    quote = byte
                } else if byte == 33, previous == 32 || previous == 9 || lineStart || [91, 123, 44].contains(previous),
                          lineStart || [58, 45, 91, 123, 44, 63].contains(lastToken) {  // ! after `: ` `- ` `[` `{` `,` `?`
                    return diag(.unsupportedYAML, "YAML tags (`!…`) are not supported", SourceLocation(line: line, column: column),
                                help: "remove the tag; policy values are plain text, numbers, true/false, lists and mappings")
                } else if byte == 91 || byte == 123 {  // [ {
                    depth += 1
                    if depth > limits.maxDepth {
                        return diag(.limitExceeded, "the policy nests deeper than \(limits.maxDepth) levels",
                                    SourceLocation(line: line, column: column),
                                    help: "a policy needs only a few levels; check the brackets")
                    }
                } else if byte == 93 || byte == 125, depth > 0 {
                    depth -= 1
                }
            }
            if byte != 32 { lineStart = false }
            if byte != 32, byte != 9 { lastToken = byte }
            previous = byte
            if byte & 0xC0 != 0x80 { column += 1 }
        }
        return nil
    }

    private func format4(_ byte: UInt8) -> String {
        let hex = String(byte, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - hex.count) + hex
    }

    private func diag(_ code: DiagnosticCode, _ message: String, _ location: SourceLocation?, help: String) -> Diagnostic {
        Diagnostic(code: code, message: message, location: location, help: help, file: file)
    }
}
