/// Whether an input is one JSON document or JSON Lines, told from its bytes (see
/// ``InputShape/Detector``).
///
/// The rule (also in `evaluate --help` and the README): an input is **one document** when it
/// is one JSON object or array spread over more than one line (a pretty-printed snapshot):
/// its first non-blank line opens a value that does not close on that line, and the whole
/// input parses as that one value, with only whitespace after it. Anything else is **JSON
/// Lines**, one record per line: a first line that holds a whole value, and also a first line
/// that is damaged (cut short, so that what follows does not continue it as JSON), input
/// that is not JSON, and input of blank lines only. Files named `*.jsonl` or `*.ndjson`, and
/// every input under `--jsonl`, are JSON Lines whatever they hold.
///
/// So a stream never loses its lines to the shape: a JSON Lines stream whose first line is
/// damaged is still read line by line, and every line gets its record. And a complete first
/// line is never held back: the shape is known as soon as the line's value closes.
enum InputShape {
    case document
    case lines

    static func isBlank(_ byte: UInt8) -> Bool {
        JSONSyntaxScanner.isWhitespace(byte)
    }
}

extension InputShape {
    /// Reads the start of `input` until its shape is known: the shape, the bytes read (less a
    /// UTF-8 byte order mark, which some Windows tools write), and whether that was all.
    /// `evaluate` and `diff` read their inputs alike through this.
    static func read(_ input: InputFile, forceLines: Bool, maxBytes: Int,
                     chunk: inout [UInt8]) throws(IOFailure) -> (shape: InputShape, prefix: [UInt8], atEnd: Bool) {
        var prefix: [UInt8] = []
        var atEnd = false
        // Read only while the bytes could still be a byte order mark, so that a short first
        // line is not held back.
        let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
        repeat {
            let count = try input.read(into: &chunk)
            atEnd = count == 0
            prefix += chunk[..<count]
        } while !atEnd && prefix.count < 3 && byteOrderMark.starts(with: prefix)
        if prefix.starts(with: byteOrderMark) { prefix.removeFirst(3) }
        if forceLines || input.isNamedJSONLines { return (.lines, prefix, atEnd) }
        var detector = Detector(maxBytes: maxBytes)
        if let shape = detector.feed(prefix[...]) { return (shape, prefix, atEnd) }
        while !atEnd {
            let count = try input.read(into: &chunk)
            atEnd = count == 0
            prefix += chunk[..<count]
            if let shape = detector.feed(chunk[..<count]) { return (shape, prefix, atEnd) }
        }
        return (detector.finish(), prefix, atEnd)
    }
}
