// The library sample of README.md ("Using the library from a service"), compiled here so it
// cannot rot. ReadmeSampleTests checks that README.md shows exactly the code between the markers.

// README sample begin
import ReferralPolicy

/// Loads the program once at start-up; decides referrals on every request.
struct ReferralService: Sendable {
    let policies: PolicySet

    struct InvalidPolicy: Error {
        let diagnostics: [Diagnostic]
    }

    /// `folder` holds the program's versions (`policies/`): each snapshot is decided by the
    /// version in force when its referee signed up.
    init(folder: String) throws {
        let loaded = PolicySet.load(paths: [folder])
        guard let policies = loaded.set else { throw InvalidPolicy(diagnostics: loaded.diagnostics) }
        self.policies = policies
    }

    /// A snapshot as JSON in, a decision as JSON out (or an error record for a bad snapshot).
    func decide(json: [UInt8]) -> String {
        do {
            return DecisionEncoder.json(try policies.evaluate(json: json))
        } catch {
            return DecisionEncoder.errorRecord(error, line: nil)
        }
    }

    /// The referrer's cash owed for a referral, built in Swift: nil while it is not qualified.
    func cashOwed(referral: String, referrer: String, referee: String, signedUp: Instant,
                  events: [Snapshot.Event], now: Instant) throws -> Money? {
        let snapshot = Snapshot(
            id: referral, type: "client", asOf: now,
            referrer: Snapshot.Referrer(id: referrer, status: "active"),
            referee: Snapshot.Referee(id: referee, signupAt: signedUp, attribution: "link", country: "US"),
            events: events)
        let decision = try policies.evaluate(snapshot)
        guard decision.status == .qualified else { return nil }
        let cash = decision.rewards.filter { $0.beneficiary == .referrer && $0.kind == .cash }
        return cash.first?.amount
    }
}
// README sample end
