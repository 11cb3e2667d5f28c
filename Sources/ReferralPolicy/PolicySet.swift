import Foundation

/// Several versions of one program side by side. For each snapshot the version whose
/// effective period holds the snapshot's deciding date (the referee's sign-up by default)
/// governs it.
public struct PolicySet: Sendable {
    /// The versions, ordered by the start of their effective period.
    public let policies: [Policy]
    /// Attributes any version declares: accepted directly on the referrer or referee in JSON.
    let flat: FlatNames

    /// Checks that the versions belong to one program, have distinct versions, share one
    /// basis and do not overlap. Returns the set, or nil and the diagnostics.
    public static func make(_ policies: [Policy]) -> (set: PolicySet?, diagnostics: [Diagnostic]) {
        let diagnostics = PolicySetChecker.check(policies)
        if diagnostics.hasErrors { return (nil, diagnostics) }
        let ordered = policies.sorted {
            ($0.effective.from?.secondsSinceEpoch ?? .min) < ($1.effective.from?.secondsSinceEpoch ?? .min)
        }
        return (PolicySet(policies: ordered), diagnostics)
    }

    /// A set of one policy.
    public init(_ policy: Policy) {
        self.init(policies: [policy])
    }

    init(policies: [Policy]) {
        self.policies = policies
        flat = FlatNames(referrer: policies.flatMap { $0.model.referrerAttributes.map(\.name) },
                         referee: policies.flatMap { $0.model.refereeAttributes.map(\.name) })
        versions = DecisionVersions(plans: policies.map(\.compiled), fragments: policies.map(\.fragments), flat: flat, chooses: true)
    }

    /// Loads every `*.yaml` / `*.yml` file named, or found below a named folder, and makes a
    /// set of them. Files are loaded in path order.
    public static func load(paths: [String], limits: LoadLimits = .default) -> PolicySetLoadResult {
        let files = PolicyFiles.expand(paths)
        var results: [PolicyLoadResult] = []
        var diagnostics: [Diagnostic] = files.problems
        for path in files.paths {
            let result = Policy.load(contentsOf: path, limits: limits)
            results.append(result)
            diagnostics += result.diagnostics
        }
        let policies = results.compactMap(\.policy)
        guard !diagnostics.hasErrors, !policies.isEmpty else {
            return PolicySetLoadResult(set: nil, files: results, diagnostics: diagnostics)
        }
        let made = make(policies)
        return PolicySetLoadResult(set: made.set, files: results, diagnostics: diagnostics + made.diagnostics)
    }

    /// The versions as the decision pipeline reads them.
    let versions: DecisionVersions

    /// The version that governs `snapshot`.
    package func governingPolicy(for snapshot: Snapshot) throws(EvaluationError) -> Policy {
        var head = SnapshotHead()
        head.signupAt = snapshot.referee.signupAt
        head.asOf = snapshot.asOf
        return policies[try versions.governing(head)]
    }

    /// Decides one snapshot with the version that governs it.
    public func evaluate(_ snapshot: Snapshot, explain: Bool = false) throws(EvaluationError) -> Decision {
        try DecisionPipeline.decide(snapshot, versions, explain: explain) { _, plan, facts, outcome, checks in
            Decision(outcome, plan: plan, facts: facts, explanation: checks)
        }
    }

    /// Decodes one JSON snapshot and decides it with the version that governs it.
    /// Attributes a version declares may also be written directly on the referrer or referee.
    @inlinable
    public func evaluate(json: some Collection<UInt8>, explain: Bool = false) throws(EvaluationError) -> Decision {
        try Self.withBytes(json) { bytes throws(EvaluationError) in try evaluate(contiguous: bytes, explain: explain) }
    }

    @usableFromInline
    func evaluate(contiguous bytes: UnsafeBufferPointer<UInt8>, explain: Bool) throws(EvaluationError) -> Decision {
        try DecisionPipeline.decide(json: bytes, versions, explain: explain) { _, plan, facts, outcome, checks in
            Decision(outcome, plan: plan, facts: facts, explanation: checks)
        }
    }

    /// Decodes one JSON snapshot, decides it, and appends the decision's compact JSON (one line,
    /// no newline, exactly as ``DecisionEncoder`` writes it) to `buffer`: the quickest way from
    /// a JSON Lines stream to a JSON Lines stream. On an error `buffer` is left as it was.
    @inlinable
    public func appendDecision(json: some Collection<UInt8>, to buffer: inout [UInt8]) throws(EvaluationError) {
        try Self.withBytes(json) { bytes throws(EvaluationError) in try appendDecision(contiguous: bytes, to: &buffer) }
    }

    @usableFromInline
    func appendDecision(contiguous bytes: UnsafeBufferPointer<UInt8>, to buffer: inout [UInt8]) throws(EvaluationError) {
        // `self` is used whole after the call, so the optimizer keeps this one function (with
        // only `versions` used it split it into a thunk and a specialization, which callgrind's
        // toggle in bench/instructions.sh would then count as two nested entries); `self` holds
        // the versions for the call in any case.
        defer { withExtendedLifetime(self) {} }
        try DecisionPipeline.append(json: bytes, versions, to: &buffer)
    }

    /// Decodes one JSON snapshot as these policies read it: like ``SnapshotDecoder/decode(_:)``,
    /// and attributes a version declares may also stand directly on the referrer or referee.
    public func decodeSnapshot(_ json: some Collection<UInt8>) throws(EvaluationError) -> Snapshot {
        try SnapshotDecoder.decode(json, flat: flat.tables)
    }

    /// Runs `body` on the bytes of `json`, contiguous. Inlined into the caller, so that it is
    /// specialised for the caller's collection (no generic metadata looked up per snapshot).
    @inlinable
    static func withBytes<R>(_ json: some Collection<UInt8>,
                             _ body: (UnsafeBufferPointer<UInt8>) throws(EvaluationError) -> R) throws(EvaluationError) -> R {
        // The result and the error leave the closure by assignment, not in a `Result`: a
        // decision is moved out, never copied.
        var result: R?
        var failure: EvaluationError?
        let contiguous: Void? = json.withContiguousStorageIfAvailable { bytes in
            do throws(EvaluationError) { result = try body(bytes) } catch { failure = error }
        }
        if contiguous == nil {
            return try Array(json).withUnsafeBufferPointer { bytes throws(EvaluationError) in try body(bytes) }
        }
        if let failure { throw failure }
        guard let result else { preconditionFailure("the body ran without a result or an error") }  // safe: the closure sets one
        return result
    }

    /// Decides a sequence of snapshots lazily, in order; a failure is a `.failure` in its place.
    public func evaluate<S: Sequence<Snapshot>>(_ snapshots: S, explain: Bool = false)
        -> LazyMapSequence<S, Result<Decision, EvaluationError>>
    {
        snapshots.lazy.map { snapshot in
            Result { () throws(EvaluationError) -> Decision in try self.evaluate(snapshot, explain: explain) }
        }
    }
}

/// The result of loading a set of policy files.
public struct PolicySetLoadResult: Sendable {
    /// The set, when every file compiled and the versions fit together.
    public var set: PolicySet?
    /// Each file's own result (its diagnostics and source), in path order.
    public var files: [PolicyLoadResult]
    /// Every diagnostic: the files' and the set's.
    public var diagnostics: [Diagnostic]
}
