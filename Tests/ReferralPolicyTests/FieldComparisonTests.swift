import Foundation
import Testing
@testable import ReferralPolicy

/// Comparisons of two fields (`equals_field`, `not_equals_field`) in eligibility rules and in
/// `where` filters: what holds, what a missing value does, what the explanation says, plain
/// English and the rule diff.
@Suite struct FieldComparisonTests {
    static let policy = T.header + """
    attributes:
      referrer:
        plan: text
        level: integer
        verified: boolean
      referee:
        plan: text
        level: integer
        verified: boolean
        home: text
    eligibility:
      - id: same_country
        field: referee.country
        equals_field: referrer.country
      - id: other_plan
        field: referee.plan
        not_equals_field: referrer.plan
    referral_types:
      freelancer:
        requirements: [{ count: hired }]
        rewards: [{ to: referrer, kind: cash, amount: 1.00 }]
    """

    static func referrer(country: String? = "US", plan: String? = "pro") -> Snapshot.Referrer {
        var attributes: [String: AttributeValue] = [:]
        if let plan { attributes["plan"] = .string(plan) }
        return Snapshot.Referrer(id: "u-referrer", status: "active", country: country, attributes: attributes)
    }

    static func decide(_ policy: Policy, referrer: Snapshot.Referrer, country: String?, plan: String?) throws -> Decision {
        let attributes: [String: AttributeValue] = plan.map { ["plan": .string($0)] } ?? [:]
        return try policy.evaluate(T.snapshot(referrer: referrer, country: country, refereeAttributes: attributes), explain: true)
    }

    @Test(arguments: [
        // referrer country, referee country, referrer plan, referee plan, reason ("" when eligible)
        ("US", "US", "pro", "basic", ""),
        ("US", "CA", "pro", "basic", "same_country"),
        ("US", "US", "pro", "pro", "other_plan"),
        ("US", nil, "pro", "basic", "same_country"),      // missing on the referee's side
        (nil, "US", "pro", "basic", "same_country"),      // missing on the referrer's side
        ("US", "US", nil, "basic", "other_plan"),         // a missing value fails `not_equals_field` too
        ("US", "US", "pro", nil, "other_plan"),
    ] as [(String?, String?, String?, String?, String)])
    func aRuleHoldsOnlyWhenBothValuesAreKnown(_ referrerCountry: String?, _ country: String?, _ referrerPlan: String?,
                                              _ plan: String?, _ reason: String) throws {
        let policy = try T.policy(Self.policy)
        let d = try Self.decide(policy, referrer: Self.referrer(country: referrerCountry, plan: referrerPlan), country: country, plan: plan)
        if reason.isEmpty {
            #expect(d.status == .pending)
        } else {
            #expect(d.status == .notEligible)
            #expect(d.reason == reason)
        }
    }

    @Test func theExplanationSaysWhichSideIsMissing() throws {
        let policy = try T.policy(Self.policy)
        func saw(_ referrer: Snapshot.Referrer, _ country: String?, _ plan: String?) throws -> [String] {
            try Self.decide(policy, referrer: referrer, country: country, plan: plan).explanation.filter { $0.kind == .eligibility }.map(\.saw)
        }
        #expect(try saw(Self.referrer(), "US", "basic") == [
            "referee.country is `US`, referrer.country is `US`; must be the same",
            "referee.plan is `basic`, referrer.plan is `pro`; must differ",
        ])
        #expect(try saw(Self.referrer(country: nil, plan: nil), nil, "basic") == [
            "referee.country is missing, referrer.country is missing; must be the same (fails: referee.country and referrer.country are missing)",
            "referee.plan is `basic`, referrer.plan is missing; must differ (fails: referrer.plan is missing)",
        ])
    }

    @Test func numbersBooleansAndCanonicallyEquivalentText() throws {
        let policy = try T.policy(Self.policy.replacingOccurrences(of: """
          - id: same_country
            field: referee.country
            equals_field: referrer.country
          - id: other_plan
            field: referee.plan
            not_equals_field: referrer.plan
        """, with: """
          - id: same_level
            field: referee.level
            equals_field: referrer.level
          - id: both_verified_alike
            field: referrer.verified
            equals_field: referee.verified
          - id: same_home
            field: referee.home
            equals_field: referrer.country
        """))
        func decide(_ referrer: [String: AttributeValue], _ referee: [String: AttributeValue], country: String = "CI") throws -> Decision {
            let r = Snapshot.Referrer(id: "u-referrer", status: "active", country: country, attributes: referrer)
            return try policy.evaluate(T.snapshot(referrer: r, refereeAttributes: referee))
        }
        let alike: [String: AttributeValue] = ["level": .integer(3), "verified": .bool(true)]
        #expect(try decide(alike, alike.merging(["home": .string("CI")]) { a, _ in a }).status == .pending)
        #expect(try decide(alike, ["level": .integer(4), "verified": .bool(true), "home": .string("CI")]).reason == "same_level")
        #expect(try decide(alike, ["level": .integer(3), "verified": .bool(false), "home": .string("CI")]).reason == "both_verified_alike")
        // `é` precomposed and decomposed are one text, as everywhere.
        #expect(try decide(alike, alike.merging(["home": .string("Cafe\u{301}")]) { a, _ in a }, country: "Caf\u{E9}").status == .pending)
        #expect(try decide(alike, alike.merging(["home": .string("CA")]) { a, _ in a }).reason == "same_home")
    }

    static let filtered = T.header + """
    attributes:
      referee:
        city: text
    referral_types:
      freelancer:
        requirements:
          - id: local_earnings
            sum: earned
            at_least: 100.00
            where:
              category: { equals_field: referee.city }
        rewards: [{ to: referrer, kind: cash, amount: 1.00 }]
    """

    @Test func aFilterComparesTheEventsAttributeWithTheRefereesField() throws {
        let policy = try T.policy(Self.filtered)
        let events = [
            T.event("earned", "2025-07-11T00:00:00Z", 6_000, ["category": .string("lyon")]),
            T.event("earned", "2025-07-12T00:00:00Z", 9_000, ["category": .string("paris")]),
            T.event("earned", "2025-07-13T00:00:00Z", 9_000),                                   // no attribute: does not count
            T.event("earned", "2025-07-14T00:00:00Z", 3_000, ["category": .string("lyon")]),
        ]
        let d = try policy.evaluate(T.snapshot(refereeAttributes: ["city": .string("lyon")], events: events))
        #expect(d.status == .pending && d.progress.map(\.have) == [9_000])
        // Without the referee's city, no event counts.
        #expect(try policy.evaluate(T.snapshot(events: events)).progress.map(\.have) == [0])
        let negated = try T.policy(Self.filtered.replacingOccurrences(of: "equals_field: referee.city", with: "not_equals_field: referee.city"))
        #expect(try negated.evaluate(T.snapshot(refereeAttributes: ["city": .string("lyon")], events: events)).progress.map(\.have) == [9_000])
        #expect(try negated.evaluate(T.snapshot(events: events)).progress.map(\.have) == [0])
    }

    @Test func describeReadsAloud() throws {
        let markdown = PolicyDescription(try T.policy(Self.policy)).markdown
        let lines = markdown.split(separator: "\n").map(String.init)
        #expect(lines.contains("- The referee must live in the same country as the referrer (a referral where either is not known does not pass this rule) (`same_country`)."),
                "\(markdown)")
        #expect(lines.contains("- The referee's `plan` must differ from the referrer's (a referral where either is not known does not pass this rule) (`other_plan`)."),
                "\(markdown)")
        let filtered = PolicyDescription(try T.policy(Self.filtered)).markdown
        #expect(filtered.contains("counting only those whose `category` is the referee's `city` (`freelancer.local_earnings`)"), "\(filtered)")
    }

    @Test func theRuleDiffShowsTheComparison() throws {
        let base = try T.policy(Self.policy)
        let negated = try T.policy(Self.policy.replacingOccurrences(of: "equals_field: referrer.country", with: "not_equals_field: referrer.country"))
        let constant = try T.policy(Self.policy.replacingOccurrences(of: "equals_field: referrer.country", with: "in: [US]"))
        #expect(RuleDiff.compare(base: [base], new: [negated]).changes.map(\.headline) == ["same_country: test equals_field -> not_equals_field"])
        #expect(RuleDiff.compare(base: [constant], new: [base]).changes.map(\.headline)
                == ["same_country: test in -> equals_field", "same_country: values [US] -> referrer.country"])
        let filter = try T.policy(Self.filtered)
        let filterNegated = try T.policy(Self.filtered.replacingOccurrences(of: "equals_field: referee.city", with: "not_equals_field: referee.city"))
        #expect(RuleDiff.compare(base: [filter], new: [filterNegated]).changes.map(\.headline)
                == ["freelancer.local_earnings: where category equals_field referee.city -> category not_equals_field referee.city"])
    }

    @Test func thePlanNamesBothFields() throws {
        let outline = try T.policy(Self.policy).compiled.outline
        #expect(outline.contains("  rule same_country: referee.country equals_field referrer.country\n"))
        #expect(outline.contains("  rule other_plan: referee.plan not_equals_field referrer.plan\n"))
        #expect(try T.policy(Self.filtered).compiled.outline.contains("where category equals_field referee.city"))
    }
}
