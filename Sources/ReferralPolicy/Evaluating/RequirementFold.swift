/// Folds a type's requirement tree (postfix nodes) over its leaves' state: whether the
/// requirements hold, whether they still can, and which unmet leaves a referrer is shown.
enum RequirementFold {
    typealias Plan = EvaluationPlan

    /// Whether every top-level requirement holds; fills `scratch.holds` per node.
    static func holds(_ plan: Plan, _ type: Plan.ReferralType, _ leaves: UnsafeBufferPointer<Plan.Leaf>,
                      _ scratch: inout EvaluationScratch) -> Bool {
        let nodes = plan.nodes.buffer(type.nodes)
        var stack: [Bool] = []
        var holds: [Bool] = []
        swap(&stack, &scratch.stack)
        swap(&holds, &scratch.holds)
        stack.removeAll(keepingCapacity: true)
        holds.removeAll(keepingCapacity: true)
        for node in nodes {
            let result: Bool
            switch node.kind {
            case .leaf(let local):
                result = scratch.state[Int(local)].have >= leaves[Int(local)].threshold
            case .all(let c):
                result = !stack.suffix(Int(c)).contains(false)
                stack.removeLast(Int(c))
            case .any(let c):
                result = stack.suffix(Int(c)).contains(true)
                stack.removeLast(Int(c))
            case .not:
                result = !stack.removeLast()
            }
            stack.append(result)
            holds.append(result)
        }
        let all = !stack.contains(false)
        swap(&stack, &scratch.stack)
        swap(&holds, &scratch.holds)
        return all
    }

    /// True when events still to come could make the requirements hold: an unmet leaf can
    /// still be met while its window is open; a `not` holds now or never will again.
    static func canStillHold(_ plan: Plan, _ type: Plan.ReferralType, _ leaves: UnsafeBufferPointer<Plan.Leaf>,
                             _ scratch: inout EvaluationScratch, asOf: Instant) -> Bool {
        // What holds now, for the `not`s.
        _ = holds(plan, type, leaves, &scratch)
        let nodes = plan.nodes.buffer(type.nodes)
        var stack: [Bool] = []
        swap(&stack, &scratch.stack)
        stack.removeAll(keepingCapacity: true)
        defer { swap(&stack, &scratch.stack) }
        for (k, node) in nodes.enumerated() {
            switch node.kind {
            case .leaf(let local):
                let state = scratch.state[Int(local)]
                let closed = state.end.map { asOf > $0 } ?? false
                stack.append(state.have >= leaves[Int(local)].threshold || !closed)
            case .all(let c):
                let all = !stack.suffix(Int(c)).contains(false)
                stack.removeLast(Int(c))
                stack.append(all)
            case .any(let c):
                let any = stack.suffix(Int(c)).contains(true)
                stack.removeLast(Int(c))
                stack.append(any)
            case .not:
                stack.removeLast()
                stack.append(scratch.holds[k])
            }
        }
        return !stack.contains(false)
    }

    /// The unmet leaves a pending or expired referral reports, in the policy's order: a met
    /// group needs nothing more, and what is under a `not` is never asked for.
    static func progress(_ plan: Plan, _ type: Plan.ReferralType, _ leaves: UnsafeBufferPointer<Plan.Leaf>,
                         _ scratch: inout EvaluationScratch, into out: inout [Outcome.Progress]) {
        let nodes = plan.nodes.buffer(type.nodes)
        if !type.plainLeaves { _ = holds(plan, type, leaves, &scratch) }
        for node in nodes {
            guard case .leaf(let local) = node.kind else { continue }
            let state = scratch.state[Int(local)]
            let leaf = leaves[Int(local)]
            guard state.have < leaf.threshold else { continue }
            var parent = node.parent
            var shown = true
            while parent >= 0 {
                let group = nodes[Int(parent)]
                if case .not = group.kind { shown = false; break }
                if scratch.holds[Int(parent)] { shown = false; break }
                parent = group.parent
            }
            if shown {
                out.append(Outcome.Progress(leaf: type.leaves.start + local, have: state.have, deadline: state.end))
            }
        }
    }
}
