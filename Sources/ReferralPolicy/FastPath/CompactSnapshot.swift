/// A snapshot as the fast path reads it: byte ranges into the input line and plain values,
/// no strings, arrays or dictionaries. Events and flags live in buffers the caller provides.
///
/// The fast path covers the usual snapshot; anything else (an escape or a non-ASCII byte in
/// text, `null`, an `attributes` object, past rewards, more than ``maxEventsRetried`` events, a
/// duplicate or unknown field, anything malformed) makes ``CompactReader`` give up, and the
/// snapshot goes the plain way, which decides it or reports exactly what is wrong.
struct CompactSnapshot {
    /// Events read into a buffer on the stack; a snapshot with more is read again into a
    /// larger one (up to ``maxEventsRetried``), a snapshot with even more goes the plain way.
    static let maxEvents = 32
    static let maxEventsRetried = 4_096
    static let maxFlags = 8
    /// Flat attribute slots per person (see ``FlatNames``).
    static let maxFlat = 4

    var id = 0..<0
    var type = 0..<0
    var asOf = Instant(secondsSinceEpoch: 0)
    var referrerID = 0..<0
    var referrerStatus: Range<Int>?
    var referrerCountry: Range<Int>?
    var refereeID = 0..<0
    var signupAt = Instant(secondsSinceEpoch: 0)
    var attribution: Range<Int>?
    var refereeCountry: Range<Int>?
    var flagCount = 0
    var eventCount = 0
}

/// One event of a ``CompactSnapshot``.
struct CompactEvent {
    var type = 0..<0
    var at = Instant(secondsSinceEpoch: 0)
    var amount: Int64?
    var currency: Range<Int>?
}

/// The value of a declared attribute written directly on the referrer or referee.
enum FlatValue {
    case missing
    case integer(Int64)
    case bool(Bool)
    case text(Range<Int>)
}

/// The attribute names a policy set accepts directly on the referrer and on the referee, as
/// bytes, in a fixed order: the slot of a value is its name's index.
final class FlatNames: Sendable {
    let referrer: [[UInt8]]
    let referee: [[UInt8]]

    init(_ flat: FlatAttributes) {
        referrer = flat.referrer.sorted().map { Array($0.utf8) }
        referee = flat.referee.sorted().map { Array($0.utf8) }
    }
}

/// Reads the usual snapshot line into a ``CompactSnapshot``; nil means "take the plain way".
struct CompactReader {
    let b: UnsafeBufferPointer<UInt8>
    let n: Int
    var i = 0
    let names: FlatNames
    var events: UnsafeMutableBufferPointer<CompactEvent>
    var flags: UnsafeMutableBufferPointer<Range<Int>>
    /// Slots `0..<maxFlat` for the referrer, `maxFlat..<2 * maxFlat` for the referee.
    var flat: UnsafeMutableBufferPointer<FlatValue>
    /// Set when the snapshot had more events than the buffer holds.
    private(set) var ranOutOfEvents = false
    /// The month of the last instant read (`year * 16 + month`), its first day and its length.
    private var lastMonth: Int64 = -1
    private var lastMonthStart: Int64 = 0
    private var lastMonthDays: Int64 = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, names: FlatNames, events: UnsafeMutableBufferPointer<CompactEvent>,
         flags: UnsafeMutableBufferPointer<Range<Int>>, flat: UnsafeMutableBufferPointer<FlatValue>) {
        b = bytes
        n = bytes.count
        self.names = names
        self.events = events
        self.flags = flags
        self.flat = flat
    }

    mutating func read() -> CompactSnapshot? {
        guard names.referrer.count <= CompactSnapshot.maxFlat, names.referee.count <= CompactSnapshot.maxFlat else { return nil }
        for k in flat.indices { flat[k] = .missing }
        var s = CompactSnapshot()
        var seen: UInt32 = 0
        guard open(UInt8(ascii: "{")), !peek(UInt8(ascii: "}")) else { return nil }
        repeat {
            guard let key = key() else { return nil }
            switch key.count {
            case 2 where same(key, "id"):
                guard mark(&seen, 0), let v = string() else { return nil }
                s.id = v
            case 4 where same(key, "type"):
                guard mark(&seen, 1), let v = string() else { return nil }
                s.type = v
            case 5 where same(key, "as_of"):
                guard mark(&seen, 2), let v = instant() else { return nil }
                s.asOf = v
            case 8 where same(key, "referrer"):
                guard mark(&seen, 3), referrer(&s) else { return nil }
            case 7 where same(key, "referee"):
                guard mark(&seen, 4), referee(&s) else { return nil }
            case 6 where same(key, "events"):
                guard mark(&seen, 5), readEvents(&s) else { return nil }
            default:
                return nil
            }
        } while more(UInt8(ascii: "}"))
        guard seen & 0b11111 == 0b11111 else { return nil }
        skipWhitespace()
        return i == n ? s : nil
    }

    private mutating func referrer(_ s: inout CompactSnapshot) -> Bool {
        var seen: UInt32 = 0
        guard open(UInt8(ascii: "{")), !peek(UInt8(ascii: "}")) else { return false }
        repeat {
            guard let key = key() else { return false }
            if same(key, "id") {
                guard mark(&seen, 0), let v = string() else { return false }
                s.referrerID = v
            } else if same(key, "status") {
                guard mark(&seen, 1), let v = string() else { return false }
                s.referrerStatus = v
            } else if same(key, "country") {
                guard mark(&seen, 2), let v = string() else { return false }
                s.referrerCountry = v
            } else if same(key, "rewards") {
                // Past rewards count towards limits: only an empty history is read here.
                guard mark(&seen, 3), open(UInt8(ascii: "[")), take(UInt8(ascii: "]")) else { return false }
            } else if let slot = slot(key, names.referrer) {
                guard mark(&seen, 8 + slot), let v = flatValue() else { return false }
                flat[slot] = v
            } else {
                return false
            }
        } while more(UInt8(ascii: "}"))
        return seen & 1 == 1
    }

    private mutating func referee(_ s: inout CompactSnapshot) -> Bool {
        var seen: UInt32 = 0
        guard open(UInt8(ascii: "{")), !peek(UInt8(ascii: "}")) else { return false }
        repeat {
            guard let key = key() else { return false }
            if same(key, "id") {
                guard mark(&seen, 0), let v = string() else { return false }
                s.refereeID = v
            } else if same(key, "signup_at") {
                guard mark(&seen, 1), let v = instant() else { return false }
                s.signupAt = v
            } else if same(key, "attribution") {
                guard mark(&seen, 2), let v = string() else { return false }
                s.attribution = v
            } else if same(key, "country") {
                guard mark(&seen, 3), let v = string() else { return false }
                s.refereeCountry = v
            } else if same(key, "flags") {
                guard mark(&seen, 4), readFlags(&s) else { return false }
            } else if let slot = slot(key, names.referee) {
                guard mark(&seen, 8 + slot), let v = flatValue() else { return false }
                flat[CompactSnapshot.maxFlat + slot] = v
            } else {
                return false
            }
        } while more(UInt8(ascii: "}"))
        return seen & 0b11 == 0b11
    }

    private mutating func readFlags(_ s: inout CompactSnapshot) -> Bool {
        guard open(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            guard s.flagCount < flags.count, let v = string() else { return false }
            flags[s.flagCount] = v
            s.flagCount += 1
        } while more(UInt8(ascii: "]"))
        return true
    }

    private mutating func readEvents(_ s: inout CompactSnapshot) -> Bool {
        guard open(UInt8(ascii: "[")) else { return false }
        if take(UInt8(ascii: "]")) { return true }
        repeat {
            guard s.eventCount < events.count else {
                ranOutOfEvents = true
                return false
            }
            guard let e = event() else { return false }
            events[s.eventCount] = e
            s.eventCount += 1
        } while more(UInt8(ascii: "]"))
        return true
    }

    private mutating func event() -> CompactEvent? {
        var e = CompactEvent()
        var seen: UInt32 = 0
        guard open(UInt8(ascii: "{")), !peek(UInt8(ascii: "}")) else { return nil }
        repeat {
            guard let key = key() else { return nil }
            if same(key, "type") {
                guard mark(&seen, 0), let v = string() else { return nil }
                e.type = v
            } else if same(key, "at") {
                guard mark(&seen, 1), let v = instant() else { return nil }
                e.at = v
            } else if same(key, "amount_minor") || same(key, "amount_cents") {
                guard mark(&seen, 2), let v = integer() else { return nil }
                e.amount = v
            } else if same(key, "currency") {
                guard mark(&seen, 3), let v = string() else { return nil }
                e.currency = v
            } else {
                return nil
            }
        } while more(UInt8(ascii: "}"))
        return seen & 0b11 == 0b11 ? e : nil
    }

    // MARK: - Values

    /// Text of printable ASCII without escapes; anything else is left to the plain way.
    private mutating func string() -> Range<Int>? {
        skipWhitespace()
        guard i < n, b[i] == UInt8(ascii: "\"") else { return nil }
        let start = i + 1
        var j = start
        if let base = b.baseAddress {
            // Eight bytes at a time: the lowest flagged byte is the first quote, backslash,
            // control or non-ASCII byte (flags above it may be false; they are not looked at).
            while j + 8 <= n {
                let flagged = Self.special(UnsafeRawPointer(base + j).loadUnaligned(as: UInt64.self))
                if flagged == 0 {
                    j += 8
                    continue
                }
                let end = j + flagged.trailingZeroBitCount >> 3
                guard b[end] == UInt8(ascii: "\"") else { return nil }
                i = end + 1
                return start..<end
            }
        }
        while j < n {
            let c = b[j]
            if c == UInt8(ascii: "\"") {
                i = j + 1
                return start..<j
            }
            guard c >= 0x20, c < 0x80, c != UInt8(ascii: "\\") else { return nil }
            j += 1
        }
        return nil
    }

    /// The high bit of each byte that is a quote, a backslash, a control character or not ASCII
    /// (exact for the lowest such byte; see ``SnapshotReader/needsLook(_:)``).
    @inline(__always) static func special(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22)
        let backslash = w ^ (ones &* 0x5C)
        let control = (w &- ones &* 0x20) & ~w
        let isQuote = (quote &- ones) & ~quote
        let isBackslash = (backslash &- ones) & ~backslash
        return (w | control | isQuote | isBackslash) & highs
    }

    private mutating func instant() -> Instant? {
        guard let r = string(), let base = b.baseAddress else { return nil }
        if r.count == 20, let at = zulu(r.lowerBound) { return at }
        return Instant.parse(bytes: UnsafeRawBufferPointer(start: base + r.lowerBound, count: r.count), allowDateOnly: false)
    }

    /// `YYYY-MM-DDTHH:MM:SSZ`, the form exporters write, read without a detour; nil sends
    /// anything else (or an impossible date) to ``Instant/parse(bytes:allowDateOnly:)``.
    private mutating func zulu(_ at: Int) -> Instant? {
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

    /// `-?(0|[1-9][0-9]{0,17})` with no fraction or exponent: always fits in an Int64.
    private mutating func integer() -> Int64? {
        skipWhitespace()
        guard i < n else { return nil }
        let negative = b[i] == UInt8(ascii: "-")
        if negative { i += 1 }
        let start = i
        var value: Int64 = 0
        while i < n, b[i] &- 48 < 10 {
            value = value &* 10 &+ Int64(b[i] &- 48)
            i += 1
        }
        let count = i - start
        guard count >= 1, count <= 18, count == 1 || b[start] != UInt8(ascii: "0") else { return nil }
        if i < n, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") { return nil }
        return negative ? -value : value
    }

    private mutating func flatValue() -> FlatValue? {
        skipWhitespace()
        guard i < n else { return nil }
        switch b[i] {
        case UInt8(ascii: "\""):
            return string().map { .text($0) }
        case UInt8(ascii: "t"):
            return word("true") ? .bool(true) : nil
        case UInt8(ascii: "f"):
            return word("false") ? .bool(false) : nil
        default:
            return integer().map { .integer($0) }
        }
    }

    // MARK: - Structure

    /// A key: `"name":`, its name's range.
    private mutating func key() -> Range<Int>? {
        guard let r = string() else { return nil }
        skipWhitespace()
        guard i < n, b[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        return r
    }

    private mutating func open(_ bracket: UInt8) -> Bool {
        skipWhitespace()
        guard i < n, b[i] == bracket else { return false }
        i += 1
        return true
    }

    private mutating func peek(_ byte: UInt8) -> Bool {
        skipWhitespace()
        return i < n && b[i] == byte
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard peek(byte) else { return false }
        i += 1
        return true
    }

    /// After a member or element: true at `,`, false at `close` (both consumed). Anything
    /// else ends the loop too, with `i` past the end so that the caller's checks fail.
    private mutating func more(_ close: UInt8) -> Bool {
        skipWhitespace()
        guard i < n else {
            // The line ended inside an object or array.
            i = n + 1
            return false
        }
        if b[i] == UInt8(ascii: ",") {
            i += 1
            return true
        }
        if b[i] == close {
            i += 1
            return false
        }
        i = n + 1
        return false
    }

    private mutating func word(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard i + count <= n else { return false }
        for k in 0..<count where b[i + k] != text.utf8Start[k] { return false }
        i += count
        return true
    }

    @inline(__always) private mutating func skipWhitespace() {
        while i < n, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    /// Sets `bit` in `seen`; false when it was set already (a duplicate field).
    @inline(__always) private func mark(_ seen: inout UInt32, _ bit: Int) -> Bool {
        let mask: UInt32 = 1 << UInt32(bit)
        if seen & mask != 0 { return false }
        seen |= mask
        return true
    }

    private func same(_ r: Range<Int>, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard r.count == count else { return false }
        for k in 0..<count where b[r.lowerBound + k] != name.utf8Start[k] { return false }
        return true
    }

    private func slot(_ r: Range<Int>, _ list: [[UInt8]]) -> Int? {
        for (k, name) in list.enumerated() where CompactBytes.equal(b, r, name) { return k }
        return nil
    }
}

/// Byte comparisons between ranges of an input line and known names.
enum CompactBytes {
    static func equal(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ name: [UInt8]) -> Bool {
        guard r.count == name.count else { return false }
        return name.withUnsafeBufferPointer { n in
            for k in 0..<n.count where b[r.lowerBound + k] != n[k] { return false }
            return true
        }
    }

    static func equal(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ s: Range<Int>) -> Bool {
        guard r.count == s.count else { return false }
        for k in 0..<r.count where b[r.lowerBound + k] != b[s.lowerBound + k] { return false }
        return true
    }

    /// The index of the name the range holds.
    static func index(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, in names: [[UInt8]]) -> Int? {
        for (k, name) in names.enumerated() where equal(b, r, name) { return k }
        return nil
    }

    static func text(_ b: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: b[r]), as: UTF8.self)
    }
}
