import Foundation
import Testing
@testable import ReferralPolicy

/// The decision writer reserves an upper bound of a decision's bytes and writes into it: the
/// texts of the snapshot that grow most when escaped, long texts, and buffers with and without
/// room still give exactly what ``DecisionEncoder`` writes. (Debug builds also check each write
/// against the reservation.)
@Suite struct DecisionWriterTests {
    /// A fixture's snapshot, decided by the shipped program, with its `id` replaced.
    static func snapshot(id: String, fixture: String = "freelancer-qualified-cash-tier") throws -> [UInt8] {
        let path = T.packageRoot + "/fixtures/\(fixture)/snapshot.json"
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        object["id"] = id
        return Array(try JSONSerialization.data(withJSONObject: object))
    }

    static func expectAgreement(_ json: [UInt8], _ set: PolicySet, prefix: [UInt8], sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        var buffer = prefix
        let decision: Decision
        do {
            decision = try set.evaluate(json: json)
        } catch {
            #expect(throws: error) { try set.appendDecision(json: json, to: &buffer) }
            #expect(buffer == prefix, sourceLocation: sourceLocation)
            return
        }
        try set.appendDecision(json: json, to: &buffer)
        #expect(Array(buffer.prefix(prefix.count)) == prefix, sourceLocation: sourceLocation)
        #expect(String(decoding: buffer.dropFirst(prefix.count), as: UTF8.self) == DecisionEncoder.json(decision),
                sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        "r-1",
        "",
        String(repeating: "\u{01}", count: 300),  // each byte becomes six: `\u0001`
        String(repeating: "\"\\", count: 200),
        "é\u{1F}\u{7F}\u{2028}ü\"",
        String(repeating: "x", count: 10_000),
        String(repeating: "\u{1F}y", count: 5_000),
    ])
    func idsThatGrowWhenEscapedAgree(id: String) throws {
        let set = T.exampleSet
        let json = try Self.snapshot(id: id)
        for prefix in [[], [1, 2, 3], [UInt8](repeating: 7, count: 4_093)] {
            try Self.expectAgreement(json, set, prefix: prefix)
        }
    }

    @Test func manyDecisionsIntoOneBuffer() throws {
        let set = T.exampleSet
        var buffer: [UInt8] = []
        var expected: [UInt8] = []
        for k in 0..<500 {
            let json = try Self.snapshot(id: String(repeating: "\u{02}", count: k % 37) + "r-\(k)")
            try set.appendDecision(json: json, to: &buffer)
            expected += DecisionEncoder.json(try set.evaluate(json: json)).utf8
        }
        #expect(buffer == expected)
    }

    @Test func instantsAtTheEdgesOfTheFourDigitYears() {
        let samples: [Int64] = [-62_167_219_200, -62_167_219_201, -62_167_219_199, 253_402_300_799, 253_402_300_800,
                                253_402_300_801, -62_135_596_800, -62_135_596_801, 951_782_400 - 1, 951_868_800,
                                4_107_542_400, 4_107_628_800, 68_256_000_000, .max, .min + 86_400]
        for s in samples {
            let t = Instant(secondsSinceEpoch: s)
            var w = JSONWriter(pretty: false)
            w.instant(t)
            #expect(String(decoding: w.out, as: UTF8.self) == "\"\(t.description)\"", "\(s)")
            #expect(w.out.count <= JSONCursor.instantBytes)
        }
    }

    @Test func integersAtEveryPowerOfTen() {
        var samples: [UInt64] = [0, .max, .max - 1]
        var power: UInt64 = 1
        for k in 0..<20 {
            samples += [power - 1, power, power + 1]
            if k < 19 { power *= 10 }
        }
        for v in samples {
            #expect(JSONCursor.digitCount(v) == String(v).count, "\(v)")
            guard v <= UInt64(Int64.max) else { continue }
            var w = JSONWriter(pretty: false)
            w.integer(Int64(v))
            #expect(String(decoding: w.out, as: UTF8.self) == String(v))
        }
    }

    @Test func textsOfEveryLengthCopiedWhole() {
        // Every length through the word, 16- and 32-byte copies and past the `memcpy` threshold.
        let letters = Array("abcdefghijklmnopqrstuvwxyz0123456789".utf8)
        for n in 0...600 {
            let text = String(decoding: (0..<n).map { letters[$0 % letters.count] }, as: UTF8.self)
            var w = JSONWriter(pretty: false)
            w.string(text)
            #expect(String(decoding: w.out, as: UTF8.self) == "\"" + text + "\"", "\(n)")
        }
    }

    @Test func valuesStayWithinTheirBounds() {
        for v: Int64 in [0, 9, 10, 99, 100, 101, 999_999, 1_000_000, .max, .min, .min + 1] {
            var w = JSONWriter(pretty: false)
            w.integer(v)
            #expect(String(decoding: w.out, as: UTF8.self) == String(v))
            #expect(w.out.count <= JSONCursor.integerBytes)
            for places in [0, 2, 3, 19] {
                var d = JSONWriter(pretty: false)
                d.decimal(v, digits: places)
                #expect(String(decoding: d.out, as: UTF8.self) == "\"" + Money.decimalString(v, digits: places) + "\"", "\(v) \(places)")
                #expect(d.out.count <= JSONCursor.decimalBytes)
            }
        }
    }
}
