/// Follows JSON's grammar (RFC 8259) byte by byte, fed in chunks of any size, to tell whether
/// an input holds exactly one JSON value: still possible (``Status/open``), one whole value
/// followed only by whitespace so far (``Status/complete``), or not (``Status/invalid``).
///
/// It checks syntax only: brackets, commas, colons, strings and their escapes, numbers and
/// `true`/`false`/`null`. It builds nothing and does not recurse, so memory is one byte per
/// open bracket and time is linear in the input. (UTF-8 and what the value means are the
/// snapshot decoder's business.)
struct JSONSyntaxScanner {
    enum Status: Equatable {
        /// Every byte so far fits; the value is not finished.
        case open
        /// One whole value, then nothing but whitespace.
        case complete
        /// A byte that JSON does not allow where it is (or a second value).
        case invalid
    }

    private enum Expect {
        /// A value (at the start, after `:`, after `,` in an array).
        case value
        /// A value or `]` (just after `[`).
        case valueOrEnd
        /// A key or `}` (just after `{`).
        case keyOrEnd
        /// A key (after `,` in an object).
        case key
        case colon
        /// `,` or the end of the innermost container.
        case commaOrEnd
        /// Inside a string; `key` when it is an object's key.
        case string(key: Bool)
        /// After `\` in a string.
        case escape(key: Bool)
        /// Inside `\uXXXX`: how many hex digits are still to come.
        case hex(key: Bool, left: Int)
        /// Inside a number: where in its grammar.
        case number(NumberPart)
        /// Inside `true`, `false` or `null`: the bytes still to come.
        case literal(ArraySlice<UInt8>)
        /// The value is complete: whitespace only.
        case after
    }

    private enum NumberPart {
        case minus, zero, integer, point, fraction, exponent, exponentSign, exponentDigits

        /// True when the number may end here.
        var canEnd: Bool {
            switch self {
            case .zero, .integer, .fraction, .exponentDigits: true
            default: false
            }
        }
    }

    private static let trueBytes = Array("true".utf8)[...]
    private static let falseBytes = Array("false".utf8)[...]
    private static let nullBytes = Array("null".utf8)[...]

    private(set) var status: Status = .open
    /// The open containers, innermost last: `{` or `[`.
    private var containers: [UInt8] = []
    private var expect: Expect = .value

    /// Reads `bytes` and returns the status after them. Once invalid, it stays invalid.
    @discardableResult
    mutating func feed(_ bytes: ArraySlice<UInt8>) -> Status {
        for byte in bytes {
            guard status != .invalid else { break }
            step(byte)
        }
        return status
    }

    /// The status at the end of the input: a number may end there; anything still open is not
    /// one whole value.
    mutating func finish() -> Status {
        if case .number(let part) = expect, status == .open {
            if part.canEnd, containers.isEmpty { valueEnded() } else { status = .invalid }
        }
        if status == .open { status = .invalid }
        return status
    }

    private mutating func step(_ byte: UInt8) {
        switch expect {
        case .string(let key):
            if byte == UInt8(ascii: "\"") {
                if key { expect = .colon } else { valueEnded() }
            } else if byte == UInt8(ascii: "\\") {
                expect = .escape(key: key)
            } else if byte < 0x20 {
                status = .invalid  // a raw control character, a line break among them
            }
        case .escape(let key):
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                expect = .string(key: key)
            case UInt8(ascii: "u"):
                expect = .hex(key: key, left: 4)
            default:
                status = .invalid
            }
        case .hex(let key, let left):
            guard Self.isHex(byte) else { status = .invalid; return }
            expect = left == 1 ? .string(key: key) : .hex(key: key, left: left - 1)
        case .number(let part):
            if let next = Self.number(part, then: byte) {
                expect = .number(next)
            } else if part.canEnd {
                valueEnded()
                if status != .invalid { step(byte) }  // the byte after the number, read as such
            } else {
                status = .invalid
            }
        case .literal(let rest):
            guard byte == rest.first else { status = .invalid; return }
            let left = rest.dropFirst()
            if left.isEmpty { valueEnded() } else { expect = .literal(left) }
        case _ where Self.isWhitespace(byte):
            return
        case .value:
            startValue(byte)
        case .valueOrEnd:
            if byte == UInt8(ascii: "]") { closeContainer(UInt8(ascii: "[")) } else { startValue(byte) }
        case .keyOrEnd:
            if byte == UInt8(ascii: "}") {
                closeContainer(UInt8(ascii: "{"))
            } else if byte == UInt8(ascii: "\"") {
                expect = .string(key: true)
            } else {
                status = .invalid
            }
        case .key:
            if byte == UInt8(ascii: "\"") { expect = .string(key: true) } else { status = .invalid }
        case .colon:
            if byte == UInt8(ascii: ":") { expect = .value } else { status = .invalid }
        case .commaOrEnd:
            switch byte {
            case UInt8(ascii: ","): expect = containers.last == UInt8(ascii: "{") ? .key : .value
            case UInt8(ascii: "}"): closeContainer(UInt8(ascii: "{"))
            case UInt8(ascii: "]"): closeContainer(UInt8(ascii: "["))
            default: status = .invalid
            }
        case .after:
            status = .invalid  // something after the one value
        }
    }

    private mutating func startValue(_ byte: UInt8) {
        switch byte {
        case UInt8(ascii: "{"):
            containers.append(byte)
            expect = .keyOrEnd
        case UInt8(ascii: "["):
            containers.append(byte)
            expect = .valueOrEnd
        case UInt8(ascii: "\""):
            expect = .string(key: false)
        case UInt8(ascii: "-"):
            expect = .number(.minus)
        case UInt8(ascii: "0"):
            expect = .number(.zero)
        case UInt8(ascii: "1")...UInt8(ascii: "9"):
            expect = .number(.integer)
        case UInt8(ascii: "t"):
            expect = .literal(Self.trueBytes.dropFirst())
        case UInt8(ascii: "f"):
            expect = .literal(Self.falseBytes.dropFirst())
        case UInt8(ascii: "n"):
            expect = .literal(Self.nullBytes.dropFirst())
        default:
            status = .invalid
        }
    }

    private mutating func closeContainer(_ opener: UInt8) {
        guard containers.last == opener else { status = .invalid; return }
        containers.removeLast()
        valueEnded()
    }

    /// A value has just ended: the container it is in goes on, or the input is complete.
    private mutating func valueEnded() {
        if containers.isEmpty {
            expect = .after
            status = .complete
        } else {
            expect = .commaOrEnd
        }
    }

    /// The part of a number after `byte`, or nil when `byte` is not part of it.
    private static func number(_ part: NumberPart, then byte: UInt8) -> NumberPart? {
        let digit = byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
        let point = byte == UInt8(ascii: ".")
        let e = byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        let sign = byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-")
        switch part {
        case .minus: return byte == UInt8(ascii: "0") ? .zero : digit ? .integer : nil
        case .zero: return point ? .point : e ? .exponent : nil
        case .integer: return digit ? .integer : point ? .point : e ? .exponent : nil
        case .point: return digit ? .fraction : nil
        case .fraction: return digit ? .fraction : e ? .exponent : nil
        case .exponent: return sign ? .exponentSign : digit ? .exponentDigits : nil
        case .exponentSign, .exponentDigits: return digit ? .exponentDigits : nil
        }
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "f"))
    }

    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}
