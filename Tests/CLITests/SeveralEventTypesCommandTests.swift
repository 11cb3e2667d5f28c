import Foundation
import Testing

/// A requirement over several event types (`sum: [buy, sell]`) as the command shows it: text
/// progress names every type, the summary's JSON lists them; and a comparison of two fields
/// in the explanation.
@Suite struct SeveralEventTypesCommandTests {
    static let pending = ["--policy", "fixtures/several-event-types-pending/policy.yaml", "fixtures/several-event-types-pending/snapshot.json"]

    @Test func textProgressNamesEveryType() throws {
        let result = try CLI.run(["evaluate", "--format", "text", "--explain"] + Self.pending)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout.contains("    trader.traded: buy or sell $70.00 of $100.00, 81 days left\n"), "\(result)")
        #expect(result.stdout.contains("    failed requirement trader.traded: `buy` and `sell` amounts in the window add up to $70.00 of $100.00 needed\n"),
                "\(result)")
        #expect(result.stdout.contains("    held   eligibility same_country_as_referrer: referee.country is `US`, referrer.country is `US`; must be the same\n"),
                "\(result)")
    }

    @Test func summaryListsTheTypes() throws {
        let result = try CLI.run(["evaluate", "--summary"] + Self.pending)
        #expect(result.status == 0, "\(result)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let referrers = try #require(summary["referrers"] as? [[String: Any]])
        let pending = try #require(referrers.first?["pending_referrals"] as? [[String: Any]])
        let progress = try #require(pending.first?["progress"] as? [[String: Any]])
        #expect(progress.first?["event_type"] as? String == "buy")
        #expect(progress.first?["event_types"] as? [String] == ["buy", "sell"])
    }
}
