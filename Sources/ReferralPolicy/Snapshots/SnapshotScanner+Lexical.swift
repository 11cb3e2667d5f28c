/// The scanner's lexical layer: objects and arrays, values, strings, whitespace and errors.
extension SnapshotScanner {
    // MARK: - Objects and arrays

    var amountKey: String { aliased ? "amount_cents" : "amount_minor" }

    /// Reads a field name and its `:`, and returns the field's index in `Fields`.
    /// Unknown and repeated names are errors; an alias gives its field's index.
    mutating func field<Fields: WireFields>(_ fields: Fields.Type, _ ctx: SnapshotContext,
                                                    _ seen: inout UInt32) throws(EvaluationError) -> Int {
        var found = quickKey(Fields.self)
        if found < 0 {
            if flat != nil, usualFlatKey(ctx) { return -1 }  // a declared flat attribute, named in `flatName`
            found = try slowKey(Fields.self, ctx)
            if found < 0 { return -1 }  // a declared flat attribute, named in `flatName`
        }
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

    /// The usual key, `"name":` with no space and no escape, that is one of `fields`: its index,
    /// matched as words against the names' patterns (``WireFields/usualKey(_:_:)``), and `i` is
    /// past the colon. -1 for any other key, with `i` left where it was (``slowKey(_:_:)`` reads it).
    @inline(__always)
    mutating func quickKey<Fields: WireFields>(_ fields: Fields.Type) -> Int {
        var j = i
        guard let found = usualField(Fields.self, &j) else { return -1 }
        i = j
        return found
    }

    /// Any key: read as a string (escapes, spaces, long names), then looked up; a key that
    /// is not one of `fields` goes to ``notAField(_:_:_:)`` (a flat attribute, or an error).
    mutating func slowKey<Fields: WireFields>(_ fields: Fields.Type, _ ctx: SnapshotContext) throws(EvaluationError) -> Int {
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
        return found
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
    @inline(__always)
    mutating func nextMember() throws(EvaluationError) -> Bool {
        if i < n, b[i] == UInt8(ascii: ",") {  // the usual case, inlined
            i += 1
            return true
        }
        return try endOfMember()
    }

    mutating func endOfMember() throws(EvaluationError) -> Bool {
        skipWhitespace()
        guard i < n else { throw truncated() }
        switch b[i] {
        case UInt8(ascii: ","): i += 1; return true
        case UInt8(ascii: "}"): i += 1; return false
        default: throw EvaluationError(.invalidJSON, "expected `,` or `}` at byte \(i)")
        }
    }

    /// After an element: true at `,`, false at the closing `]`.
    @inline(__always)
    mutating func nextElement() throws(EvaluationError) -> Bool {
        if i < n, b[i] == UInt8(ascii: ",") {  // the usual case, inlined
            i += 1
            return true
        }
        return try endOfElement()
    }

    mutating func endOfElement() throws(EvaluationError) -> Bool {
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
        var j = i
        if let text = usualText(&j) {  // the usual shape in one step
            i = j
            return text
        }
        skipWhitespace()
        guard i < n, b[i] == UInt8(ascii: "\"") else { throw typeError("text", path()) }
        let span = try scanString()  // before `ref`, which reads the arena
        return ref(span)
    }

    mutating func optionalString(at path: @autoclosure () -> String) throws(EvaluationError) -> TextRef {
        var j = i
        if let text = usualText(&j) {  // the usual shape in one step
            i = j
            return text
        }
        guard try !null(orExpected: "text", at: path()) else { return .missing }
        return try string(at: path())
    }

    mutating func instant(at path: @autoclosure () -> String) throws(EvaluationError) -> Instant {
        var j = i
        if let at = usualInstant(&j) {  // the usual shape in one step
            i = j
            return at
        }
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
    /// The caller has checked that the 20 bytes from `at` are in the input.
    @inline(__always)
    func zulu(_ at: Int) -> Instant? {
        guard let base = b.baseAddress else { return nil }
        return Self.zulu(UnsafeRawPointer(base + at))
    }

    /// ``zulu(_:)`` on the 20 bytes at `p` (static: a call passes the pointer, not the scanner).
    @inline(__always)
    static func zulu(_ p: UnsafeRawPointer) -> Instant? {
        // Three loads: `YYYY-MM-`, `DDTHH:MM`, `:SSZ`, each XORed with the form (`0` at a digit,
        // the separator at its place), so a digit becomes its value and a separator 0. Then a
        // byte is right when adding 0x76 (a digit: at most 9) or 0x7F (a separator: 0) leaves
        // its high bit clear, and so was it before: one test for all 20 bytes. (A byte whose
        // sum carries into the next one is wrong itself, so the carry changes no answer.)
        let x0 = p.loadUnaligned(as: UInt64.self) ^ 0x2D30_302D_3030_3030  // `0000-00-`
        let x1 = p.loadUnaligned(fromByteOffset: 8, as: UInt64.self) ^ 0x3030_3A30_3054_3030  // `00T00:00`
        let x2 = UInt64(p.loadUnaligned(fromByteOffset: 16, as: UInt32.self)) ^ 0x5A30_303A  // `:00Z`
        let high: UInt64 = 0x8080_8080_8080_8080
        guard ((x0 &+ 0x7F76_767F_7676_7676) | x0 | (x1 &+ 0x7676_7F76_767F_7676) | x1
               | (x2 &+ 0x7F76_767F) | x2) & high == 0 else { return nil }
        // Two digits at a time: byte k of `pairs(x)` is 10 × digit k + digit k + 1 (at most
        // 9 × 10 + 9 < 256, so no byte carries into the next; separators are 0).
        @inline(__always) func pairs(_ x: UInt64) -> UInt64 { x &* 10 &+ (x >> 8) }
        @inline(__always) func pair(_ p: UInt64, _ k: UInt64) -> UInt64 { (p >> (k << 3)) & 0xFF }
        let p0 = pairs(x0), p1 = pairs(x1), p2 = pairs(x2)
        let year = pair(p0, 0) &* 100 &+ pair(p0, 2)
        let month = pair(p0, 5), day = pair(p1, 0)
        let hour = pair(p1, 3), minute = pair(p1, 6)
        let second = pair(p2, 1)
        guard year >= 1, month &- 1 < 12, day &- 1 < 31, hour <= 23, minute <= 59, second <= 59 else { return nil }
        if day > 28, day > Self.monthLength(year: year, month) { return nil }
        let days = Self.monthStart(year: year, month) &+ Int64(truncatingIfNeeded: day) &- 1
        let time = hour &* 3600 &+ minute &* 60 &+ second
        return Instant(secondsSinceEpoch: days &* Instant.secondsPerDay &+ Int64(truncatingIfNeeded: time))
    }

    /// The first day of a month of years 1...9999, in days since 1970-01-01:
    /// ``Instant/days(fromCivil:_:_:)`` with the year starting in March, on values that are
    /// never negative, so every division is by a constant (a multiply) and none is a floor.
    @inline(__always)
    static func monthStart(year: UInt64, _ month: UInt64) -> Int64 {
        let early = month <= 2
        let y = early ? year &- 1 : year  // year >= 1: never negative
        let m = early ? month &+ 9 : month &- 3  // months from March
        let century = y / 100
        let days = y &* 365 &+ (y >> 2) &- century &+ (century >> 2) &+ (153 &* m &+ 2) / 5
        return Int64(truncatingIfNeeded: days) &- 719_468
    }

    /// The number of days in a month (1...12) of years 1...9999. Apart from February a month
    /// has 31 days when its number and its bit 3 differ in their lowest bit (1, 3, 5, 7, 8,
    /// 10, 12); a year divisible by 100 is a leap year when it is divisible by 16 too (by 400).
    @inline(__always)
    static func monthLength(year: UInt64, _ month: UInt64) -> UInt64 {
        guard month == 2 else { return 30 | ((month ^ (month >> 3)) & 1) }
        let leap = year & 3 == 0 && (year % 100 != 0 || year & 15 == 0)
        return leap ? 29 : 28
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
        var j = i
        if let value = usualInteger(&j) {  // the usual shape in one step
            i = j
            return value
        }
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
