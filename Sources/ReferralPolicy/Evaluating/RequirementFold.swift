/// Folds a type's requirement tree (postfix nodes) over its leaves' state: whether the
/// requirements hold, whether they still can, and which unmet leaves a referrer is shown.
enum RequirementFold {
    typealias Plan = EvaluationPlan

    /// Whether every top-level requirement holds; fills `scratch.holds` per node.
    @inline(__always)
    static func holds(_ plan: Plan, _ type: Plan.ReferralType, _ leaves: UnsafeBufferPointer<Plan.Leaf>,
                      _ scratch: inout EvaluationScratch) -> Bool {
        holds(plan, nodes: type.nodes, leaves, &scratch)
    }

    /// Whether every top-level requirement of the tree `span` (a type's or a milestone's) holds.
    static func holds(_ plan: Plan, nodes span: Span32, _ leaves: UnsafeBufferPointer<Plan.Leaf>,
                      _ scratch: inout EvaluationScratch) -> Bool {
        let nodes = plan.nodes.buffer(span)
        scratch.stack.removeAll()
        scratch.holds.removeAll()
        for node in nodes {
            let result: Bool
            switch node.kind {
            case .leaf(let local):
                result = scratch.state[Int(local)].have >= leaves[Int(local)].threshold
            case .all(let c):
                result = !scratch.stack.last(Int(c)).contains(false)
                scratch.stack.removeLast(Int(c))
            case .any(let c):
                result = scratch.stack.last(Int(c)).contains(true)
                scratch.stack.removeLast(Int(c))
            case .not:
                result = !scratch.stack.removeLast()
            }
            scratch.stack.append(result)
            scratch.holds.append(result)
        }
        return !scratch.stack.elements.contains(false)
    }

    /// True when events still to come could make the requirements hold: an unmet leaf can
    /// still be met while its window is open; a `not` holds now or never will again.
    @inline(__always)
    static func canStillHold(_ plan: Plan, _ type: Plan.ReferralType, _ leaves: UnsafeBufferPointer<Plan.Leaf>,
                             _ scratch: inout EvaluationScratch, asOf: Instant) -> Bool {
        canStillHold(plan, nodes: type.nodes, leaves, &scratch, asOf: asOf)
    }

    static func canStillHold(_ plan: Plan, nodes span: Span32, _ leaves: UnsafeBufferPointer<Plan.Leaf>,
                             _ scratch: inout EvaluationScratch, asOf: Instant) -> Bool {
        // What holds now, for the `not`s.
        _ = holds(plan, nodes: span, leaves, &scratch)
        let nodes = plan.nodes.buffer(span)
        scratch.stack.removeAll()
        for (k, node) in nodes.enumerated() {
            switch node.kind {
            case .leaf(let local):
                let state = scratch.state[Int(local)]
                let closed = state.end.map { asOf > $0 } ?? false
                scratch.stack.append(state.have >= leaves[Int(local)].threshold || !closed)
            case .all(let c):
                let all = !scratch.stack.last(Int(c)).contains(false)
                scratch.stack.removeLast(Int(c))
                scratch.stack.append(all)
            case .any(let c):
                let any = scratch.stack.last(Int(c)).contains(true)
                scratch.stack.removeLast(Int(c))
                scratch.stack.append(any)
            case .not:
                _ = scratch.stack.removeLast()
                scratch.stack.append(scratch.holds[k])
            }
        }
        return !scratch.stack.elements.contains(false)
    }

    /// The unmet leaves a pending or expired referral reports, in the policy's order: a met
    /// group needs nothing more, and what is under a `not` is never asked for.
    @inline(__always)
    static func progress(_ plan: Plan, _ type: Plan.ReferralType, _ leaves: UnsafeBufferPointer<Plan.Leaf>,
                         _ scratch: inout EvaluationScratch, into out: inout [Outcome.Progress]) {
        progress(plan, nodes: type.nodes, plain: type.plainLeaves, leafStart: type.leaves.start, leaves, &scratch, into: &out)
    }

    /// The unmet leaves of the tree `span`; `milestone` and `deadline` mark progress toward a
    /// milestone (which must be reached by `deadline`, when it has one).
    static func progress(_ plan: Plan, nodes span: Span32, plain: Bool, leafStart: Int32, _ leaves: UnsafeBufferPointer<Plan.Leaf>,
                         _ scratch: inout EvaluationScratch, milestone: Int32 = -1, deadline: Instant? = nil,
                         into out: inout [Outcome.Progress]) {
        let nodes = plan.nodes.buffer(span)
        if !plain { _ = holds(plan, nodes: span, leaves, &scratch) }
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
                var end = state.end
                if let deadline { end = end.map { min($0, deadline) } ?? deadline }
                out.append(Outcome.Progress(leaf: leafStart + local, have: state.have, deadline: end, milestone: milestone))
            }
        }
    }
}
