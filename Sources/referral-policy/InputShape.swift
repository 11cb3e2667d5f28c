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
