/// The scanner's lexical layer: objects and arrays, values, strings, whitespace and errors.
extension SnapshotScanner {
    // MARK: - Objects and arrays

    var amountKey: String { aliased ? "amount_cents" : "amount_minor" }

    /// Reads a field name and its `:`, and returns the field's index in `Fields`.
    /// Unknown and repeated names are errors; an alias gives its field's index.
    mutating func field<Fields: WireFields>(_ fields: Fields.Type, _ ctx: SnapshotContext,
                                                    _ seen: inout UInt32) throws(EvaluationError) -> Int {
        let span = try key()
        var found = -1
        let length = span.end - span.start
        if !span.escaped, length <= 16, let base = b.baseAddress {
            // The usual key: its words against each name's, a few compares each.
            var key = KeyWords(w0: 0, w1: 0, count: length)
            if span.start + 16 <= n {
                let p = UnsafeRawPointer(base + span.start)
                let w0 = p.loadUnaligned(as: UInt64.self), w1 = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
                key.w0 = length >= 8 ? w0 : w0 & ((1 << (UInt64(length) << 3)) &- 1)
                key.w1 = length >= 16 ? w1 : length <= 8 ? 0 : w1 & ((1 << (UInt64(length - 8) << 3)) &- 1)
            } else {
                withUnsafeMutableBytes(of: &key.w0) { raw in for j in 0..<min(8, length) { raw[j] = b[span.start + j] } }
                if length > 8 { withUnsafeMutableBytes(of: &key.w1) { raw in for j in 8..<length { raw[j - 8] = b[span.start + j] } } }
            }
            found = Fields.index(of: key)
        } else {
            for k in 0..<Fields.count where matches(span, Fields.name(k)) {
                found = k
                break
            }
        }
        guard found >= 0 else { return try notAField(span, Fields.self, ctx) }
        var index = found
        aliased = false
        let aliasBit: UInt32 = 1 << 31  // set when the aliased field was written under its other name
        if let alias = Fields.alias, found == alias.from {
            index = alias.to
            aliased = true
        }
        let bit: UInt32 = 1 << UInt32(index)
        if seen & bit != 0 { throw Self.duplicate(Fields.self, found: found, index: index, seen: seen, aliased: aliased, ctx) }
        seen |= bit
        if aliased { seen |= aliasBit }
        return index
    }

    @inline(never)
    static func duplicate<Fields: WireFields>(_ fields: Fields.Type, found: Int, index: Int, seen: UInt32, aliased: Bool,
                                              _ ctx: SnapshotContext) -> EvaluationError {
        let aliasBit: UInt32 = 1 << 31
        let written = "\(Fields.name(found))"
        var message = "duplicate field `\(written)`"
        if let alias = Fields.alias, index == alias.to, (seen & aliasBit != 0) != aliased {
            message = "duplicate field: `\(Fields.name(alias.from))` is another name for `\(Fields.name(alias.to))`"
        }
        return EvaluationError(.invalidSnapshot, message, path: ctx.path(written))
    }

    /// A key that names no field of `Fields`: a declared flat attribute (-1), or an error.
    @inline(never)
    mutating func notAField<Fields: WireFields>(_ span: Span, _ fields: Fields.Type, _ ctx: SnapshotContext) throws(EvaluationError) -> Int {
        if let flat, let table = ctx.isReferrer ? flat.referrer : ctx.isReferee ? flat.referee : nil,
           withBytes(span, { table.index(of: $0, ascii: span.ascii) }) != nil {
            flatName = span
            return -1
        }
        let name = text(span)
        let hint = Suggestion.help(for: name, among: Fields.names).map { "; " + $0 } ?? ""
        throw EvaluationError(.invalidSnapshot, "unknown field `\(Self.snippet(name))`\(hint)", path: ctx.path(name))
    }

    func missing(_ ctx: SnapshotContext, _ name: String) -> EvaluationError {
        EvaluationError(.invalidSnapshot, "missing field `\(name)`", path: ctx.path(name))
    }

    /// At a value that must be an object: consumes its `{`.
    mutating func beginObject(at path: @autoclosure () -> String?) throws(EvaluationError) {
        skipWhitespace()
        guard i < n, b[i] == UInt8(ascii: "{") else { throw typeError("an object", path()) }
        i += 1
    }

    /// At a value that must be an array: consumes its `[`.
    mutating func beginArray(at path: @autoclosure () -> String) throws(EvaluationError) {
        skipWhitespace()
        guard i < n, b[i] == UInt8(ascii: "[") else { throw typeError("an array", path()) }
        i += 1
    }

    /// After `{`: false (and consumes `}`) when the object is empty.
    mutating func openObject() throws(EvaluationError) -> Bool {
        skipWhitespace()
        guard i < n else { throw truncated() }
        if b[i] == UInt8(ascii: "}") {
            i += 1
            return false
        }
        return true
    }

    /// After `[`: false (and consumes `]`) when the array is empty.
    mutating func openArray() throws(EvaluationError) -> Bool {
        skipWhitespace()
        guard i < n else { throw truncated() }
        if b[i] == UInt8(ascii: "]") {
            i += 1
            return false
        }
        return true
    }

    /// After a member's value: true at `,`, false at the closing `}`.
    mutating func nextMember() throws(EvaluationError) -> Bool {
        skipWhitespace()
        guard i < n else { throw truncated() }
        switch b[i] {
        case UInt8(ascii: ","): i += 1; return true
        case UInt8(ascii: "}"): i += 1; return false
        default: throw EvaluationError(.invalidJSON, "expected `,` or `}` at byte \(i)")
        }
    }

    /// After an element: true at `,`, false at the closing `]`.
    mutating func nextElement() throws(EvaluationError) -> Bool {
        skipWhitespace()
        guard i < n else { throw truncated() }
        switch b[i] {
        case UInt8(ascii: ","): i += 1; return true
        case UInt8(ascii: "]"): i += 1; return false
        default: throw EvaluationError(.invalidJSON, "expected `,` or `]` at byte \(i)")
        }
    }

    /// Reads `"name":`.
    mutating func key() throws(EvaluationError) -> Span {
        skipWhitespace()
        guard i < n else { throw truncated() }
        guard b[i] == UInt8(ascii: "\"") else { throw EvaluationError(.invalidJSON, "expected a field name in quotes at byte \(i)") }
        let span = try scanString()
        skipWhitespace()
        guard i < n else { throw truncated() }
        guard b[i] == UInt8(ascii: ":") else { throw EvaluationError(.invalidJSON, "expected `:` at byte \(i)") }
        i += 1
        return span
    }

    // MARK: - Values

    mutating func string(at path: @autoclosure () -> String) throws(EvaluationError) -> TextRef {
        skipWhitespace()
        guard i < n, b[i] == UInt8(ascii: "\"") else { throw typeError("text", path()) }
        let span = try scanString()  // before `ref`, which reads the arena
        return ref(span)
    }

    mutating func optionalString(at path: @autoclosure () -> String) throws(EvaluationError) -> TextRef {
        guard try !null(orExpected: "text", at: path()) else { return .missing }
        return try string(at: path())
    }

    mutating func instant(at path: @autoclosure () -> String) throws(EvaluationError) -> Instant {
        skipWhitespace()
        guard i < n, b[i] == UInt8(ascii: "\"") else { throw typeError(Self.instantExample, path()) }
        let span = try scanString()
        let parsed: Instant?
        if span.escaped {
            parsed = facts.arena.withUnsafeBytes { Instant.parse(bytes: UnsafeRawBufferPointer(rebasing: $0[span.arenaStart...]), allowDateOnly: false) }
        } else if span.end - span.start == 20, let at = zulu(span.start) {
            parsed = at
        } else {
            parsed = Instant.parse(bytes: UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(b)[span.start..<span.end]),
                                   allowDateOnly: false)
        }
        guard let parsed else {
            throw EvaluationError(.invalidSnapshot, "expected \(Self.instantExample), found `\(Self.snippet(text(span)))`", path: path())
        }
        return parsed
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` at `at`, the form exporters write, read without a detour; nil
    /// sends anything else (or an impossible date) to ``Instant/parse(bytes:allowDateOnly:)``.
    mutating func zulu(_ at: Int) -> Instant? {
        @inline(__always) func digit(_ k: Int) -> Int64? {
            let d = b[at + k] &- 48
            return d < 10 ? Int64(d) : nil
        }
        guard b[at + 4] == UInt8(ascii: "-"), b[at + 7] == UInt8(ascii: "-"), b[at + 10] == UInt8(ascii: "T"),
              b[at + 13] == UInt8(ascii: ":"), b[at + 16] == UInt8(ascii: ":"), b[at + 19] == UInt8(ascii: "Z"),
              let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              let mo0 = digit(5), let mo1 = digit(6), let d0 = digit(8), let d1 = digit(9),
              let h0 = digit(11), let h1 = digit(12), let mi0 = digit(14), let mi1 = digit(15),
              let s0 = digit(17), let s1 = digit(18) else { return nil }
        let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
        let month = mo0 * 10 + mo1, day = d0 * 10 + d1
        let hour = h0 * 10 + h1, minute = mi0 * 10 + mi1, second = s0 * 10 + s1
        guard month >= 1, month <= 12, hour <= 23, minute <= 59, second <= 59 else { return nil }
        // The instants of one snapshot mostly fall in a few months: remember the last one.
        let key = year &* 16 &+ month
        if key != lastMonth {
            guard year >= 1 else { return nil }
            lastMonth = key
            lastMonthStart = Instant.days(fromCivil: year, month, 1)
            lastMonthDays = Instant.daysInMonth(year: year, month: month)
        }
        guard day >= 1, day <= lastMonthDays else { return nil }
        let days = lastMonthStart + day - 1
        return Instant(secondsSinceEpoch: days * Instant.secondsPerDay + hour * 3600 + minute * 60 + second)
    }

    mutating func boolean(at path: @autoclosure () -> String) throws(EvaluationError) -> Bool {
        if literal("true") { return true }
        if literal("false") { return false }
        throw typeError("`true` or `false`", path())
    }

    /// Consumes `null` and returns true; returns false at any other value (consuming nothing).
    /// `expected` names what else the value may be, for the error when it is no value at all.
    mutating func null(orExpected expected: String, at path: @autoclosure () -> String) throws(EvaluationError) -> Bool {
        skipWhitespace()
        guard i < n else { throw truncated() }
        guard b[i] == UInt8(ascii: "n") else { return false }
        if literal("null") { return true }
        throw typeError(expected, path())
    }

    mutating func optionalInteger(_ expected: String, at path: @autoclosure () -> String) throws(EvaluationError) -> Int64? {
        guard try !null(orExpected: expected, at: path()) else { return nil }
        return try integer(expected, at: path())
    }

    /// An exact Int64. A JSON number with a fraction or an exponent, or one out of range, is
    /// an `invalid_snapshot`; a malformed number is `invalid_json`.
    mutating func integer(_ expected: String, at path: @autoclosure () -> String) throws(EvaluationError) -> Int64 {
        skipWhitespace()
        guard i < n else { throw truncated() }
        let start = i
        let negative = b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        guard i < n else { throw truncated() }
        guard isDigit(b[i]) else {
            if negative { throw EvaluationError(.invalidJSON, "expected a digit at byte \(i)") }
            throw typeError(expected, path())
        }
        // Accumulate negatively so Int64.min fits.
        var value: Int64 = 0
        var overflow = false
        if b[i] == UInt8(ascii: "0") {
            i += 1
            if i < n, isDigit(b[i]) { throw EvaluationError(.invalidJSON, "numbers do not start with `0` at byte \(start)") }
        } else {
            while i < n, isDigit(b[i]) {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.subtractingReportingOverflow(Int64(b[i] &- 48))
                if o1 || o2 { overflow = true } else { value = s }
                i += 1
            }
        }
        var whole = true
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            try digits()
            whole = false
        }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            try digits()
            whole = false
        }
        if !whole {
            throw EvaluationError(.invalidSnapshot, "expected \(expected), found `\(Self.snippet(rawText(start..<i)))`", path: path())
        }
        if !negative {
            if value == .min { overflow = true } else { value = -value }
        }
        if overflow {
            throw EvaluationError(.invalidSnapshot, "`\(Self.snippet(rawText(start..<i)))` does not fit in a 64-bit integer", path: path())
        }
        return value
    }

    /// One or more digits (of a fraction or an exponent).
    mutating func digits() throws(EvaluationError) {
        guard i < n else { throw truncated() }
        guard isDigit(b[i]) else { throw EvaluationError(.invalidJSON, "expected a digit at byte \(i)") }
        while i < n, isDigit(b[i]) { i += 1 }
    }

    @inline(__always) func isDigit(_ c: UInt8) -> Bool { c &- 48 < 10 }

    /// Consumes `word` when the input holds it here.
    mutating func literal(_ word: StaticString) -> Bool {
        guard hasLiteral(word) else { return false }
        i += word.utf8CodeUnitCount
        return true
    }

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
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22)
        let backslash = w ^ (ones &* 0x5C)
        let control = (w &- ones &* 0x20) & ~w
        let isQuote = (quote &- ones) & ~quote
        let isBackslash = (backslash &- ones) & ~backslash
        return (w | control | isQuote | isBackslash) & highs
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

    // MARK: - Whitespace and errors

    @inline(__always) mutating func skipWhitespace() {
        while i < n {
            switch b[i] {
            case 0x20, 0x0A, 0x0D, 0x09: i += 1
            default: return
            }
        }
    }

    func truncated() -> EvaluationError {
        EvaluationError(.invalidJSON, "unexpected end of input (truncated?)")
    }

    func controlCharacter(_ c: UInt8) -> EvaluationError {
        let hex = String(c, radix: 16, uppercase: true)
        return EvaluationError(.invalidJSON, "control character U+\(String(repeating: "0", count: 4 - hex.count))\(hex) in text at byte \(i); write it as an escape")
    }

    func invalidUTF8() -> EvaluationError {
        EvaluationError(.invalidJSON, "invalid UTF-8 at byte \(i)")
    }

    /// At a value of the wrong kind: "expected text, found a number". A value that is not
    /// JSON at all is an `invalid_json` error instead.
    func typeError(_ expected: String, _ path: String?) -> EvaluationError {
        guard i < n else { return truncated() }
        let found: String
        switch b[i] {
        case UInt8(ascii: "\""): found = "text"
        case UInt8(ascii: "{"): found = "an object"
        case UInt8(ascii: "["): found = "an array"
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): found = "a number"
        case UInt8(ascii: "t"): found = "`true`"
        case UInt8(ascii: "f"): found = "`false`"
        case UInt8(ascii: "n"): found = "`null`"
        default: return EvaluationError(.invalidJSON, "expected a value at byte \(i)")
        }
        if found.hasPrefix("`") {
            let word: StaticString = b[i] == UInt8(ascii: "t") ? "true" : b[i] == UInt8(ascii: "f") ? "false" : "null"
            if !hasLiteral(word) {
                return n - i < word.utf8CodeUnitCount && startsLiteral(word)
                    ? truncated() : EvaluationError(.invalidJSON, "expected a value at byte \(i)")
            }
        }
        return EvaluationError(.invalidSnapshot, "expected \(expected), found \(found)", path: path)
    }

    /// True when the input holds `word` at `i`.
    @inline(__always) func hasLiteral(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard n - i >= count else { return false }
        let p = word.utf8Start
        for k in 0..<count where b[i + k] != p[k] { return false }
        return true
    }

    /// True when what is left of the input is the start of `word`.
    func startsLiteral(_ word: StaticString) -> Bool {
        let p = word.utf8Start
        for k in 0..<min(n - i, word.utf8CodeUnitCount) where b[i + k] != p[k] { return false }
        return true
    }

    /// The user's text in a message, cut short when long.
    static func snippet(_ s: String) -> String {
        guard let cut = s.index(s.startIndex, offsetBy: 40, limitedBy: s.endIndex), cut < s.endIndex else { return s }
        return String(s[..<cut]) + "…"
    }
}
