extension InputShape {
    /// Tells an input's shape from its bytes, fed as they are read: ``feed(_:)`` returns the
    /// shape as soon as the bytes so far decide it, ``finish()`` at the end of the input.
    ///
    /// - Blank bytes before the first non-blank one wait (a document may follow them).
    /// - A first non-blank byte other than `{` or `[` means JSON Lines at once.
    /// - Then the bytes are followed as JSON (``JSONSyntaxScanner``): a value that closes on
    ///   the first line, or bytes that cannot continue the value (a damaged first line and the
    ///   line after it), mean JSON Lines at once. A value still open at the first line's end is
    ///   a document if it closes and only whitespace follows it up to the end of the input.
    /// - Past `maxBytes` bytes without an answer: a document when the value spans lines (it
    ///   is too large, and gets one `too_large` record), else JSON Lines (one line too long).
    struct Detector {
        let maxBytes: Int
        private var scanner = JSONSyntaxScanner()
        /// A non-blank byte has been seen: the scanner reads from it on.
        private var started = false
        /// A line break came after the first non-blank byte while the value was open.
        private var spansLines = false
        private var count = 0

        init(maxBytes: Int) {
            self.maxBytes = maxBytes
        }

        mutating func feed(_ bytes: ArraySlice<UInt8>) -> InputShape? {
            var rest = bytes
            if !started {
                guard let first = rest.firstIndex(where: { !InputShape.isBlank($0) }) else {
                    count += rest.count
                    return count > maxBytes ? .lines : nil
                }
                guard rest[first] == UInt8(ascii: "{") || rest[first] == UInt8(ascii: "[") else { return .lines }
                started = true
                count += first - rest.startIndex
                rest = rest[first...]
            }
            if !spansLines {
                // The first line: JSON Lines when its value closes on it (or it is not JSON).
                let end = rest.firstIndex(of: UInt8(ascii: "\n")) ?? rest.endIndex
                if scanner.feed(rest[..<end]) != .open { return .lines }
                count += end - rest.startIndex
                guard end < rest.endIndex else { return count > maxBytes ? .lines : nil }
                spansLines = true
                rest = rest[end...]
            }
            count += rest.count
            if scanner.feed(rest) == .invalid { return .lines }
            return count > maxBytes ? .document : nil
        }

        /// The shape once the whole input has been fed.
        mutating func finish() -> InputShape {
            started && spansLines && scanner.finish() == .complete ? .document : .lines
        }
    }
}
