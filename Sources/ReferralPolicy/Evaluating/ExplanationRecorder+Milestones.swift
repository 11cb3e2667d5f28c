/// How a milestone is explained: the requirements it writes in place (those it names by id are
/// the type's, already explained), then whether it was reached, and when.
extension ExplanationRecorder {
    mutating func milestone(_ plan: Plan, type k: Int, _ m: Int, _ settled: Outcome.Milestone, state: UnsafeBufferPointer<LeafState>,
                            position: Int64, qualified: Bool, end: Instant?, asOf: Instant) {
        let type = plan.types[k]
        let milestone = plan.milestones[m]
        requirementChecks(plan, nodes: milestone.nodes, leaves: plan.leaves.buffer(type.leaves), state: state, onlyNew: true)
        var saw: String
        switch settled.status {
        case .reached: saw = "reached at \(settled.reachedAt.map(\.description) ?? "")"
        case .pending: saw = "not reached yet" + (end.map { "; it can be reached until \($0)" } ?? "")
        case .expired: saw = "not reached, and it can no longer be" + (end.flatMap { $0 < asOf ? "; its window ended at \($0)" : nil } ?? "")
        }
        var needs: [String] = []
        for node in plan.nodes.buffer(milestone.nodes) where node.parent < 0 { needs.append("`\(plan.strings[Int(node.id)])`") }
        for nk in milestone.numbers.range {
            let n = plan.referralNumbers[nk].n
            if qualified {
                needs.append("the referrer's \(EnglishText.ordinal(n)) qualified referral (this is the \(EnglishText.ordinal(position)))")
            } else {
                needs.append("the referrer's \(EnglishText.ordinal(n)) qualified referral (\(position - 1) of the referrer's other referrals qualified so far)")
            }
        }
        saw += needs.isEmpty ? "; it needs only the sign-up" : "; it needs " + needs.joined(separator: " and ")
        checks.append(Decision.Check(rule: plan.strings[Int(milestone.id)], kind: .milestone, held: settled.status == .reached, saw: saw))
    }
}
