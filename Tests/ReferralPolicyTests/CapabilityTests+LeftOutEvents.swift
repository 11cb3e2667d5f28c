import Testing
@testable import ReferralPolicy

/// Events a version does not declare, and amounts in other currencies (issue 14, capabilities
/// 11 and 12): left out instead of an error record, as the program or the policy says, with
/// the explanation saying which and why.
extension CapabilityTests {
    // MARK: events only another version declares

    /// A version 1 client (signed up in June 2025) with a `posted_job` event, which only
    /// version 2 of the shipped program declares.
    static func v1Client(_ extra: [Snapshot.Event]) -> Snapshot {
        T.snapshot(type: "client", asOf: "2025-08-01", signup: "2025-06-10",
                   referrer: Snapshot.Referrer(id: "u-referrer", status: "active", country: "US", attributes: ["top_rated": .bool(true)]),
                   events: [T.event("hired", "2025-06-12T00:00:00Z"), T.event("spent", "2025-06-20T00:00:00Z", 30_000)] + extra)
    }

    @Test func anEventTypeOnlyAnotherVersionDeclaresIsLeftOut() throws {
        let set = try T.example()
        let without = try set.evaluate(Self.v1Client([]), explain: true)
        let with = try set.evaluate(Self.v1Client([T.event("posted_job", "2025-06-11T00:00:00Z"),
                                                   T.event("chargeback", "2025-07-01T00:00:00Z", 30_000),
                                                   T.event("posted_job", "2025-06-13T00:00:00Z")]), explain: true)
        #expect(with.policy.version == "1" && with.status == .qualified)
        var same = with
        same.explanation.removeAll { $0.kind == .event }
        #expect(same == without)
        let checks = with.explanation.filter { $0.kind == .event }
        #expect(checks == [
            Decision.Check(rule: "events.posted_job", kind: .event, held: true,
                           saw: "2 `posted_job` events left out (events[2], events[4]): version 2 of `marketplace-referrals` declares `posted_job`, version 1 does not"),
            Decision.Check(rule: "events.chargeback", kind: .event, held: true,
                           saw: "1 `chargeback` event left out (events[3]): version 2 of `marketplace-referrals` declares `chargeback`, version 1 does not"),
        ])
        // After the eligibility rules, before the window.
        let first = try #require(with.explanation.firstIndex { $0.kind == .event })
        #expect(with.explanation[first - 1].kind == .eligibility && with.explanation[first + 2].kind == .window)
    }

    @Test func aTypoInASnapshotIsStillAnError() throws {
        let set = try T.example()
        #expect(throws: EvaluationError(.unknownEventType, "unknown event type `postedjob`; did you mean `posted_job`?", path: "events[2].type")) {
            try set.evaluate(Self.v1Client([T.event("postedjob", "2025-06-11T00:00:00Z")]))
        }
        // Version 1 alone knows nothing of version 2.
        let v1 = try #require(set.policies.first { $0.identity.version == "1" })
        #expect(throws: EvaluationError(.unknownEventType, "unknown event type `posted_job`", path: "events[2].type")) {
            try v1.evaluate(Self.v1Client([T.event("posted_job", "2025-06-11T00:00:00Z")]))
        }
    }

    @Test func unknownEventsIgnoreLeavesAnyOtherTypeOut() throws {
        let policy = try T.policy(T.header + """
        unknown_events: ignore
        referral_types:
          freelancer:
            requirements:
              - count: hired
            rewards:
              - to: referrer
                kind: cash
                amount: 10.00
        """)
        let d = try policy.evaluate(T.snapshot(events: [T.event("file_uploaded", "2025-07-11T00:00:00Z", -5),
                                                        T.event("hired", "2025-07-12T00:00:00Z")]), explain: true)
        #expect(d.status == .qualified && d.qualifiedAt == T.at("2025-07-12T00:00:00Z"))
        #expect(d.explanation.contains(Decision.Check(rule: "events.file_uploaded", kind: .event, held: true,
                                                      saw: "1 `file_uploaded` event left out (events[0]): version 1 does not declare `file_uploaded`, and it ignores unknown event types (`unknown_events: ignore`)")))
        // Unexplained, the decision is the same.
        var plain = d
        plain.explanation = []
        #expect(try policy.evaluate(T.snapshot(events: [T.event("file_uploaded", "2025-07-11T00:00:00Z", -5),
                                                        T.event("hired", "2025-07-12T00:00:00Z")])) == plain)
    }

    @Test func theExplanationListsAtMostFiveEvents() throws {
        let policy = try T.policy(T.header + """
        unknown_events: ignore
        referral_types:
          freelancer:
            requirements:
              - count: hired
            rewards: [{ to: referrer, kind: cash, amount: 1.00 }]
        """)
        let events = (0..<7).map { T.event("viewed", "2025-07-1\($0)T00:00:00Z") }
        let d = try policy.evaluate(T.snapshot(events: events), explain: true)
        #expect(d.explanation.first { $0.kind == .event }?.saw
                == "7 `viewed` events left out (events[0], events[1], events[2], events[3], events[4] and 2 more): version 1 does not declare `viewed`, and it ignores unknown event types (`unknown_events: ignore`)")
    }

    // MARK: amounts in other currencies

    static let wallet = """
    program: wallet
    version: "1"
    currency: EUR
    other_currencies: ignore
    events:
      top_up:
        amount: true
      card_payment:
        amount: true
      refund:
        amount: true
    referral_types:
      friend:
        requirements:
          - id: topped_up
            sum: top_up
            at_least: 50.00
          - id: three_payments
            count: card_payment
            at_least: 3
          - id: one_large_payment
            count: card_payment
            where:
              amount: { at_least: 20.00 }
        rewards:
          - id: bonus
            to: referrer
            kind: cash
            amount: 10.00
        reversal:
          on: [refund]
          within_days: 30

    """

    static func currency(_ e: Snapshot.Event, _ code: String) -> Snapshot.Event {
        var e = e
        e.currency = code
        return e
    }

    @Test func amountsInAnotherCurrencyAreLeftOutOfTheMeasuresThatReadThem() throws {
        let policy = try T.policy(Self.wallet)
        let events = [T.event("top_up", "2025-07-11T00:00:00Z", 4_000),
                      Self.currency(T.event("top_up", "2025-07-12T00:00:00Z", 6_000), "USD"),
                      Self.currency(T.event("card_payment", "2025-07-13T00:00:00Z", 2_500), "USD"),
                      T.event("card_payment", "2025-07-14T00:00:00Z", 500),
                      Self.currency(T.event("card_payment", "2025-07-15T00:00:00Z", 900), "EUR")]
        let d = try policy.evaluate(T.snapshot(type: "friend", events: events), explain: true)
        #expect(d.status == .pending)
        // The $60 top-up is not €60; the $25 payment counts as a payment, not as one of €20.
        #expect(d.progress.map { "\($0.requirement) \($0.have)/\($0.need)" }
                == ["friend.topped_up 4000/5000", "friend.one_large_payment 0/1"])
        #expect(d.explanation.first { $0.rule == "friend.topped_up" }?.saw
                == "`top_up` amounts in the window add up to €40.00 of €50.00 needed; 1 `top_up` event in another currency left out (events[1] in `USD`): this requirement counts `top_up` amounts in EUR")
        #expect(d.explanation.first { $0.rule == "friend.three_payments" }?.saw == "3 `card_payment` events in the window of 3 needed")
        #expect(d.explanation.first { $0.rule == "friend.one_large_payment" }?.saw
                == "0 `card_payment` events in the window of 1 needed; 1 `card_payment` event in another currency left out (events[2] in `USD`): this requirement counts `card_payment` amounts in EUR")
    }

    @Test func aRefundInAnotherCurrencyStillReverses() throws {
        let policy = try T.policy(Self.wallet)
        let events = [T.event("top_up", "2025-07-11T00:00:00Z", 5_000),
                      T.event("card_payment", "2025-07-12T00:00:00Z", 2_000), T.event("card_payment", "2025-07-13T00:00:00Z", 100),
                      T.event("card_payment", "2025-07-14T00:00:00Z", 100),
                      Self.currency(T.event("refund", "2025-07-20T00:00:00Z", 2_000), "GBP")]
        let d = try policy.evaluate(T.snapshot(type: "friend", events: events))
        #expect(d.status == .reversed && d.reason == "friend.reversal")
    }

    @Test func otherCurrenciesAreAnErrorByDefaultAndPerEventType() throws {
        let strict = try T.policy(Self.wallet.replacingOccurrences(of: "other_currencies: ignore\n", with: ""))
        let usd = Self.currency(T.event("top_up", "2025-07-12T00:00:00Z", 6_000), "USD")
        #expect(throws: EvaluationError(.currencyMismatch, "amount in `USD`, but this policy counts amounts in `EUR`", path: "events[0].currency")) {
            try strict.evaluate(T.snapshot(type: "friend", events: [usd]))
        }
        // An event type's own setting wins over the policy's, both ways.
        let perType = try T.policy(Self.wallet.replacingOccurrences(of: "other_currencies: ignore\n", with: "")
            .replacingOccurrences(of: "  top_up:\n    amount: true\n", with: "  top_up:\n    amount: true\n    other_currencies: ignore\n"))
        #expect(try perType.evaluate(T.snapshot(type: "friend", events: [usd])).status == .pending)
        let payment = Self.currency(T.event("card_payment", "2025-07-12T00:00:00Z", 600), "USD")
        #expect(throws: EvaluationError(.currencyMismatch, "amount in `USD`, but this policy counts amounts in `EUR`", path: "events[0].currency")) {
            try perType.evaluate(T.snapshot(type: "friend", events: [payment]))
        }
        let overridden = try T.policy(Self.wallet.replacingOccurrences(of: "  card_payment:\n    amount: true\n",
                                                                       with: "  card_payment:\n    amount: true\n    other_currencies: error\n"))
        #expect(throws: EvaluationError(.currencyMismatch, "amount in `USD`, but this policy counts amounts in `EUR`", path: "events[0].currency")) {
            try overridden.evaluate(T.snapshot(type: "friend", events: [payment]))
        }
    }

    @Test func aTierIsReachedOnlyByAmountsInItsCurrency() throws {
        let policy = try T.policy("""
        program: wallet
        version: "1"
        currency: EUR
        events:
          top_up: { amount: true, other_currencies: ignore }
        referral_types:
          friend:
            requirements:
              - id: topped_up
                sum: top_up
                at_least: 10.00
            rewards:
              - id: bonus
                to: referrer
                of: topped_up
                tiers:
                  - { id: small, at_least: 10.00, amount: 5.00, kind: cash }
                  - { id: large, at_least: 100.00, amount: 20.00, kind: cash }
        """)
        let events = [T.event("top_up", "2025-07-11T00:00:00Z", 2_000),
                      Self.currency(T.event("top_up", "2025-07-12T00:00:00Z", 90_000), "USD"),
                      T.event("top_up", "2025-07-20T00:00:00Z", 8_000)]
        let d = try policy.evaluate(T.snapshot(type: "friend", events: events))
        #expect(d.rewards.map(\.rule) == ["friend.bonus.large"])
        #expect(d.rewards.first?.earnedAt == T.at("2025-07-20T00:00:00Z"))  // €20 + €80, not with the $900
    }

    @Test func aMeasureOfSeveralTypesLeavesOutEachOnesOtherCurrencies() throws {
        let policy = try T.policy("""
        program: wallet
        version: "1"
        currency: EUR
        other_currencies: ignore
        events:
          top_up: { amount: true }
          transfer_in: { amount: true }
        referral_types:
          friend:
            requirements:
              - id: funded
                sum: [top_up, transfer_in]
                at_least: 50.00
            rewards:
              - to: referrer
                kind: cash
                amount: 10.00
        """)
        let events = [T.event("top_up", "2025-07-11T00:00:00Z", 2_000),
                      Self.currency(T.event("transfer_in", "2025-07-12T00:00:00Z", 9_000), "USD"),
                      T.event("transfer_in", "2025-07-13T00:00:00Z", 2_500)]
        let d = try policy.evaluate(T.snapshot(type: "friend", events: events), explain: true)
        #expect(d.status == .pending && d.progress.first?.have == 4_500)
        #expect(d.explanation.first { $0.rule == "friend.funded" }?.saw
                == "`top_up` and `transfer_in` amounts in the window add up to €45.00 of €50.00 needed; 1 `top_up` or `transfer_in` event in another currency left out (events[1] in `USD`): this requirement counts `top_up` and `transfer_in` amounts in EUR")
    }

    @Test func describeAndTheRuleDiffReadTheSettings() throws {
        let policy = try T.policy(Self.wallet)
        let text = PolicyDescription(policy).markdown
        #expect(text.contains("- *top up* (`top_up`), with an amount\n"))
        #expect(text.contains("An amount in another currency than its event type's is left out of the totals and amount filters; the event still counts where its amount is not read. Amounts are never converted."))
        let perType = try T.policy(Self.wallet.replacingOccurrences(of: "other_currencies: ignore\n", with: "")
            .replacingOccurrences(of: "  top_up:\n    amount: true\n", with: "  top_up:\n    amount: true\n    other_currencies: ignore\n"))
        #expect(PolicyDescription(perType).markdown.contains("- *top up* (`top_up`), with an amount; an amount in another currency is left out of the totals and amount filters (it still counts as an event)\n"))
        let set = try T.example()
        #expect(PolicyDescription(set).markdown.contains("Events of the types *posted job* and *chargeback*, which another version of the program declares, are left out by this version."))
        let strict = try T.policy(Self.wallet.replacingOccurrences(of: "other_currencies: ignore", with: "unknown_events: ignore"))
        let headlines = RuleDiff.compare(base: [policy], new: [strict]).changes.map(\.headline)
        #expect(headlines.contains("policy: unknown_events error -> ignore"))
        #expect(headlines.contains("policy: other_currencies ignore -> error"))
        #expect(headlines.contains("events.top_up: other_currencies ignore -> error"))
    }
}
