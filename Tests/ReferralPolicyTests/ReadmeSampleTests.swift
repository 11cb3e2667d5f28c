import Foundation
import Testing
import ReferralPolicy

/// README.md's library sample compiles (it is `ReadmeSample.swift`), works, and is shown in
/// the README exactly as it is compiled.
@Suite struct ReadmeSampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func theReadmeShowsTheCompiledSample() throws {
        let sample = try String(contentsOf: Self.root.appendingPathComponent("Tests/ReferralPolicyTests/ReadmeSample.swift"),
                                encoding: .utf8)
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        let code = try #require(Self.between("// README sample begin\n", "// README sample end\n", in: sample))
        let block = try #require(Self.between("<!-- sample: Tests/ReferralPolicyTests/ReadmeSample.swift -->\n```swift\n",
                                              "```\n", in: readme))
        #expect(block == code)
    }

    @Test func theSampleDecidesTheShippedExample() throws {
        let service = try ReferralService(folder: Self.root.appendingPathComponent("policies").path)
        let pending = try Data(contentsOf: Self.root.appendingPathComponent("fixtures/client-pending/snapshot.json"))
        #expect(service.decide(json: Array(pending)).contains(#""status":"pending""#))
        #expect(service.decide(json: Array("{}".utf8)).hasPrefix(#"{"error":{"code":"invalid_snapshot""#))

        let at = { (text: String) throws -> Instant in try #require(Instant.parse(text)) }
        let events = [
            Snapshot.Event(type: "posted_job", at: try at("2025-07-06T09:00:00Z")),
            Snapshot.Event(type: "hired", at: try at("2025-07-08T09:00:00Z")),
            Snapshot.Event(type: "spent", at: try at("2025-07-20T09:00:00Z"), amountMinor: 60_000,
                           attributes: ["paid_from": .string("card")]),
        ]
        let owed = try service.cashOwed(referral: "r-1", referrer: "u-1", referee: "u-2",
                                        signedUp: try at("2025-07-05T14:00:00Z"), events: events,
                                        now: try at("2025-10-01T00:00:00Z"))
        #expect(owed?.minorUnits == 10_000)
        #expect(owed?.currency.code == "USD")
        let early = try service.cashOwed(referral: "r-1", referrer: "u-1", referee: "u-2",
                                         signedUp: try at("2025-07-05T14:00:00Z"), events: Array(events.prefix(2)),
                                         now: try at("2025-10-01T00:00:00Z"))
        #expect(early == nil)
    }

    /// The text between the first `start` and the next `end` after it.
    static func between(_ start: String, _ end: String, in text: String) -> String? {
        guard let from = text.range(of: start), let to = text.range(of: end, range: from.upperBound..<text.endIndex) else {
            return nil
        }
        return String(text[from.upperBound..<to.lowerBound])
    }
}
