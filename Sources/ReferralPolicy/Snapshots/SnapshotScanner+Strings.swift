/// The scanner's strings: found eight bytes at a time, escapes decoded onto the arena, UTF-8
/// checked, and where a string's text is (``TextRef``).
extension SnapshotScanner {
    // MARK: - Strings

    /// At an opening quote: scans the string, checking escapes, UTF-8 and control characters.
    mutating func scanString() throws(EvaluationError) -> Span {
        let start = i + 1
        var j = start
        var ascii = true
        // Eight bytes at a time to the first byte that needs a look (see `flags`): the lowest
        // flagged byte is exact, and the usual string ends right there, at its quote.
        if let base = b.baseAddress {
            while j + 8 <= n {
                let flagged = Self.flags(UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
                if flagged == 0 {
                    j += 8
                    continue
                }
                j += flagged.trailingZeroBitCount >> 3
                if b[j] == UInt8(ascii: "\"") {
                    i = j + 1
                    return Span(start: start, end: j, escaped: false, arenaStart: 0, ascii: true)
                }
                break
            }
        }
        while j < n {
            let c = b[j]
            if c >= 0x20, c < 0x80, c != UInt8(ascii: "\""), c != UInt8(ascii: "\\") {
                j += 1
                continue
            }
            i = j
            if c == UInt8(ascii: "\"") {
                i += 1
                return Span(start: start, end: j, escaped: false, arenaStart: 0, ascii: ascii)
            }
            if c == UInt8(ascii: "\\") {
                let arenaStart = facts.arena.count
                facts.arena.append(contentsOf: UnsafeBufferPointer(rebasing: b[start..<i]))
                return try scanEscaped(from: start, arenaStart: arenaStart, ascii: ascii)
            }
            if c < 0x20 { throw controlCharacter(c) }
            try skipUTF8Sequence()
            ascii = false
            j = i
        }
        i = j
        throw truncated()
    }

    /// Whether any of eight bytes is a quote, a backslash, a control character or non-ASCII.
    /// (Classic SWAR tests: a set high bit in the result flags such a byte; a byte above a
    /// flagged one may be flagged wrongly, which only sends the word to the byte loop.)
    @inline(__always) static func needsLook(_ w: UInt64) -> Bool {
        flags(w) != 0
    }

    /// The high bit of each byte that is a quote, a backslash, a control character or not
    /// ASCII: exact for the lowest such byte (bytes above it may be flagged wrongly).
    @inline(__always) static func flags(_ w: UInt64) -> UInt64 {
        (w & 0x8080_8080_8080_8080) | TextBytes.escapeFlags(w)
    }

    /// The rest of a string that holds escapes, decoded onto the end of the arena.
    mutating func scanEscaped(from start: Int, arenaStart: Int, ascii: Bool) throws(EvaluationError) -> Span {
        var ascii = ascii
        while i < n {
            let c = b[i]
            switch c {
            case UInt8(ascii: "\""):
                i += 1
                return Span(start: start, end: i - 1, escaped: true, arenaStart: arenaStart, ascii: ascii)
            case UInt8(ascii: "\\"):
                if try unescape() >= 0x80 { ascii = false }
            case ..<0x20:
                throw controlCharacter(c)
            case ..<0x80:
                facts.arena.append(c)
                i += 1
            default:
                let from = i
                try skipUTF8Sequence()
                facts.arena.append(contentsOf: UnsafeBufferPointer(rebasing: b[from..<i]))
                ascii = false
            }
        }
        throw truncated()
    }

    /// At a backslash: appends the escaped character to the arena; returns its scalar value.
    @discardableResult
    mutating func unescape() throws(EvaluationError) -> UInt32 {
        let at = i
        i += 1
        guard i < n else { throw truncated() }
        let c = b[i]
        i += 1
        switch c {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): facts.arena.append(c)
        case UInt8(ascii: "b"): facts.arena.append(0x08)
        case UInt8(ascii: "f"): facts.arena.append(0x0C)
        case UInt8(ascii: "n"): facts.arena.append(0x0A)
        case UInt8(ascii: "r"): facts.arena.append(0x0D)
        case UInt8(ascii: "t"): facts.arena.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try hex4()
            if scalar >= 0xD800, scalar <= 0xDBFF {
                guard n - i >= 2, b[i] == UInt8(ascii: "\\"), b[i + 1] == UInt8(ascii: "u") else {
                    if n - i < 2 { throw truncated() }
                    throw EvaluationError(.invalidJSON, "unpaired surrogate `\\u\(rawText(at + 2..<at + 6))` at byte \(at)")
                }
                i += 2
                let low = try hex4()
                guard low >= 0xDC00, low <= 0xDFFF else {
                    throw EvaluationError(.invalidJSON, "unpaired surrogate `\\u\(rawText(at + 2..<at + 6))` at byte \(at)")
                }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if scalar >= 0xDC00, scalar <= 0xDFFF {
                throw EvaluationError(.invalidJSON, "unpaired surrogate `\\u\(rawText(at + 2..<at + 6))` at byte \(at)")
            }
            appendUTF8(scalar)
            return scalar
        default:
            throw EvaluationError(.invalidJSON, "invalid escape at byte \(at)")
        }
        return UInt32(c)
    }

    mutating func hex4() throws(EvaluationError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard i < n else { throw truncated() }
            let c = b[i]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - 48
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - 87
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - 55
            default: throw EvaluationError(.invalidJSON, "expected 4 hex digits after `\\u` at byte \(i)")
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }

    mutating func appendUTF8(_ v: UInt32) {
        switch v {
        case ..<0x80:
            facts.arena.append(UInt8(v))
        case ..<0x800:
            facts.arena.append(UInt8(0xC0 | v >> 6))
            facts.arena.append(UInt8(0x80 | v & 0x3F))
        case ..<0x10000:
            facts.arena.append(UInt8(0xE0 | v >> 12))
            facts.arena.append(UInt8(0x80 | v >> 6 & 0x3F))
            facts.arena.append(UInt8(0x80 | v & 0x3F))
        default:
            facts.arena.append(UInt8(0xF0 | v >> 18))
            facts.arena.append(UInt8(0x80 | v >> 12 & 0x3F))
            facts.arena.append(UInt8(0x80 | v >> 6 & 0x3F))
            facts.arena.append(UInt8(0x80 | v & 0x3F))
        }
    }

    /// At a byte ≥ 0x80: checks one well-formed UTF-8 sequence (no overlongs, no surrogates,
    /// nothing past U+10FFFF) and steps over it.
    mutating func skipUTF8Sequence() throws(EvaluationError) {
        let c = b[i]
        let count: Int
        var low: UInt8 = 0x80, high: UInt8 = 0xBF  // range of the second byte
        switch c {
        case 0xC2...0xDF: count = 2
        case 0xE0: count = 3; low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: count = 3
        case 0xED: count = 3; high = 0x9F
        case 0xF0: count = 4; low = 0x90
        case 0xF1...0xF3: count = 4
        case 0xF4: count = 4; high = 0x8F
        default: throw invalidUTF8()
        }
        for k in 1..<count {
            guard i + k < n else { throw truncated() }
            let d = b[i + k]
            if k == 1 ? (d < low || d > high) : (d & 0xC0 != 0x80) { throw invalidUTF8() }
        }
        i += count
    }

    /// A string's text.
    func text(_ span: Span) -> String {
        span.escaped ? String(decoding: facts.arena[span.arenaStart...], as: UTF8.self) : rawText(span.start..<span.end)
    }

    /// Runs `body` with a string's bytes.
    func withBytes<R>(_ span: Span, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if span.escaped {
            return facts.arena.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[span.arenaStart...])) }
        }
        return body(UnsafeBufferPointer(rebasing: b[span.start..<span.end]))
    }

    /// Where a scanned string's text is, in the input or in the arena.
    @inline(__always) mutating func ref(_ span: Span) -> TextRef {
        span.escaped
            ? TextRef(start: Int32(span.arenaStart), count: Int32(facts.arena.count - span.arenaStart), ascii: span.ascii, inArena: true)
            : TextRef(start: Int32(span.start), count: Int32(span.end - span.start), ascii: span.ascii, inArena: false)
    }

    func rawText(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[range]), as: UTF8.self)
    }

    /// Whether a scanned key is `name`.
    @inline(__always) mutating func matches(_ span: Span, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        let p = name.utf8Start
        if span.escaped {
            guard facts.arena.count - span.arenaStart == count else { return false }
            for k in 0..<count where facts.arena[span.arenaStart + k] != p[k] { return false }
        } else {
            guard span.end - span.start == count else { return false }
            for k in 0..<count where b[span.start + k] != p[k] { return false }
        }
        return true
    }
}
