/// What one side of the impact made of a record: the error it could not decide it with, or
/// the governing version and a copy of the evaluator's outcome (type, status, reason and
/// rewards; not the progress, which the impact does not compare). Its arrays are reused from
/// one record to the next.
struct SideOutcome {
    var error: EvaluationError?
    /// The governing version (index into the set's policies) when decided.
    var version = 0
    var outcome = Outcome()

    var decided: Bool { error == nil }

    /// Decides `facts` with `versions` (``DecisionPipeline/decide(_:_:explain:_:_:)``) and
    /// keeps the outcome, or the error.
    mutating func decide(_ facts: FactsView, _ versions: DecisionVersions, _ workspace: DecisionWorkspace) {
        do throws(EvaluationError) {
            let k = try DecisionPipeline.decide(facts, versions, explain: false, workspace) { k, _, _, outcome, _ in
                self.outcome.type = outcome.type
                self.outcome.status = outcome.status
                self.outcome.reason = outcome.reason
                self.outcome.qualifiedAt = outcome.qualifiedAt
                self.outcome.rewards.removeAll(keepingCapacity: true)
                self.outcome.rewards.append(contentsOf: outcome.rewards)
                return k
            }
            version = k
            error = nil
        } catch {
            self.error = error
        }
    }

    mutating func fail(_ error: EvaluationError) {
        self.error = error
    }

    /// The decision value of the outcome (without progress or explanation), for a changed
    /// referral's side; nil when not decided.
    func decision(_ versions: DecisionVersions, _ facts: FactsView) -> Decision? {
        guard error == nil else { return nil }
        return versions.entries[version].plan._withUnsafeGuaranteedRef { plan in
            Decision(outcome, plan: plan, facts: facts, explanation: [])
        }
    }

    /// The side of a changed referral.
    func side(_ decision: Decision?) -> ChangedReferral.Side {
        if let decision { return ChangedReferral.Side(decision) }
        return ChangedReferral.Side(error ?? EvaluationError(.invalidJSON, "not decided"))
    }

    /// Both sides' explanations of facts, for the rules whose outcome changed: empty for a
    /// side that cannot decide them.
    static func explanation(_ facts: FactsView?, _ versions: DecisionVersions, _ workspace: DecisionWorkspace) -> [Decision.Check] {
        guard let facts else { return [] }
        return (try? DecisionPipeline.decide(facts, versions, explain: true, workspace) { _, _, _, _, checks in checks }) ?? []
    }
}
