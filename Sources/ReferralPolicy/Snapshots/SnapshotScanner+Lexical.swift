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
        let names = Fields.names
        let hint = Suggestion.closest(to: name, among: names).map { "; did you mean `\($0)`?" }
            ?? Suggestion.help(for: name, among: Array(names.prefix(Fields.listed))).map { "; " + $0 } ?? ""
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
