/// Watches a decision being made, step by step: the explanation is an observer. The
/// evaluator is generic over it, so ``NoExplanation`` costs nothing: its methods are empty and
/// inlined away. ``ExplanationRecorder`` turns the calls into ``Decision/Check``s.
protocol EvaluationObserver {
    /// True when every eligibility rule must be checked, not only those up to the first failure.
    static var checksEveryRule: Bool { get }

    mutating func version(_ plan: EvaluationPlan, _ facts: FactsView)
    mutating func eligibility(_ plan: EvaluationPlan, rule: Int, held: Bool, _ facts: FactsView)
    /// The events were read: every event of a type the version does not declare was left out
    /// (an error would have ended the decision), and amounts in another currency are kept only
    /// for the measures that do not read them.
    mutating func eventsRead(_ plan: EvaluationPlan, _ facts: FactsView)
    /// The type's window (`start`, `end`), and when the requirements were met, if they were.
    mutating func window(_ plan: EvaluationPlan, type: Int, start: Instant?, end: Instant?, asOf: Instant, qualifiedAt: Instant?)
    /// Every requirement, after the pass over events: `state` holds each leaf's count or sum.
    mutating func requirements(_ plan: EvaluationPlan, type: Int, state: UnsafeBufferPointer<LeafState>)
    /// The reversal check of a qualified referral: the reversing event (index into the
    /// snapshot's events), or nil when none came.
    mutating func reversal(_ plan: EvaluationPlan, _ reversal: Int, by event: Int?, qualifiedAt: Instant, _ facts: FactsView)
    /// How a reward's amount was set; `tier` is -1 but for tiers, `measured` is the leaf's value.
    mutating func reward(_ plan: EvaluationPlan, _ reward: Int, tier: Int, measured: Int64, uncapped: Int64, amount: Int64)
    /// One limit checked against one reward to the referrer.
    mutating func limit(_ plan: EvaluationPlan, _ limit: Int, earnedAt: Instant, count: Int64, used: Int64, within: Bool)
    /// Where a milestone of type `type` stands; `position` is this referral's place among the
    /// referrer's qualified referrals (when it has not qualified: one more than those so far),
    /// -1 for a milestone that counts none; `end` is the milestone's window's end.
    mutating func milestone(_ plan: EvaluationPlan, type: Int, _ milestone: Int, _ settled: Outcome.Milestone,
                            state: UnsafeBufferPointer<LeafState>, position: Int64, qualified: Bool, end: Instant?, asOf: Instant)
    /// An amount looked up by a field's value, for a reward (`tier` -1) or the tier reached (the
    /// leaf `measured` reaching it): the table's `entry` (-1: not listed) and what it pays (nil: nothing).
    mutating func tableAmount(_ plan: EvaluationPlan, _ reward: Int, tier: Int, measured: Int64, table: Int, entry: Int,
                              amount: Int64?, _ facts: FactsView)
    /// A percent of one qualifying event (`event`, an index into the snapshot's events, or -1 when none).
    mutating func percentOfEvent(_ plan: EvaluationPlan, _ reward: Int, event: Int, measured: Int64, uncapped: Int64, amount: Int64,
                                 _ facts: FactsView)
}

/// Observers that do not explain amounts looked up by a field or taken of one event.
extension EvaluationObserver {
    @inline(__always) mutating func tableAmount(_ plan: EvaluationPlan, _ reward: Int, tier: Int, measured: Int64, table: Int, entry: Int,
                                                amount: Int64?, _ facts: FactsView) {}
    @inline(__always) mutating func percentOfEvent(_ plan: EvaluationPlan, _ reward: Int, event: Int, measured: Int64, uncapped: Int64,
                                                   amount: Int64, _ facts: FactsView) {}
}

/// The observer of a decision nobody asked to explain.
struct NoExplanation: EvaluationObserver {
    static var checksEveryRule: Bool { false }
    @inline(__always) mutating func version(_ plan: EvaluationPlan, _ facts: FactsView) {}
    @inline(__always) mutating func eligibility(_ plan: EvaluationPlan, rule: Int, held: Bool, _ facts: FactsView) {}
    @inline(__always) mutating func eventsRead(_ plan: EvaluationPlan, _ facts: FactsView) {}
    @inline(__always) mutating func window(_ plan: EvaluationPlan, type: Int, start: Instant?, end: Instant?, asOf: Instant, qualifiedAt: Instant?) {}
    @inline(__always) mutating func requirements(_ plan: EvaluationPlan, type: Int, state: UnsafeBufferPointer<LeafState>) {}
    @inline(__always) mutating func reversal(_ plan: EvaluationPlan, _ reversal: Int, by event: Int?, qualifiedAt: Instant, _ facts: FactsView) {}
    @inline(__always) mutating func reward(_ plan: EvaluationPlan, _ reward: Int, tier: Int, measured: Int64, uncapped: Int64, amount: Int64) {}
    @inline(__always) mutating func limit(_ plan: EvaluationPlan, _ limit: Int, earnedAt: Instant, count: Int64, used: Int64, within: Bool) {}
    @inline(__always) mutating func milestone(_ plan: EvaluationPlan, type: Int, _ milestone: Int, _ settled: Outcome.Milestone,
                                              state: UnsafeBufferPointer<LeafState>, position: Int64, qualified: Bool, end: Instant?, asOf: Instant) {}
}
