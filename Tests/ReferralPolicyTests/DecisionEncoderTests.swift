import Foundation
import Testing
@testable import ReferralPolicy

private func instant(_ text: String) -> Instant {
    Instant.parse(text) ?? Instant(secondsSinceEpoch: .min)
}

private func usd() throws -> Currency {
    try #require(Currency(code: "USD"))
}

@Suite struct DecisionEncoderTests {
    /// Every optional field set (not a decision the evaluator would make: it covers the encoder).
    static func full() throws -> Decision {
        let dollars = try usd()
        return Decision(
            referralID: "r-1", referralType: "freelancer",
            policy: PolicyIdentity(program: "marketplace-referrals", version: "2", contentHash: "sha256:abc"),
            asOf: instant("2025-03-22T00:00:00Z"), status: .reversed, reason: "freelancer.reversal",
            qualifiedAt: instant("2025-01-20T08:00:00Z"),
            rewards: [Decision.Reward(rule: "freelancer.referrer_bonus.starter", beneficiary: .referrer, kind: .credit,
                                      amount: Money(minorUnits: 2500, currency: dollars), earnedAt: instant("2025-01-20T08:00:00Z"),
                                      payableAt: instant("2025-02-03T08:00:00Z"), expiresAt: instant("2026-02-03T08:00:00Z"),
                                      limitedBy: "yearly_cap", uncappedMinor: 10000)],
            progress: [Decision.Progress(requirement: "client.spent_enough", description: "Spend $500", eventType: "spent",
                                         unit: .money, have: 32000, need: 50000, currency: dollars,
                                         deadline: instant("2025-06-30T10:00:00Z"))],
            explanation: [Decision.Check(rule: "no_self_referral", kind: .eligibility, held: true,
                                         saw: "referrer.id `u1` is not referee.id `u2`")])
    }

    static let minimal = Decision(
        referralID: "r-2", referralType: "client",
        policy: PolicyIdentity(program: "p", version: "1", contentHash: "sha256:0"),
        asOf: instant("2025-03-22T00:00:00Z"), status: .pending)

    @Test func compactWithEveryField() throws {
        #expect(DecisionEncoder.json(try Self.full()) == #"""
            {"referral_id":"r-1","referral_type":"freelancer","policy":{"program":"marketplace-referrals","version":"2","content_hash":"sha256:abc"},"as_of":"2025-03-22T00:00:00Z","status":"reversed","reason":"freelancer.reversal","qualified_at":"2025-01-20T08:00:00Z","rewards":[{"rule":"freelancer.referrer_bonus.starter","beneficiary":"referrer","kind":"credit","amount":"25.00","amount_minor":2500,"currency":"USD","earned_at":"2025-01-20T08:00:00Z","payable_at":"2025-02-03T08:00:00Z","expires_at":"2026-02-03T08:00:00Z","limited_by":"yearly_cap","uncapped_minor":10000}],"progress":[{"requirement":"client.spent_enough","description":"Spend $500","event_type":"spent","unit":"money","have":32000,"need":50000,"currency":"USD","deadline":"2025-06-30T10:00:00Z"}],"explanation":[{"rule":"no_self_referral","kind":"eligibility","held":true,"saw":"referrer.id `u1` is not referee.id `u2`"}]}
            """#)
    }

    @Test func prettyWithEveryField() throws {
        #expect(DecisionEncoder.json(try Self.full(), pretty: true) == """
            {
              "referral_id": "r-1",
              "referral_type": "freelancer",
              "policy": {
                "program": "marketplace-referrals",
                "version": "2",
                "content_hash": "sha256:abc"
              },
              "as_of": "2025-03-22T00:00:00Z",
              "status": "reversed",
              "reason": "freelancer.reversal",
              "qualified_at": "2025-01-20T08:00:00Z",
              "rewards": [
                {
                  "rule": "freelancer.referrer_bonus.starter",
                  "beneficiary": "referrer",
                  "kind": "credit",
                  "amount": "25.00",
                  "amount_minor": 2500,
                  "currency": "USD",
                  "earned_at": "2025-01-20T08:00:00Z",
                  "payable_at": "2025-02-03T08:00:00Z",
                  "expires_at": "2026-02-03T08:00:00Z",
                  "limited_by": "yearly_cap",
                  "uncapped_minor": 10000
                }
              ],
              "progress": [
                {
                  "requirement": "client.spent_enough",
                  "description": "Spend $500",
                  "event_type": "spent",
                  "unit": "money",
                  "have": 32000,
                  "need": 50000,
                  "currency": "USD",
                  "deadline": "2025-06-30T10:00:00Z"
                }
              ],
              "explanation": [
                {
                  "rule": "no_self_referral",
                  "kind": "eligibility",
                  "held": true,
                  "saw": "referrer.id `u1` is not referee.id `u2`"
                }
              ]
            }
            """)
    }

    @Test func compactWithNoOptionalField() {
        #expect(DecisionEncoder.json(Self.minimal) == #"""
            {"referral_id":"r-2","referral_type":"client","policy":{"program":"p","version":"1","content_hash":"sha256:0"},"as_of":"2025-03-22T00:00:00Z","status":"pending","rewards":[],"progress":[]}
            """#)
    }

    @Test func prettyWithNoOptionalField() {
        #expect(DecisionEncoder.json(Self.minimal, pretty: true) == """
            {
              "referral_id": "r-2",
              "referral_type": "client",
              "policy": {
                "program": "p",
                "version": "1",
                "content_hash": "sha256:0"
              },
              "as_of": "2025-03-22T00:00:00Z",
              "status": "pending",
              "rewards": [],
              "progress": []
            }
            """)
    }

    @Test func statusesUseTheirWireNames() {
        var d = Self.minimal
        d.status = .notEligible
        d.reason = "no_self_referral"
        #expect(DecisionEncoder.json(d).contains(#""status":"not_eligible","reason":"no_self_referral","rewards":[]"#))
    }

    @Test func escaping() {
        var d = Self.minimal
        d.referralID = "a\"b\\c/\n\t\r\u{0}\u{1}\u{1F} é中😀\u{7F}\u{2028}"
        let expected = #""referral_id":"a\"b\\c/\u000a\u0009\u000d\u0000\u0001\u001f é中😀"# + "\u{7F}\u{2028}\","
        #expect(DecisionEncoder.json(d).hasPrefix("{" + expected))
        // Whatever the text, the output is JSON that reads back to the same text.
        let data = Data(DecisionEncoder.json(d).utf8)
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(object?["referral_id"] as? String == d.referralID)
    }

    @Test func appendAddsToTheBufferWithoutANewline() throws {
        var buffer = Array("x\n".utf8)
        DecisionEncoder.append(Self.minimal, to: &buffer)
        DecisionEncoder.append(try Self.full(), to: &buffer, pretty: true)
        #expect(buffer == Array(("x\n" + DecisionEncoder.json(Self.minimal) + DecisionEncoder.json(try Self.full(), pretty: true)).utf8))
    }

    @Test func outputIsValidJSON() throws {
        for d in [try Self.full(), Self.minimal] {
            for pretty in [false, true] {
                let text = DecisionEncoder.json(d, pretty: pretty)
                #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any])
                #expect(text.contains("\n") == pretty)
            }
        }
    }

    @Test func amountsMatchMoneyDecimalString() {
        let values: [Int64] = [0, 1, 5, 9, 10, 99, 100, 101, 2500, 15057, 123_456_789, -1, -5, -99, -100, -15057, .max, .min, .max - 1, .min + 1]
        for code in ["JPY", "USD", "KWD"] {
            guard let currency = Currency(code: code) else { continue }
            for v in values {
                var w = JSONWriter(pretty: false)
                w.decimal(v, digits: currency.minorUnitDigits)
                #expect(String(decoding: w.out, as: UTF8.self) == "\"" + Money.decimalString(v, digits: currency.minorUnitDigits) + "\"")
            }
        }
    }

    @Test func instantsMatchTheirDescription() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        var samples: [Int64] = [0, -1, 1, 86_399, 86_400, -86_400, -86_401, 951_782_400, 1_740_787_200,
                                -62_135_596_800, 253_402_300_799]
        for _ in 0..<2_000 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            samples.append(Int64(seed >> 28) % 253_402_300_799 - Int64(seed >> 40) * 3_000_000)
        }
        for s in samples {
            let t = Instant(secondsSinceEpoch: s)
            var w = JSONWriter(pretty: false)
            w.instant(t)
            #expect(String(decoding: w.out, as: UTF8.self) == "\"\(t.description)\"", "\(s)")
        }
    }

    @Test func integersAtTheEdges() {
        for v: Int64 in [0, 7, -7, 10, -10, .max, .min] {
            var w = JSONWriter(pretty: false)
            w.integer(v)
            #expect(String(decoding: w.out, as: UTF8.self) == String(v))
        }
    }

    // MARK: - Error records

    static let error = EvaluationError(.invalidSnapshot, "expected an instant like `2025-03-01T12:00:00Z`, found `soon`",
                                       path: "events[0].at")

    @Test func errorRecord() {
        #expect(DecisionEncoder.errorRecord(Self.error, line: 3, referralID: "r-7") == #"""
            {"line":3,"referral_id":"r-7","error":{"code":"invalid_snapshot","message":"expected an instant like `2025-03-01T12:00:00Z`, found `soon`","path":"events[0].at"}}
            """#)
        #expect(DecisionEncoder.errorRecord(Self.error, line: 3, referralID: "r-7", pretty: true) == """
            {
              "line": 3,
              "referral_id": "r-7",
              "error": {
                "code": "invalid_snapshot",
                "message": "expected an instant like `2025-03-01T12:00:00Z`, found `soon`",
                "path": "events[0].at"
              }
            }
            """)
    }

    @Test func errorRecordWithoutOptionalFields() {
        let error = EvaluationError(.invalidJSON, #"expected `,` or `}` at byte 12 in "x""#)
        #expect(DecisionEncoder.errorRecord(error, line: nil) == #"""
            {"error":{"code":"invalid_json","message":"expected `,` or `}` at byte 12 in \"x\""}}
            """#)
    }
}

/// The worked example in `docs/snapshots-and-decisions.md` is what the example program decides.
@Suite struct WireFormDocTests {
    static let docPath = T.packageRoot + "/docs/snapshots-and-decisions.md"

    /// The fenced block right after the first line starting with `marker`.
    static func block(after marker: String, in text: String) -> String? {
        guard let at = text.range(of: marker) else { return nil }
        let rest = text[at.upperBound...]
        guard let open = rest.range(of: "```json\n") else { return nil }
        let body = rest[open.upperBound...]
        guard let close = body.range(of: "```") else { return nil }
        // Strip the indentation of a block nested in a list item.
        let lines = body[..<close.lowerBound].split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        let indent = lines.filter { !$0.isEmpty }.map { $0.prefix { $0 == " " }.count }.min() ?? 0
        return lines.map { $0.dropFirst(indent) }.joined(separator: "\n")
    }

    /// Hashes depend on the policy file's bytes; the document shortens them.
    static func shortHash(_ json: String) -> String {
        json.replacing(/sha256:[0-9a-f]{64}/, with: "sha256:…")
    }

    @Test func docsWorkedExample() throws {
        let text = try String(contentsOfFile: Self.docPath, encoding: .utf8)
        let snapshot = try #require(Self.block(after: "<!-- example snapshot", in: text))
        let expected = try #require(Self.block(after: "<!-- example decision", in: text))
        let set = try T.example()
        let decision = try set.evaluate(json: Array(snapshot.utf8))
        #expect(Self.shortHash(DecisionEncoder.json(decision, pretty: true)) == expected)

        for (asOf, marker) in [("2025-07-22T00:00:00Z", "open until 6 January 2026:"), ("2026-02-01T00:00:00Z", "so the rewards are taken back:")] {
            let moved = snapshot.replacingOccurrences(of: #""as_of":"2025-09-01T00:00:00Z""#, with: #""as_of":"\#(asOf)""#)
            let other = try set.evaluate(json: Array(moved.utf8))
            let shown = try #require(Self.block(after: marker, in: text))
            #expect(Self.shortHash(DecisionEncoder.json(other)) == shown, "\(asOf)")
        }
    }
}
