#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// From a snapshot to a decision, the one way every entry point takes:
///
/// ```
/// JSON bytes ──SnapshotScanner──▶ SnapshotFacts ─┐
/// Snapshot value ──fill(from:)──▶ SnapshotFacts ─┴▶ governing version ▶ Evaluator<Observer> ▶ Outcome
///                                                        Outcome ──DecisionWriter──▶ JSON bytes
///                                                        Outcome ──Decision(_:)────▶ Decision value
/// ```
///
/// Per thread, one ``DecisionWorkspace`` holds the facts, the evaluator's scratch and the
/// outcome, reused from one decision to the next, so a stream allocates nothing per line.
enum DecisionPipeline {
    /// The versions of a program and what their snapshots may carry.
    struct Versions {
        let policies: [Policy]
        let flat: FlatNames
        /// The set's own choice of version (``PolicySet``), or a lone policy's check of its period.
        let chooses: Bool
    }

    /// Decides `json` and hands the result to `finish`.
    static func decide<R>(json: UnsafeBufferPointer<UInt8>, _ versions: Versions, explain: Bool,
                          _ finish: (Policy, FactsView, Outcome, [Decision.Check]) -> R) throws(EvaluationError) -> R {
        let workspace = DecisionWorkspace.current
        var facts = SnapshotFacts()
        swap(&facts, &workspace.facts)
        defer { swap(&facts, &workspace.facts) }
        var scanner = SnapshotScanner(json, facts: facts)
        facts = SnapshotFacts()
        scanner.flat = versions.flat
        do throws(EvaluationError) {
            try scanner.snapshot()
        } catch {
            facts = scanner.facts
            throw error
        }
        facts = scanner.facts
        return try facts.withView(input: json) { view throws(EvaluationError) in
            try decide(view, versions, explain: explain, workspace, finish)
        }
    }

    /// Decides a snapshot value the same way.
    static func decide<R>(_ snapshot: Snapshot, _ versions: Versions, explain: Bool,
                          _ finish: (Policy, FactsView, Outcome, [Decision.Check]) -> R) throws(EvaluationError) -> R {
        let workspace = DecisionWorkspace.current
        var facts = SnapshotFacts()
        swap(&facts, &workspace.facts)
        defer { swap(&facts, &workspace.facts) }
        facts.fill(from: snapshot)
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        return try facts.withView(input: empty) { view throws(EvaluationError) in
            try decide(view, versions, explain: explain, workspace, finish)
        }
    }

    private static func decide<R>(_ view: FactsView, _ versions: Versions, explain: Bool, _ workspace: DecisionWorkspace,
                                  _ finish: (Policy, FactsView, Outcome, [Decision.Check]) -> R) throws(EvaluationError) -> R {
        try view.checkPastRewards()
        let policy = try governing(view.head, versions)
        let plan = policy.compiled
        try view.checkDeclaredAttributes(plan)
        var scratch = EvaluationScratch()
        var outcome = Outcome()
        swap(&scratch, &workspace.scratch)
        swap(&outcome, &workspace.outcome)
        defer {
            swap(&scratch, &workspace.scratch)
            swap(&outcome, &workspace.outcome)
        }
        if explain {
            var evaluator = Evaluator(plan: plan, facts: view, observer: ExplanationRecorder())
            try evaluator.decide(into: &outcome, &scratch)
            return finish(policy, view, outcome, evaluator.observer.checks)
        }
        var evaluator = Evaluator(plan: plan, facts: view, observer: NoExplanation())
        try evaluator.decide(into: &outcome, &scratch)
        return finish(policy, view, outcome, [])
    }

    /// The version that governs a snapshot: the one whose effective period holds its deciding
    /// date (``EffectivePeriod/decidingDate(signup:asOf:)``).
    static func governing(_ head: SnapshotHead, _ versions: Versions) throws(EvaluationError) -> Policy {
        let policies = versions.policies
        if versions.chooses {
            if policies.count == 1, let only = policies.first, only.effective.from == nil, only.effective.until == nil {
                return only
            }
            for policy in policies where policy.effective.contains(policy.effective.decidingDate(signup: head.signupAt, asOf: head.asOf)) {
                return policy
            }
            let basis = policies.first?.effective.basis ?? .refereeSignup
            let date = EffectivePeriod(basis: basis).decidingDate(signup: head.signupAt, asOf: head.asOf)
            throw EvaluationError(.noGoverningVersion,
                                  "no version of `\(policies.first?.identity.program ?? "")` is in force at \(date)",
                                  path: basis.field)
        }
        let policy = policies[0]
        let e = policy.effective
        let date = e.decidingDate(signup: head.signupAt, asOf: head.asOf)
        guard e.contains(date) else {
            let span = "from \(e.from.map(\.description) ?? "the beginning") until \(e.until.map(\.description) ?? "further notice")"
            throw EvaluationError(.noGoverningVersion,
                                  "version \(policy.identity.version) of `\(policy.identity.program)` is in force \(span), not at \(date)",
                                  path: e.basis.field)
        }
        return policy
    }
}

/// One thread's reusable memory for deciding: facts, scratch and outcome.
final class DecisionWorkspace {
    var facts = SnapshotFacts()
    var scratch = EvaluationScratch()
    var outcome = Outcome()

    /// This thread's workspace, made on first use and freed when the thread ends.
    static var current: DecisionWorkspace {
        if let raw = pthread_getspecific(key) {
            return Unmanaged<DecisionWorkspace>.fromOpaque(raw).takeUnretainedValue()
        }
        let made = DecisionWorkspace()
        pthread_setspecific(key, Unmanaged.passRetained(made).toOpaque())
        return made
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { raw in
            #if canImport(Darwin)
            Unmanaged<DecisionWorkspace>.fromOpaque(raw).release()
            #else
            if let raw { Unmanaged<DecisionWorkspace>.fromOpaque(raw).release() }
            #endif
        }
        return key
    }()
}
