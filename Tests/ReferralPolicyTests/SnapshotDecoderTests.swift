import Foundation
import Testing
@testable import ReferralPolicy

/// A snapshot document with the required fields, and room to change any part.
private func doc(id: String = #""r-1""#, referrer: String = #"{"id":"u1"}"#,
                 referee: String = #"{"id":"u2","signup_at":"2025-01-01T10:00:00Z"}"#,
                 events: String = "[]", tail: String = "") -> String {
    #"{"id":\#(id),"type":"freelancer","as_of":"2025-03-22T00:00:00Z","referrer":\#(referrer),"referee":\#(referee),"events":\#(events)\#(tail)}"#
}

private func instant(_ text: String) -> Instant {
    Instant.parse(text) ?? Instant(secondsSinceEpoch: .min)
}

/// The decoder's error for `bytes`, as text; `nil` when it decoded.
private func failure(_ bytes: [UInt8]) -> String? {
    do {
        _ = try SnapshotDecoder.decode(bytes)
        return nil
    } catch {
        return error.description
    }
}

struct DecoderCase: CustomTestStringConvertible, Sendable {
    var input: [UInt8]
    var expected: String
    var testDescription: String { expected }

    init(_ input: String, _ expected: String) {
        self.input = Array(input.utf8)
        self.expected = expected
    }

    init(bytes: [UInt8], _ expected: String) {
        self.input = bytes
        self.expected = expected
    }
}

@Suite struct SnapshotDecoderTests {
    static let full = """
        {"id":"r-1","type":"freelancer","as_of":"2025-03-22T00:00:00Z",
         "referrer":{"id":"u1","status":"active","country":"UA","attributes":{"top_rated":true},
                     "rewards":[{"referral_id":"r-0","amount_minor":2500,"currency":"USD","kind":"credit","granted_at":"2025-01-02T00:00:00Z"}]},
         "referee":{"id":"u2","signup_at":"2025-01-01T10:00:00Z","attribution":"link","country":"US","flags":["vip"],"attributes":{}},
         "events":[{"type":"earned","at":"2025-01-05T11:39:54Z","amount_minor":15057,"currency":"USD","attributes":{"category":"design"}}]}
        """

    static let fullValue = Snapshot(
        id: "r-1", type: "freelancer", asOf: instant("2025-03-22T00:00:00Z"),
        referrer: .init(id: "u1", status: "active", country: "UA", attributes: ["top_rated": .bool(true)],
                        rewards: [.init(referralID: "r-0", amountMinor: 2500, currency: "USD", kind: .credit,
                                        grantedAt: instant("2025-01-02T00:00:00Z"))]),
        referee: .init(id: "u2", signupAt: instant("2025-01-01T10:00:00Z"), attribution: "link", country: "US",
                       flags: ["vip"], attributes: [:]),
        events: [.init(type: "earned", at: instant("2025-01-05T11:39:54Z"), amountMinor: 15057, currency: "USD",
                       attributes: ["category": .string("design")])])

    static let minimalValue = Snapshot(
        id: "r-1", type: "freelancer", asOf: instant("2025-03-22T00:00:00Z"),
        referrer: .init(id: "u1"), referee: .init(id: "u2", signupAt: instant("2025-01-01T10:00:00Z")))

    // MARK: - Valid snapshots

    @Test func fullSnapshot() throws {
        #expect(try SnapshotDecoder.decode(Array(Self.full.utf8)) == Self.fullValue)
    }

    @Test func minimalSnapshot() throws {
        let minimal = #"{"id":"r-1","type":"freelancer","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u1"},"referee":{"id":"u2","signup_at":"2025-01-01T10:00:00Z"}}"#
        #expect(try SnapshotDecoder.decode(Array(minimal.utf8)) == Self.minimalValue)
    }

    @Test func nullMeansAbsent() throws {
        let text = doc(referrer: #"{"id":"u1","status":null,"country":null,"attributes":null,"rewards":null}"#,
                       referee: #"{"id":"u2","signup_at":"2025-01-01T10:00:00Z","attribution":null,"country":null,"flags":null,"attributes":null}"#,
                       events: "null")
        #expect(try SnapshotDecoder.decode(Array(text.utf8)) == Self.minimalValue)
        let event = doc(events: #"[{"type":"hired","at":"2025-01-02T00:00:00Z","amount_minor":null,"currency":null,"attributes":null}]"#)
        let decoded = try SnapshotDecoder.decode(Array(event.utf8))
        #expect(decoded.events == [.init(type: "hired", at: instant("2025-01-02T00:00:00Z"))])
    }

    @Test func amountCentsIsAnotherNameForAmountMinor() throws {
        let text = doc(referrer: #"{"id":"u1","rewards":[{"amount_cents":2500,"currency":"USD","kind":"cash","granted_at":"2025-01-02T00:00:00Z"}]}"#,
                       events: #"[{"type":"earned","at":"2025-01-05T11:39:54Z","amount_cents":15057}]"#)
        let decoded = try SnapshotDecoder.decode(Array(text.utf8))
        #expect(decoded.events.first?.amountMinor == 15057)
        #expect(decoded.referrer.rewards.first?.amountMinor == 2500)
    }

    @Test func whitespaceAroundAndCRLF() throws {
        let text = " \t\r\n" + Self.full.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n \r"
        #expect(try SnapshotDecoder.decode(Array(text.utf8)) == Self.fullValue)
        #expect(try SnapshotDecoder.decode(Array((Self.full + "\r").utf8)) == Self.fullValue)
    }

    @Test func fieldsInAnyOrder() throws {
        let text = #"{"events":[],"referee":{"signup_at":"2025-01-01T10:00:00Z","id":"u2"},"referrer":{"id":"u1"},"as_of":"2025-03-22T00:00:00Z","type":"freelancer","id":"r-1"}"#
        #expect(try SnapshotDecoder.decode(Array(text.utf8)) == Self.minimalValue)
    }

    @Test func escapesAndUnicode() throws {
        // An escaped key still names its field; text holds every JSON escape, raw UTF-8 and a surrogate pair.
        let text = doc(id: #""r\"1\\\/\b\f\n\r\t\u00e9\u4E2D\ud83d\ude00 é中😀""#,
                       referrer: #"{"\u0069d":"u1","attributes":{"caf\u00e9":"a\tb","\"q\"":"x"}}"#)
        let decoded = try SnapshotDecoder.decode(Array(text.utf8))
        #expect(decoded.id == "r\"1\\/\u{8}\u{C}\n\r\té中😀 é中😀")
        #expect(decoded.referrer.id == "u1")
        #expect(decoded.referrer.attributes == ["café": .string("a\tb"), "\"q\"": .string("x")])
    }

    @Test func instantsWithOffsetsAndFractions() throws {
        let text = doc(events: #"[{"type":"earned","at":"2025-01-05T13:39:54+02:00"},{"type":"earned","at":"2025-01-05T11:39:54.250Z"}]"#)
        let decoded = try SnapshotDecoder.decode(Array(text.utf8))
        #expect(decoded.events.map(\.at) == [instant("2025-01-05T11:39:54Z"), instant("2025-01-05T11:39:54Z")])
    }

    @Test func integersToTheEdgesOfInt64() throws {
        let text = doc(referee: #"{"id":"u2","signup_at":"2025-01-01T10:00:00Z","attributes":{"min":-9223372036854775808,"max":9223372036854775807,"zero":0,"neg":-0}}"#)
        let decoded = try SnapshotDecoder.decode(Array(text.utf8))
        #expect(decoded.referee.attributes == ["min": .integer(.min), "max": .integer(.max), "zero": .integer(0), "neg": .integer(0)])
    }

    @Test func attributeValues() throws {
        let text = doc(referrer: #"{"id":"u1","attributes":{"a":"x","b":12,"c":true,"d":false,"e":""}}"#)
        let decoded = try SnapshotDecoder.decode(Array(text.utf8))
        #expect(decoded.referrer.attributes == ["a": .string("x"), "b": .integer(12), "c": .bool(true), "d": .bool(false), "e": .string("")])
    }

    @Test func nonContiguousInput() throws {
        let bytes = Array(Self.full.utf8)
        let lazy = bytes.lazy.map { $0 }  // a collection without contiguous storage
        #expect(try SnapshotDecoder.decode(lazy) == Self.fullValue)
        let slice = (Array("xx".utf8) + bytes)[2...]
        #expect(try SnapshotDecoder.decode(slice) == Self.fullValue)
    }

    @Test func wordAtATimeScanFlagsEverySpecialByte() {
        let a = UInt64(UInt8(ascii: "a"))
        for byte in 0...255 {
            let special = byte < 0x20 || byte >= 0x80 || byte == 0x22 || byte == 0x5C
            for position in 0..<8 {
                var word: UInt64 = 0
                for k in 0..<8 { word |= (k == position ? UInt64(byte) : a) << (8 * k) }
                #expect(SnapshotScanner.needsLook(word) == special, "byte \(byte) at \(position)")
            }
        }
    }

    @Test func specialCharactersAtEveryOffset() throws {
        for offset in 0..<20 {
            let pad = String(repeating: "x", count: offset)
            for (written, value) in [("é", "é"), (#"\n"#, "\n"), (#"\""#, "\""), ("😀", "😀"), (#"\u00e9"#, "é")] {
                let text = doc(id: "\"\(pad)\(written)\(pad)yz\"")
                #expect(try SnapshotDecoder.decode(Array(text.utf8)).id == pad + value + pad + "yz")
            }
            let control = doc(id: "\"\(pad)\u{1}\(pad)\"")
            #expect(failure(Array(control.utf8)) == "invalid_json: control character U+0001 in text at byte \(7 + offset); write it as an escape")
        }
    }

    // MARK: - Large input

    @Test func tenMegabyteString() throws {
        let big = String(repeating: "abcdefghij", count: 1_000_000)
        let decoded = try SnapshotDecoder.decode(Array(doc(id: "\"\(big)\"").utf8))
        #expect(decoded.id.utf8.count == 10_000_000)
    }

    @Test func hundredThousandEvents() throws {
        var bytes = Array(doc(events: "[").utf8.dropLast())
        let event = Array(#"{"type":"earned","at":"2025-01-05T11:39:54Z","amount_minor":1},"#.utf8)
        bytes.reserveCapacity(bytes.count + event.count * 100_000)
        for _ in 0..<100_000 { bytes += event }
        bytes[bytes.count - 1] = UInt8(ascii: "]")
        bytes.append(UInt8(ascii: "}"))
        let decoded = try SnapshotDecoder.decode(bytes)
        #expect(decoded.events.count == 100_000)
        #expect(decoded.events.last == .init(type: "earned", at: instant("2025-01-05T11:39:54Z"), amountMinor: 1))
    }

    @Test func nestingBombsAreRejectedAtOnce() {
        let bomb = String(repeating: "[", count: 100_000)
        #expect(failure(Array(bomb.utf8)) == "invalid_snapshot: expected a snapshot object, found an array")
        #expect(failure(Array(doc(referrer: #"{"id":"u1","attributes":{"deep":"# + bomb).utf8))
                == "invalid_snapshot at referrer.attributes.deep: expected text, an integer, `true` or `false`, found an array")
        let objects = String(repeating: #"{"a":"#, count: 100_000)
        #expect(failure(Array(doc(events: "[" + objects).utf8))
                == "invalid_snapshot at events[0].a: unknown field `a`; did you mean `at`?")
    }

    // MARK: - Errors

    static let errors: [DecoderCase] = [
        // Syntax
        DecoderCase("", "invalid_json: empty input, expected a snapshot object"),
        DecoderCase(" \r\n", "invalid_json: empty input, expected a snapshot object"),
        DecoderCase(#"{"id":"r-1" "type":"freelancer"}"#, "invalid_json: expected `,` or `}` at byte 12"),
        DecoderCase(#"{"id":"r-1","type""#, "invalid_json: unexpected end of input (truncated?)"),
        DecoderCase(#"{"id":"r-1","type":"free"#, "invalid_json: unexpected end of input (truncated?)"),
        DecoderCase(#"{"id":"r-1","#, "invalid_json: unexpected end of input (truncated?)"),
        DecoderCase(#"{"id":"r-1","type":"freelancer","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u1","attributes":{"n":12"#,
                    "invalid_json: unexpected end of input (truncated?)"),
        DecoderCase(#"{"id":"r-1","type":"freelancer","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u1","attributes":{"x":tr"#,
                    "invalid_json: unexpected end of input (truncated?)"),
        DecoderCase(#"{"id":"r-1",}"#, "invalid_json: expected a field name in quotes at byte 12"),
        DecoderCase(#"{id:"r-1"}"#, "invalid_json: expected a field name in quotes at byte 1"),
        DecoderCase(#"{"id" "r-1"}"#, "invalid_json: expected `:` at byte 6"),
        DecoderCase(#"{"id":'r-1'}"#, "invalid_json: expected a value at byte 6"),
        DecoderCase(doc(tail: ","), "invalid_json: expected a field name in quotes at byte 155"),
        DecoderCase(doc() + " x", "invalid_json: unexpected data after the snapshot at byte 156"),
        DecoderCase(doc() + "{}", "invalid_json: unexpected data after the snapshot at byte 155"),
        DecoderCase(doc(events: #"[{"type":"a","at":"2025-01-01T00:00:00Z"},]"#), "invalid_json: expected a value at byte 194"),
        DecoderCase(doc(events: #"[{"type":"a","at":"2025-01-01T00:00:00Z"} {}]"#), "invalid_json: expected `,` or `]` at byte 194"),
        DecoderCase(doc(referrer: #"{"id":"u1","attributes":{"n":012}}"#), "invalid_json: numbers do not start with `0` at byte 103"),
        DecoderCase(doc(referrer: #"{"id":"u1","attributes":{"n":-}}"#), "invalid_json: expected a digit at byte 104"),
        DecoderCase(doc(referrer: #"{"id":"u1","attributes":{"n":1.}}"#), "invalid_json: expected a digit at byte 105"),
        DecoderCase(doc(referrer: #"{"id":"u1","attributes":{"n":1e}}"#), "invalid_json: expected a digit at byte 105"),
        DecoderCase(doc(referrer: #"{"id":"u1","attributes":{"n":nul}}"#), "invalid_json: expected a value at byte 103"),
        DecoderCase(doc(id: #""r\x1""#), "invalid_json: invalid escape at byte 8"),
        DecoderCase(doc(id: #""r\u12G4""#), #"invalid_json: expected 4 hex digits after `\u` at byte 12"#),
        DecoderCase(doc(id: #""r\ud83d-""#), #"invalid_json: unpaired surrogate `\ud83d` at byte 8"#),
        DecoderCase(doc(id: #""r\ud83d\u0041""#), #"invalid_json: unpaired surrogate `\ud83d` at byte 8"#),
        DecoderCase(doc(id: #""r\ude00""#), #"invalid_json: unpaired surrogate `\ude00` at byte 8"#),
        DecoderCase(doc(id: "\"r\n1\""), "invalid_json: control character U+000A in text at byte 8; write it as an escape"),
        DecoderCase(doc(id: "\"r\t1\""), "invalid_json: control character U+0009 in text at byte 8; write it as an escape"),
        DecoderCase(bytes: Array(#"{"id":"r"#.utf8) + [0xFF] + Array(#"1"}"#.utf8), "invalid_json: invalid UTF-8 at byte 8"),
        DecoderCase(bytes: Array(#"{"id":"r"#.utf8) + [0xC3, 0x28] + Array(#""}"#.utf8), "invalid_json: invalid UTF-8 at byte 8"),
        DecoderCase(bytes: Array(#"{"id":"r"#.utf8) + [0xC0, 0x80] + Array(#""}"#.utf8), "invalid_json: invalid UTF-8 at byte 8"),
        DecoderCase(bytes: Array(#"{"id":"r"#.utf8) + [0xED, 0xA0, 0x80] + Array(#""}"#.utf8), "invalid_json: invalid UTF-8 at byte 8"),
        DecoderCase(bytes: Array(#"{"id":"r\n"#.utf8) + [0xE2, 0x82] + Array(#""}"#.utf8), "invalid_json: invalid UTF-8 at byte 10"),
        DecoderCase(bytes: Array(#"{"id":"r"#.utf8) + [0xF0, 0x9F], "invalid_json: unexpected end of input (truncated?)"),
        // Shape: the document
        DecoderCase("[]", "invalid_snapshot: expected a snapshot object, found an array"),
        DecoderCase(#""r-1""#, "invalid_snapshot: expected a snapshot object, found text"),
        DecoderCase("null", "invalid_snapshot: expected a snapshot object, found `null`"),
        DecoderCase("nul", "invalid_json: unexpected end of input (truncated?)"),
        DecoderCase("x", "invalid_json: expected a value at byte 0"),
        // Shape: unknown, repeated and missing fields
        DecoderCase(doc(tail: #","refferer":{}"#), "invalid_snapshot at refferer: unknown field `refferer`; did you mean `referrer`?"),
        DecoderCase(doc(tail: #","zzzzzzzz":1"#),
                    "invalid_snapshot at zzzzzzzz: unknown field `zzzzzzzz`; expected one of `id`, `type`, `as_of`, `referrer`, `referee`, `events`"),
        DecoderCase(doc(events: #"[{"type":"earned","at":"2025-01-05T11:39:54Z","amout_minor":1}]"#),
                    "invalid_snapshot at events[0].amout_minor: unknown field `amout_minor`; did you mean `amount_minor`?"),
        DecoderCase(doc(referrer: #"{"id":"u1","rewards":[{"kind":"cash","amount_minor":1,"curency":"USD"}]}"#),
                    "invalid_snapshot at referrer.rewards[0].curency: unknown field `curency`; did you mean `currency`?"),
        DecoderCase(doc(tail: #","id":"r-2""#), "invalid_snapshot at id: duplicate field `id`"),
        DecoderCase(doc(referee: #"{"id":"u2","signup_at":"2025-01-01T10:00:00Z","flags":[],"flags":[]}"#),
                    "invalid_snapshot at referee.flags: duplicate field `flags`"),
        DecoderCase(doc(events: #"[{"type":"earned","at":"2025-01-05T11:39:54Z","amount_minor":1,"amount_cents":1}]"#),
                    "invalid_snapshot at events[0].amount_cents: duplicate field: `amount_cents` is another name for `amount_minor`"),
        DecoderCase(doc(events: #"[{"type":"earned","at":"2025-01-05T11:39:54Z","amount_cents":1,"amount_cents":1}]"#),
                    "invalid_snapshot at events[0].amount_cents: duplicate field `amount_cents`"),
        DecoderCase(doc(referrer: #"{"id":"u1","attributes":{"a":1,"a":2}}"#),
                    "invalid_snapshot at referrer.attributes.a: duplicate attribute `a`"),
        DecoderCase(#"{"id":"r-1","type":"freelancer","referrer":{"id":"u1"},"referee":{"id":"u2","signup_at":"2025-01-01T10:00:00Z"}}"#,
                    "invalid_snapshot at as_of: missing field `as_of`"),
        DecoderCase(#"{"id":"r-1","type":"freelancer","as_of":"2025-03-22T00:00:00Z","referrer":{"id":"u1"}}"#,
                    "invalid_snapshot at referee: missing field `referee`"),
        DecoderCase(doc(referee: #"{"id":"u2"}"#), "invalid_snapshot at referee.signup_at: missing field `signup_at`"),
        DecoderCase(doc(referrer: "{}"), "invalid_snapshot at referrer.id: missing field `id`"),
        DecoderCase(doc(events: #"[{"type":"a","at":"2025-01-01T00:00:00Z"},{"type":"a"}]"#),
                    "invalid_snapshot at events[1].at: missing field `at`"),
        DecoderCase(doc(referrer: #"{"id":"u1","rewards":[{"amount_minor":1,"currency":"USD","granted_at":"2025-01-02T00:00:00Z"}]}"#),
                    "invalid_snapshot at referrer.rewards[0].kind: missing field `kind`"),
        DecoderCase(doc(referrer: #"{"id":"u1","rewards":[{"kind":"cash","currency":"USD","granted_at":"2025-01-02T00:00:00Z"}]}"#),
                    "invalid_snapshot at referrer.rewards[0].amount_minor: missing field `amount_minor`"),
        // Shape: wrong types and values
        DecoderCase(doc(id: "7"), "invalid_snapshot at id: expected text, found a number"),
        DecoderCase(doc(id: "null"), "invalid_snapshot at id: expected text, found `null`"),
        DecoderCase(doc(id: "true"), "invalid_snapshot at id: expected text, found `true`"),
        DecoderCase(doc(referrer: #""u1""#), "invalid_snapshot at referrer: expected an object, found text"),
        DecoderCase(doc(referrer: "null"), "invalid_snapshot at referrer: expected an object, found `null`"),
        DecoderCase(doc(events: "{}"), "invalid_snapshot at events: expected an array, found an object"),
        DecoderCase(doc(events: "[1]"), "invalid_snapshot at events[0]: expected an object, found a number"),
        DecoderCase(doc(referee: #"{"id":"u2","signup_at":"2025-01-01T10:00:00Z","flags":["vip",null]}"#),
                    "invalid_snapshot at referee.flags[1]: expected text, found `null`"),
        DecoderCase(doc(referee: #"{"id":"u2","signup_at":"2025-01-01T10:00:00Z","flags":"vip"}"#),
                    "invalid_snapshot at referee.flags: expected an array, found text"),
        DecoderCase(doc(referee: #"{"id":"u2","signup_at":"2025-01-01"}"#),
                    "invalid_snapshot at referee.signup_at: expected an instant like `2025-03-01T12:00:00Z`, found `2025-01-01`"),
        DecoderCase(doc(referee: #"{"id":"u2","signup_at":1735725600}"#),
                    "invalid_snapshot at referee.signup_at: expected an instant like `2025-03-01T12:00:00Z`, found a number"),
        DecoderCase(doc(events: #"[{"type":"earned","at":"2025-02-30T00:00:00Z"}]"#),
                    "invalid_snapshot at events[0].at: expected an instant like `2025-03-01T12:00:00Z`, found `2025-02-30T00:00:00Z`"),
        DecoderCase(doc(events: #"[{"type":"earned","at":"2025-01-05 11:39:54"}]"#),
                    "invalid_snapshot at events[0].at: expected an instant like `2025-03-01T12:00:00Z`, found `2025-01-05 11:39:54`"),
        DecoderCase(doc(events: #"[{"type":"earned","at":"2025-01-05T11:39:54Z","amount_minor":150.57}]"#),
                    "invalid_snapshot at events[0].amount_minor: expected an integer number of minor units, found `150.57`"),
        DecoderCase(doc(events: #"[{"type":"earned","at":"2025-01-05T11:39:54Z","amount_cents":1e4}]"#),
                    "invalid_snapshot at events[0].amount_cents: expected an integer number of minor units, found `1e4`"),
        DecoderCase(doc(events: #"[{"type":"earned","at":"2025-01-05T11:39:54Z","amount_minor":"150"}]"#),
                    "invalid_snapshot at events[0].amount_minor: expected an integer number of minor units, found text"),
        DecoderCase(doc(events: #"[{"type":"earned","at":"2025-01-05T11:39:54Z","amount_minor":9223372036854775808}]"#),
                    "invalid_snapshot at events[0].amount_minor: `9223372036854775808` does not fit in a 64-bit integer"),
        DecoderCase(doc(referrer: #"{"id":"u1","attributes":{"n":-9223372036854775809}}"#),
                    "invalid_snapshot at referrer.attributes.n: `-9223372036854775809` does not fit in a 64-bit integer"),
        DecoderCase(doc(referrer: #"{"id":"u1","attributes":{"rate":1.5}}"#),
                    "invalid_snapshot at referrer.attributes.rate: expected text, an integer, `true` or `false`, found `1.5`"),
        DecoderCase(doc(referrer: #"{"id":"u1","attributes":{"tags":["a"]}}"#),
                    "invalid_snapshot at referrer.attributes.tags: expected text, an integer, `true` or `false`, found an array"),
        DecoderCase(doc(referrer: #"{"id":"u1","attributes":{"o":{}}}"#),
                    "invalid_snapshot at referrer.attributes.o: expected text, an integer, `true` or `false`, found an object"),
        DecoderCase(doc(referrer: #"{"id":"u1","attributes":{"o":null}}"#),
                    "invalid_snapshot at referrer.attributes.o: expected text, an integer, `true` or `false`, found `null`"),
        DecoderCase(doc(referrer: #"{"id":"u1","attributes":[]}"#),
                    "invalid_snapshot at referrer.attributes: expected an object, found an array"),
        DecoderCase(doc(referrer: #"{"id":"u1","rewards":[{"amount_minor":1,"currency":"USD","kind":"crdit","granted_at":"2025-01-02T00:00:00Z"}]}"#),
                    "invalid_snapshot at referrer.rewards[0].kind: unknown reward kind `crdit`; did you mean `credit`?"),
        DecoderCase(doc(referrer: #"{"id":"u1","rewards":[{"amount_minor":1,"currency":"USD","kind":"points","granted_at":"2025-01-02T00:00:00Z"}]}"#),
                    "invalid_snapshot at referrer.rewards[0].kind: unknown reward kind `points`; expected one of `cash`, `credit`"),
        DecoderCase(doc(referrer: #"{"id":"u1","rewards":[{"amount_minor":1,"currency":null,"kind":"cash","granted_at":"2025-01-02T00:00:00Z"}]}"#),
                    "invalid_snapshot at referrer.rewards[0].currency: expected text, found `null`"),
        DecoderCase(doc(events: #"[{"type":"earned","at":"\#(String(repeating: "9", count: 60))"}]"#),
                    "invalid_snapshot at events[0].at: expected an instant like `2025-03-01T12:00:00Z`, found `9999999999999999999999999999999999999999…`"),
    ]

    @Test(arguments: errors)
    func errorMessages(_ c: DecoderCase) {
        #expect(failure(c.input) == c.expected)
    }

    @Test func errorsCarryCodeAndPath() {
        do {
            _ = try SnapshotDecoder.decode(Array(doc(events: #"[{"type":"earned","at":"soon"}]"#).utf8))
            Issue.record("decoded")
        } catch {
            #expect(error.code == .invalidSnapshot)
            #expect(error.path == "events[0].at")
            #expect(error.message == "expected an instant like `2025-03-01T12:00:00Z`, found `soon`")
        }
    }

    @Test func everyTruncationIsAnError() {
        // Cutting the full snapshot anywhere gives a clean error (never a crash, never a snapshot).
        let bytes = Array(Self.full.utf8)
        for cut in 0..<bytes.count {
            let message = failure(Array(bytes[..<cut]))
            #expect(message != nil, "cut at \(cut)")
        }
    }

    // MARK: - Codable

    @Test func codableDecodingMatchesTheFastDecoder() throws {
        let viaCodable = try JSONDecoder().decode(Snapshot.self, from: Data(Self.full.utf8))
        #expect(viaCodable == Self.fullValue)
        let cents = doc(events: #"[{"type":"earned","at":"2025-01-05T11:39:54Z","amount_cents":15057}]"#)
        #expect(try JSONDecoder().decode(Snapshot.self, from: Data(cents.utf8)) == SnapshotDecoder.decode(Array(cents.utf8)))
        let minimal = doc(events: "null")
        #expect(try JSONDecoder().decode(Snapshot.self, from: Data(minimal.utf8)) == Self.minimalValue)
        let attributes = doc(referrer: #"{"id":"u1","attributes":{"a":"x","b":12,"c":true,"d":false,"z":0,"o":1,"m":-9223372036854775808}}"#)
        let viaCodableAttributes = try JSONDecoder().decode(Snapshot.self, from: Data(attributes.utf8)).referrer.attributes
        #expect(try viaCodableAttributes == SnapshotDecoder.decode(Array(attributes.utf8)).referrer.attributes)
        #expect(viaCodableAttributes["o"] == .integer(1))
    }

    @Test func codableRoundTrip() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        for value in [Self.fullValue, Self.minimalValue] {
            let data = try encoder.encode(value)
            #expect(try SnapshotDecoder.decode(Array(data)) == value)
            #expect(try JSONDecoder().decode(Snapshot.self, from: data) == value)
        }
        let text = String(decoding: try encoder.encode(Self.fullValue.events[0]), as: UTF8.self)
        #expect(text == #"{"amount_minor":15057,"at":"2025-01-05T11:39:54Z","attributes":{"category":"design"},"currency":"USD","type":"earned"}"#)
    }

    @Test func codableRejectsUnknownFields() {
        let text = doc(events: #"[{"type":"earned","at":"2025-01-05T11:39:54Z","amout_minor":1}]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Snapshot.self, from: Data(text.utf8)) }
        let both = doc(events: #"[{"type":"earned","at":"2025-01-05T11:39:54Z","amount_minor":1,"amount_cents":1}]"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Snapshot.self, from: Data(both.utf8)) }
        let float = doc(referrer: #"{"id":"u1","attributes":{"rate":1.5}}"#)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Snapshot.self, from: Data(float.utf8)) }
    }
}

/// Every one-byte change of a full snapshot, decoded and compared with Foundation's JSON parser:
/// never a crash; a decoded snapshot is always JSON, and `invalid_json` is never JSON. (A shape
/// error may come before a syntax error further on, so `invalid_snapshot` says nothing either way.)
@Suite struct SnapshotDecoderMutationTests {
    static let bases = [
        SnapshotDecoderTests.full,
        doc(id: #""a\u00e9\n\ud83d\ude00é""#,
            referrer: #"{"id":"u1","attributes":{"n":-12,"z":0,"b":false,"s":"x\"y"}}"#,
            events: #"[{"type":"e","at":"2025-01-05T11:39:54+02:00","amount_cents":-0,"currency":null}]"#),
    ]

    @Test(arguments: bases)
    func oneByteMutations(_ base: String) {
        let original = Array(base.utf8)
        #expect(failure(original) == nil)
        let replacements: [UInt8] = Array(#""\{}[],:0-e.nt 5"#.utf8) + [0xFF, 0xC3, 0x0A, 0x00]
        var disagreements: [String] = []
        var decoded = 0, syntax = 0, shape = 0
        for position in original.indices {
            for r in replacements where original[position] != r {
                var bytes = original
                bytes[position] = r
                let foundationAccepts = (try? JSONSerialization.jsonObject(with: Data(bytes))) != nil
                do {
                    _ = try SnapshotDecoder.decode(bytes)
                    decoded += 1
                    if !foundationAccepts { disagreements.append("byte \(position) → \(r): decoded, but not JSON") }
                } catch {
                    if error.code == .invalidJSON {
                        syntax += 1
                        if foundationAccepts { disagreements.append("byte \(position) → \(r): \(error), but JSON") }
                    } else {
                        shape += 1
                    }
                }
            }
        }
        #expect(disagreements == [])
        #expect(decoded > 0 && syntax > 0 && shape > 0)
    }
}

/// The scanner finds a key's field by its length and words (`WireFields.index(of:)`): every
/// field's own name finds it, and names one byte off find none.
@Suite struct WireFieldIndexTests {
    static func check<F: WireFields>(_ fields: F.Type) {
        for k in 0..<F.count {
            let name = "\(F.name(k))"
            #expect(F.index(of: KeyWords.of(F.name(k))) == k, "\(name)")
            var bytes = Array(name.utf8)
            bytes[bytes.count - 1] ^= 1
            var words: (UInt64, UInt64) = (0, 0)
            withUnsafeMutableBytes(of: &words) { raw in for (j, b) in bytes.enumerated() { raw[j] = b } }
            #expect(F.index(of: KeyWords(w0: words.0, w1: words.1, count: bytes.count)) == -1, "\(name) changed")
        }
    }

    @Test func everyFieldIsFoundByItsOwnNameOnly() {
        Self.check(RootFields.self)
        Self.check(ReferrerFields.self)
        Self.check(RefereeFields.self)
        Self.check(EventFields.self)
        Self.check(RewardFields.self)
    }
}
