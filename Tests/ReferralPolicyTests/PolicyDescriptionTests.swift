import Foundation
import Testing
@testable import ReferralPolicy

/// `PolicyDescription`, the library behind `referral-policy describe`: the same text as the
/// command's goldens, the sentences of rules the goldens do not use, and text from the
/// author kept as text (never markup) in both formats.
@Suite struct PolicyDescriptionTests {
    static let goldens = T.packageRoot + "/Tests/CLITests/Inputs/describe/"

    @Test func libraryGivesTheCommandsText() throws {
        let set = try T.example()
        #expect(PolicyDescription(set).markdown == (try String(contentsOfFile: Self.goldens + "marketplace.md", encoding: .utf8)))
        #expect(PolicyDescription(set).html == (try String(contentsOfFile: Self.goldens + "marketplace.html", encoding: .utf8)))
    }

    static let rules = T.header + """
        eligibility:
          - id: nobody
            field: referee.attribution
            in: []
          - self_referral: allow
        limits:
          - id: one_a_day
            rolling_days: 1
            max_rewards: 1
          - period: calendar_year
            max_amount: 100.00
            kind: cash
        referral_types:
          freelancer:
            window: { until: 2025-12-31T12:00:00Z }
            requirements:
              - id: earnings
                sum: earned
                at_least: 100.00
              - count: hired
                at_least: 2
                distinct_days: true
            rewards:
              - to: referrer
                kind: credit
                percent: 20%
                of: earnings
                max: 40.00
              - to: referee
                kind: credit
                amount: 5
        """

    @Test(arguments: [
        "- No referral passes this rule: it lists no values for the referee's `attribution` (`nobody`).",
        "- A referrer may refer themselves.",
        "Only events from the referee's sign-up until 31 December 2025, 12:00 UTC count.",
        "- have *hired* events on at least **2** different days (UTC calendar days)",
        "- **The referrer** gets **20%** of the total of *earned* events measured by `freelancer.earnings`, rounded down to $0.01, as platform credit: at most **$40.00**, payable as soon as it is earned; the credit does not expire.",
        "- **The referee** gets **$5.00** of platform credit, payable as soon as it is earned; the credit does not expire.",
        "- A referrer receives at most **one** reward in any one day (`one_a_day`).",
        "- A referrer receives at most **$100.00** in cash in each calendar year.",
        "The program has one version, in force at all times.",
    ])
    func sentence(_ line: String) throws {
        let markdown = PolicyDescription(try T.policy(Self.rules)).markdown
        #expect(markdown.split(separator: "\n").contains(Substring(line)), "not found:\n\(line)\nin:\n\(markdown)")
    }

    /// Two versions with a gap between them: the text says who no version applies to.
    @Test func saysWhenNoVersionApplies() throws {
        func version(_ label: String, _ effective: String) -> String {
            T.header.replacingOccurrences(of: "version: \"1\"", with: "version: \"\(label)\"\neffective: \(effective)") + """
                referral_types:
                  client:
                    requirements:
                      - { id: spent, sum: spent, at_least: 1.00 }
                    rewards:
                      - { to: referrer, kind: cash, amount: 1.00 }
                """
        }
        let made = PolicySet.make([try T.policy(version("1", "{ from: 2025-01-01, until: 2025-06-01 }")),
                                   try T.policy(version("2", "{ from: 2025-07-01 }"))])
        let set = try #require(made.set, "\(made.diagnostics)")
        let markdown = PolicyDescription(set).markdown
        let line = "The program has two versions. Which version applies to a referral is decided by the date the referee signed up, so a referral keeps the rules it signed up under, however late it is decided. No version applies to referees who signed up before 1 January 2025 or from 1 June 2025 to 30 June 2025: such a referral is not decided."
        #expect(markdown.split(separator: "\n").contains(Substring(line)), "\(markdown)")
        #expect(markdown.contains("## Version 1\n\nThis version applies to referees who signed up on or after 1 January 2025 and before 1 June 2025."))
    }

    static let hostile = """
        program: hostile
        version: "1"
        description: "<script>alert(1)</script> *not bold* [a link](http://x) `code`"
        currency: USD
        events:
          spent: { amount: true }
        referral_types:
          client:
            description: "a & b < c"
            requirements:
              - { id: spent, sum: spent, at_least: 1.00 }
            rewards:
              - { to: referrer, kind: cash, amount: 1.00 }
        """

    @Test func authorTextIsTextInMarkdown() throws {
        let markdown = PolicyDescription(try T.policy(Self.hostile)).markdown
        #expect(markdown.contains(#"> **Author's note:** \<script\>alert(1)\</script\> \*not bold\* \[a link\](http://x) \`code\`"#))
        #expect(markdown.contains("> **Author's note:** a & b \\< c"))
    }

    @Test func authorTextIsTextInHTML() throws {
        let html = PolicyDescription(try T.policy(Self.hostile)).html
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; *not bold* [a link](http://x) `code`"))
        #expect(html.contains("a &amp; b &lt; c"))
    }
}
