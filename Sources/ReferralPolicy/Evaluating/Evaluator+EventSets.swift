/// Leaves that measure several event types (`sum: [buy, sell]`). The one pass over events
/// reaches them through the plan's per-type leaf lists like any leaf; only the replay of a
/// leaf's total (a tier's timing) tests an event's type, and single-type leaves keep the
/// plain test in ``Evaluator/reached(_:_:_:_:)``.
extension Evaluator {
    /// When the leaf's running total, over events of any of its types, first reached `threshold`.
    func reachedOverTypes(_ leaf: Plan.Leaf, _ state: LeafState, _ threshold: Int64, _ timeline: UnsafeBufferPointer<TimedEvent>) -> Instant? {
        let more = plan.leafEvents.buffer(leaf.moreEvents)
        var total: Int64 = 0
        for item in timeline where item.type == leaf.event || more.contains(item.type) {
            if let start = state.start, item.at < start { continue }
            if let end = state.end, item.at > end { continue }
            if !leaf.filters.isEmpty, !passes(leaf.filters, event: item.index) { continue }
            total = total.addingReportingOverflow(leaf.measure.step(item.amount)).partialValue
            if total >= threshold { return item.at }
        }
        return nil
    }
}
