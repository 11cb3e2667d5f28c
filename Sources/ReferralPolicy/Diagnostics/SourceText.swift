/// A policy file's text with a table of where each line starts and ends, built once, so that
/// the line of any ``SourceLocation`` is found by index: rendering N diagnostics of one file
/// costs the length of the file once plus the lines quoted, not N scans of the text.
///
/// Lines break where the YAML parser (libyaml, through Yams) breaks them, so line numbers
/// agree: at LF, CR LF, a lone CR, and NEL, LS and PS (U+0085, U+2028, U+2029).
package struct SourceText: Sendable {
    /// The whole text.
    package let text: String
    /// UTF-8 offset of the first byte of each line.
    private let starts: [Int]
    /// UTF-8 offset of each line's line break (the text's length for the last line).
    private let ends: [Int]

    package init(_ text: String) {
        self.text = text
        var starts = [0]
        var ends: [Int] = []
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            var width = 0
            switch bytes[i] {
            case 0x0A: width = 1
            case 0x0D: width = i + 1 < bytes.count && bytes[i + 1] == 0x0A ? 2 : 1
            case 0xC2 where i + 1 < bytes.count && bytes[i + 1] == 0x85: width = 2
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9): width = 3
            default: break
            }
            if width > 0 {
                ends.append(i)
                starts.append(i + width)
                i += width
            } else {
                i += 1
            }
        }
        ends.append(bytes.count)
        self.starts = starts
        self.ends = ends
    }

    /// How many lines the text has (a text ending in a line break has an empty last line).
    package var lineCount: Int { starts.count }

    /// Line `number` (1-based), without its line break; nil outside the text.
    package func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= starts.count else { return nil }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: starts[number - 1])
        let end = utf8.index(utf8.startIndex, offsetBy: ends[number - 1])
        return Substring(utf8[start..<end])
    }
}
