import Foundation

/// A compiled referral policy: one version of one program, immutable and safe to share
/// across threads. Load it once, evaluate many snapshots.
///
/// ```swift
/// let loaded = Policy.load(contentsOf: "policies/marketplace-v2.yaml")
/// guard let policy = loaded.policy else { print(loaded.diagnostics); return }
/// let decision = try policy.evaluate(snapshot)
/// ```
public struct Policy: Sendable {
    /// Program id, version and content hash.
    public var identity: PolicyIdentity { compiled.identity }
    /// When this version is in force.
    public var effective: EffectivePeriod { compiled.effective }
    /// The referral types this version defines, in file order.
    public var referralTypes: [String] { (0..<compiled.types.count).map(compiled.name(ofType:)) }
    /// The policy's description, when it has one.
    public var description: String? { compiled.description }
    /// The file it was loaded from, when it was.
    public var file: String? { compiled.file }

    /// The compiled plan the evaluator decides from.
    let compiled: EvaluationPlan
    /// The constant parts of its decisions' JSON.
    let fragments: DecisionFragments
    /// Declared attributes, accepted directly on the referrer or referee in JSON.
    let flat: FlatNames
    /// The policy as written, every part with its source location: for the rule diff, the
    /// plain-English description and other readers of the rules themselves.
    package let model: PolicyModel

    /// This version alone, as the decision pipeline reads it.
    let versions: DecisionVersions

    init(compiled: EvaluationPlan, model: PolicyModel) {
        self.compiled = compiled
        self.model = model
        fragments = DecisionFragments(compiled)
        flat = FlatNames(referrer: model.referrerAttributes.map(\.name), referee: model.refereeAttributes.map(\.name))
        versions = DecisionVersions(plans: [compiled], fragments: [fragments], flat: flat, chooses: false)
    }

    /// Loads, checks and compiles policy text. Every problem found is in `diagnostics`;
    /// `policy` is nil when any of them is an error.
    public static func load(yaml: String, file: String? = nil, limits: LoadLimits = .default) -> PolicyLoadResult {
        PolicyPipeline.run(text: yaml, file: file, limits: limits)
    }

    /// Loads a policy file. A file that cannot be read gives one diagnostic (`RP008`); bytes
    /// that are not UTF-8 give `RP006`.
    public static func load(contentsOf path: String, limits: LoadLimits = .default) -> PolicyLoadResult {
        PolicyPipeline.run(path: path, limits: limits)
    }

    /// Decides one snapshot. Pure: no clock, no I/O; the same input gives the same decision.
    /// - Parameter explain: include every rule checked in ``Decision/explanation``.
    /// - Throws: `no_governing_version` when the snapshot's deciding date (the referee's
    ///   sign-up, or `as_of`) is outside this version's effective period.
    public func evaluate(_ snapshot: Snapshot, explain: Bool = false) throws(EvaluationError) -> Decision {
        try DecisionPipeline.decide(snapshot, versions, explain: explain) { _, plan, facts, outcome, checks in
            Decision(outcome, plan: plan, facts: facts, explanation: checks)
        }
    }

    /// Decodes one JSON snapshot and decides it.
    /// Attributes the policy declares may also be written directly on the referrer or referee.
    @inlinable
    public func evaluate(json: some Collection<UInt8>, explain: Bool = false) throws(EvaluationError) -> Decision {
        try PolicySet.withBytes(json) { bytes throws(EvaluationError) in try evaluate(contiguous: bytes, explain: explain) }
    }

    @usableFromInline
    func evaluate(contiguous bytes: UnsafeBufferPointer<UInt8>, explain: Bool) throws(EvaluationError) -> Decision {
        try DecisionPipeline.decide(json: bytes, versions, explain: explain) { _, plan, facts, outcome, checks in
            Decision(outcome, plan: plan, facts: facts, explanation: checks)
        }
    }
}

/// The result of loading a policy: the compiled policy when there were no errors, and
/// every diagnostic found (warnings can accompany a policy).
public struct PolicyLoadResult: Sendable {
    public var policy: Policy?
    public var diagnostics: [Diagnostic]
    /// The policy text as read, for rendering diagnostics with their source line.
    public var source: String

    package init(policy: Policy?, diagnostics: [Diagnostic], source: String) {
        self.policy = policy
        self.diagnostics = diagnostics
        self.source = source
    }
}
