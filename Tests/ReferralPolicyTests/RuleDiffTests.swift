import Testing
@testable import ReferralPolicy

/// The rule diff: rules matched by id, every kind of rule and value, locations on both sides,
/// cosmetic changes apart, versions matched by version string.
@Suite struct RuleDiffTests {
    static let base = """
        program: shop
        version: "1"
        currency: USD
        effective:
          from: 2025-01-01
        events:
          bought:
            amount: true
          refund:
            amount: true
        eligibility:
          - id: linked
            description: Came through a link
            field: referee.attribution
            in: [link]
        limits:
          - id: cap
            period: lifetime
            max_amount: 500.00
        referral_types:
          buyer:
            window:
              days: 60
            requirements:
              - id: first_purchase
                sum: bought
                at_least: 50.00
            rewards:
              - id: bonus
                to: referrer
                of: first_purchase
                tiers:
                  - id: small
                    at_least: 50.00
                    amount: 5.00
                    kind: credit
                  - id: big
                    at_least: 500.00
                    amount: 50.00
                    kind: cash
            reversal:
              on: [refund]
              within_days: 30

        """

    static func policy(_ text: String, _ file: String) throws -> Policy {
        let loaded = Policy.load(yaml: text, file: file)
        return try #require(loaded.policy, "\(loaded.diagnostics)")
    }

    static func edited(_ edits: [(String, String)]) -> String {
        var text = base
        for (a, b) in edits {
            #expect(text.contains(a), "edit target \(a)")
            text = text.replacingOccurrences(of: a, with: b)
        }
        return text
    }

    @Test func sameTextHasNoDifference() throws {
        let diff = RuleDiff.compare(base: [try Self.policy(Self.base, "a.yaml")], new: [try Self.policy(Self.base, "b.yaml")])
        #expect(diff.isEmpty)
    }

    @Test func everyKindOfChangeIsNamedByRuleIDWithBothLocations() throws {
        let new = Self.edited([
            ("  from: 2025-01-01", "  from: 2025-02-01"),
            ("    in: [link]", "    in: [link, code]"),
            ("    max_amount: 500.00", "    max_amount: 750.00"),
            ("      days: 60", "      days: 45"),
            ("    amount: 5.00", "    amount: 7.50"),
            ("          - id: big\n            at_least: 500.00\n            amount: 50.00\n            kind: cash\n", ""),
            ("      within_days: 30", "      within_days: 14"),
            ("    description: Came through a link", "    description: Signed up through a link"),
            ("        at_least: 50.00\n    rewards:",
             "        at_least: 50.00\n      - id: second_purchase\n        count: bought\n        at_least: 2\n    rewards:"),
        ])
        let diff = RuleDiff.compare(base: [try Self.policy(Self.base, "old.yaml")], new: [try Self.policy(new, "new.yaml")])
        let lines = diff.changes.map { "\($0.headline) @ \($0.locations)" }
        #expect(lines == [
            "policy: effective from 2025-01-01 -> from 2025-02-01 @ old.yaml:2 -> new.yaml:2",
            "linked: values [link] -> [link, code] @ old.yaml:12 -> new.yaml:12",
            "cap: max_amount 500.00 -> 750.00 @ old.yaml:17 -> new.yaml:17",
            "buyer: window 60 days -> 45 days @ old.yaml:21 -> new.yaml:21",
            "buyer.second_purchase: requirement added @ new.yaml:28",
            "buyer.bonus.small: amount 5.00 -> 7.50 @ old.yaml:34 -> new.yaml:37",
            "buyer.reversal: within 30 days -> 14 days @ old.yaml:42 -> new.yaml:41",
            "buyer.bonus.big: tier removed @ old.yaml:38",
        ], "\(lines.joined(separator: "\n"))")
        #expect(diff.cosmetic.map(\.headline) == [#"linked: description "Came through a link" -> "Signed up through a link""#])
    }

    @Test func aCommentOnlyChangeIsCosmetic() throws {
        let diff = RuleDiff.compare(base: [try Self.policy(Self.base, "a.yaml")], new: [try Self.policy("# a note\n" + Self.base, "b.yaml")])
        #expect(diff.changes.isEmpty)
        #expect(diff.cosmetic.map(\.headline) == ["policy: comments or layout changed"])
    }

    @Test func versionsAreMatchedByVersionString() throws {
        let v2 = Self.base.replacingOccurrences(of: "version: \"1\"", with: "version: \"2\"")
        let diff = RuleDiff.compare(base: [try Self.policy(Self.base, "v1.yaml")], new: [try Self.policy(v2, "v2.yaml")])
        #expect(diff.changes.map(\.headline) == ["version 2: version added", "version 1: version removed"])
        #expect(diff.changes.map(\.locations) == ["v2.yaml:2", "v1.yaml:2"])
    }
}
