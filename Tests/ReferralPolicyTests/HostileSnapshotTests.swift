import Foundation
import Testing
@testable import ReferralPolicy

/// Bad and extreme snapshots: each gets a clear per-record error, or a documented behaviour.
@Suite struct HostileSnapshotTests {
    static let good = #"{"id":"r-1","type":"freelancer","as_of":"2025-08-15T00:00:00Z","referrer":{"id":"u-1","status":"active"},"referee":{"id":"u-2","signup_at":"2025-07-10T00:00:00Z","attribution":"link","country":"US"},"events":[{"type":"earned","at":"2025-07-20T00:00:00Z","amount_minor":15000}]}"#

    static func decide(_ text: String) -> String {
        do {
            let d = try T.exampleSet.evaluate(json: Array(text.utf8))
            return "\(d.status.rawValue) \(d.rewards.map { "\($0.rule)=\($0.amount.minorUnits)" }.joined(separator: ","))"
        } catch {
            return error.description
        }
    }

    static let cases: [(String, String, String)] = [
        ("not JSON", "referral r-1 qualified", "invalid_json: expected a value at byte 0"),
        ("truncated", String(good.prefix(120)), "invalid_json: unexpected end of input (truncated?)"),
        ("wrong type", good.replacingOccurrences(of: #""amount_minor":15000"#, with: #""amount_minor":"150.00""#),
         "invalid_snapshot at events[0].amount_minor: expected an integer number of minor units, found text"),
        ("fraction", good.replacingOccurrences(of: #""amount_minor":15000"#, with: #""amount_minor":150.5"#),
         "invalid_snapshot at events[0].amount_minor: expected an integer number of minor units, found `150.5`"),
        ("missing field", good.replacingOccurrences(of: #""signup_at":"2025-07-10T00:00:00Z","#, with: ""),
         "invalid_snapshot at referee.signup_at: missing field `signup_at`"),
        ("extra field", good.replacingOccurrences(of: #""amount_minor":15000"#, with: #""amount_minor":15000,"amout":1"#),
         "invalid_snapshot at events[0].amout: unknown field `amout`; expected one of `type`, `at`, `amount_minor`, `currency`, `attributes`, `amount_cents`"),
        ("unknown referral type", good.replacingOccurrences(of: #""type":"freelancer""#, with: #""type":"freelance""#),
         "unknown_referral_type at type: unknown referral type `freelance`; did you mean `freelancer`?"),
        ("unknown event type", good.replacingOccurrences(of: #""type":"earned""#, with: #""type":"earning""#),
         "unknown_event_type at events[0].type: unknown event type `earning`"),
        ("impossible instant", good.replacingOccurrences(of: "2025-07-20T00:00:00Z", with: "2025-02-30T00:00:00Z"),
         "invalid_snapshot at events[0].at: expected an instant like `2025-03-01T12:00:00Z`, found `2025-02-30T00:00:00Z`"),
        ("other currency", good.replacingOccurrences(of: #""amount_minor":15000"#, with: #""amount_minor":15000,"currency":"EUR""#),
         "currency_mismatch at events[0].currency: amount in `EUR`, but this policy counts amounts in `USD`"),
        ("negative amount", good.replacingOccurrences(of: #""amount_minor":15000"#, with: #""amount_minor":-15000"#),
         "invalid_snapshot at events[0].amount_minor: amounts are 0 or more, found -15000"),
        ("amount past Int64", good.replacingOccurrences(of: #""amount_minor":15000"#, with: #""amount_minor":99999999999999999999"#),
         "invalid_snapshot at events[0].amount_minor: `99999999999999999999` does not fit in a 64-bit integer"),
        ("sum overflows", good.replacingOccurrences(of: #"}]}"#, with: #"},{"type":"earned","at":"2025-07-21T00:00:00Z","amount_minor":9223372036854775807}]}"#),
         "overflow at events[1].amount_minor: the sum of `earned` amounts for `freelancer.first_earnings` overflows"),
        ("event after as_of is not yet known", good.replacingOccurrences(of: "2025-07-20T00:00:00Z", with: "2025-09-01T00:00:00Z"),
         "pending "),
        ("events out of order are sorted", good.replacingOccurrences(of: #"}]}"#, with: #"},{"type":"refund","at":"2025-07-15T00:00:00Z","amount_minor":100}]}"#),
         "qualified freelancer.referrer_bonus.starter=2500"),
        ("trailing garbage", good + "}", "invalid_json: unexpected data after the snapshot at byte \(good.utf8.count)"),
    ]

    @Test(arguments: cases)
    func eachGetsAClearAnswer(name: String, text: String, expected: String) {
        #expect(Self.decide(text) == expected, "\(name)")
    }

    @Test func tenMegabyteLine() {
        let big = Self.good.replacingOccurrences(of: #""id":"u-2""#, with: #""id":"u-2","attributes":{"note":"\#(String(repeating: "x", count: 10_000_000))"}"#)
        #expect(big.utf8.count > 10_000_000)
        #expect(Self.decide(big) == "qualified freelancer.referrer_bonus.starter=2500")
    }

    @Test func aMillionEvents() {
        var text = Self.good.replacingOccurrences(of: #"}]}"#, with: "}")
        text.reserveCapacity(60_000_000)
        for i in 0..<1_000_000 {
            text += #",{"type":"earned","at":"2025-07-2\#(i % 10)T00:00:00Z","amount_minor":1}"#
        }
        text += "]}"
        #expect(Self.decide(text) == "qualified freelancer.referrer_bonus.pro=10000")
    }
}
