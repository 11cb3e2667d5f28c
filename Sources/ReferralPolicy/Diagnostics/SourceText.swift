/// A policy file's text with a table of where each line starts, built once, so that the line
/// of any ``SourceLocation`` is found by index: rendering N diagnostics of one file costs the
/// length of the file once plus the lines quoted, not N scans of the text.
public struct SourceText: Sendable {
    /// The whole text.
    public let text: String
    /// UTF-8 offset of the first byte of each line; lines end at `\n` (a `\r` before it is
    /// not part of the line), as the policy loader counts them.
    private let lineStarts: [Int]

    public init(_ text: String) {
        self.text = text
        var starts = [0]
        var offset = 0
        for byte in text.utf8 {
            offset += 1
            if byte == UInt8(ascii: "\n") { starts.append(offset) }
        }
        lineStarts = starts
    }

    /// How many lines the text has (a text ending in a line break has an empty last line).
    public var lineCount: Int { lineStarts.count }

    /// Line `number` (1-based), without its line break; nil outside the text.
    public func line(_ number: Int) -> Substring? {
        guard number >= 1, number <= lineStarts.count else { return nil }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[number - 1])
        var end = number < lineStarts.count ? utf8.index(utf8.startIndex, offsetBy: lineStarts[number] - 1) : utf8.endIndex
        if end > start, utf8[utf8.index(before: end)] == UInt8(ascii: "\r") { end = utf8.index(before: end) }
        return Substring(utf8[start..<end])
    }
}
