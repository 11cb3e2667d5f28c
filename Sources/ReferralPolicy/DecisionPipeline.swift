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
    /// Decides `json` and hands the result to `finish`.
    static func decide<R>(json: UnsafeBufferPointer<UInt8>, _ versions: DecisionVersions, explain: Bool,
                          _ finish: (Int, EvaluationPlan, FactsView, Outcome, [Decision.Check]) -> R) throws(EvaluationError) -> R {
        try DecisionWorkspace.withCurrent { workspace throws(EvaluationError) in
            // The scanner fills the workspace's facts in place: nothing is moved or copied (a copy
            // would count references on each of their arrays).
            var scanner = SnapshotScanner(json, into: workspace.factsStorage)
            scanner.flat = versions.flat
            scanner.eventTypes = versions.eventTypes
            try scanner.snapshot()
            return try inPlace(&workspace.factsStorage.pointee, input: json) { view throws(EvaluationError) in
                try decide(view, versions, explain: explain, workspace, finish, typesMatched: true)
            }
        }
    }

    /// Decides `json` and appends its decision line to `buffer` (``PolicySet/appendDecision(json:to:)``).
    @inline(__always)
    static func append(json: UnsafeBufferPointer<UInt8>, _ versions: DecisionVersions, to buffer: inout [UInt8]) throws(EvaluationError) {
        // The closure reads the versions unretained (the caller holds them for the call): a
        // closure that read them from the set captured the whole set, counting a reference on
        // each of its three objects, twice a decision.
        let unretained = Unmanaged.passUnretained(versions)
        try decide(json: json, versions, explain: false) { k, plan, facts, outcome, _ in
            unretained._withUnsafeGuaranteedRef { versions in
                versions.withFragments(k) { DecisionWriter.append(outcome, plan: plan, fragments: $0, facts: facts, to: &buffer) }
            }
        }
    }

    /// Decides a snapshot value the same way.
    static func decide<R>(_ snapshot: Snapshot, _ versions: DecisionVersions, explain: Bool,
                          _ finish: (Int, EvaluationPlan, FactsView, Outcome, [Decision.Check]) -> R) throws(EvaluationError) -> R {
        try DecisionWorkspace.withCurrent { workspace throws(EvaluationError) in
            workspace.factsStorage.pointee.fill(from: snapshot)
            let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
            return try inPlace(&workspace.factsStorage.pointee, input: empty) { view throws(EvaluationError) in
                try decide(view, versions, explain: explain, workspace, finish)
            }
        }
    }

    /// Checks what a snapshot must hold, picks its version and decides it. The version's plan is
    /// used through an unretained reference (the version set keeps it alive), so the cores
    /// deciding side by side never count references on the shared plan. Also the entry point
    /// of a caller that decides facts it scanned itself (``scan(json:flat:into:)``).
    /// `typesMatched`: the facts' event types were matched against these versions'
    /// ``DecisionVersions/eventTypes`` (``EventFact/typeIndex``), so the evaluator may read them.
    static func decide<R>(_ view: FactsView, _ versions: DecisionVersions, explain: Bool, _ workspace: DecisionWorkspace,
                          _ finish: (Int, EvaluationPlan, FactsView, Outcome, [Decision.Check]) -> R,
                          typesMatched: Bool = false) throws(EvaluationError) -> R {
        try view.checkPastRewards(versions)
        let k = try versions.governing(view.head)
        var result: R?
        var failure: EvaluationError?
        let scannedTypes = typesMatched ? versions.entries[k].eventTypes.all : UnsafeBufferPointer(start: nil, count: 0)
        versions.entries[k].plan._withUnsafeGuaranteedRef { plan in
            // The evaluator works in the workspace's own memory, in place: nothing is moved in
            // or out, so no reference is counted on its arrays per decision.
            let scratch = workspace.scratchStorage
            let outcome = workspace.outcomeStorage
            do throws(EvaluationError) {
                try view.checkDeclaredAttributes(plan)
                if explain {
                    var recorder = ExplanationRecorder()
                    recorder.programEvents = versions.programEvents
                    var evaluator = Evaluator(plan: plan, facts: view, observer: recorder)
                    evaluator.programEvents = versions.programEventNames
                    evaluator.scannedTypes = scannedTypes
                    try evaluator.decide(into: &outcome.pointee, &scratch.pointee)
                    result = inPlace(finish, k, plan, view, &outcome.pointee, evaluator.observer.checks)
                } else {
                    var evaluator = Evaluator(plan: plan, facts: view, observer: NoExplanation())
                    evaluator.programEvents = versions.programEventNames
                    evaluator.scannedTypes = scannedTypes
                    try evaluator.decide(into: &outcome.pointee, &scratch.pointee)
                    result = inPlace(finish, k, plan, view, &outcome.pointee, [])
                }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        guard let result else { preconditionFailure("decided without a result") }  // safe: the closure sets one or throws
        return result
    }

    /// The workspace's facts' view, read where they are. Reached through a pointer, they
    /// would be copied for the call (counting a reference on each array); as an `inout`
    /// argument nothing else can reach them during it, so they are only borrowed.
    @inline(__always)
    private static func inPlace<R>(_ facts: inout SnapshotFacts, input: UnsafeBufferPointer<UInt8>,
                                   _ body: (FactsView) throws(EvaluationError) -> R) throws(EvaluationError) -> R {
        try facts.withView(input: input, body)
    }

    /// `finish` with the workspace's outcome, borrowed where it is (see above).
    @inline(__always)
    private static func inPlace<R>(_ finish: (Int, EvaluationPlan, FactsView, Outcome, [Decision.Check]) -> R, _ k: Int,
                                   _ plan: EvaluationPlan, _ view: FactsView, _ outcome: inout Outcome,
                                   _ checks: [Decision.Check]) -> R {
        finish(k, plan, view, outcome, checks)
    }
}

/// The versions of one program as the decision pipeline reads them: each version's plan and
/// fragments as unretained references (``policies`` keeps them alive), its effective period,
/// and the attribute names its snapshots may carry flat. Built once per ``Policy`` and
/// ``PolicySet``; read while deciding without counting a reference.
final class DecisionVersions: Sendable {
    struct Entry: BitwiseCopyable {
        let plan: Unmanaged<EvaluationPlan>
        let fragments: Unmanaged<DecisionFragments>
        let effective: EffectivePeriod
        /// For each of the versions' ``DecisionVersions/eventTypes``, this version's index of
        /// that event type, or -1 when it does not declare it.
        let eventTypes: PlanTable<Int32>
    }

    /// The versions' plans and fragments, owned here.
    private let plans: [EvaluationPlan]
    private let fragmentOwners: [DecisionFragments]
    private let flatOwner: FlatNames
    let entries: PlanTable<Entry>
    /// Optional as ``SnapshotScanner/flat`` is, so that it is copied into each line's scanner
    /// as it is stored, not made optional on the way.
    let flat: FlatTables?
    /// True for a set's own choice of version; false for a lone policy's check of its period.
    let chooses: Bool
    /// The event types the versions declare, for a set of two or more versions; their names
    /// apart, for the evaluator to read without counting a reference.
    let programEvents: ProgramEvents?
    let programEventNames: NameTable?
    /// The codes of the currencies and units the versions name, each one a past reward may be
    /// in: looked up by their bytes, before the general check of a past reward's currency.
    let knownCurrencies: NameTable
    /// The event types the versions declare, for the scanner to find an event's type among
    /// (``EventFact/typeIndex``); each entry maps them to its version's own.
    let eventTypes: EventTypePatterns

    init(plans: [EvaluationPlan], fragments: [DecisionFragments], flat: FlatNames, chooses: Bool) {
        self.plans = plans
        fragmentOwners = fragments
        flatOwner = flat
        self.flat = flat.tables
        self.chooses = chooses
        programEvents = chooses ? ProgramEvents(plans) : nil
        programEventNames = programEvents?.names
        // The plans' currencies (ISO codes and declared units alike) and every declared unit.
        var known: [String] = []
        for plan in plans {
            for c in plan.currencies.map(\.code) + plan.declaredUnits.map(\.code) where !known.contains(c) { known.append(c) }
        }
        knownCurrencies = NameTable(known)
        let eventNames = EventTypePatterns.names(plans)
        let eventTypes = EventTypePatterns(eventNames)
        self.eventTypes = eventTypes
        entries = PlanTable(zip(plans, fragments).map { plan, f in
            let own = eventTypes.count > 0 ? eventNames.map { name in Int32(plan.eventNameList.firstIndex(of: name) ?? -1) } : []
            return Entry(plan: .passUnretained(plan), fragments: .passUnretained(f), effective: plan.effective, eventTypes: PlanTable(own))
        })
    }

    deinit {
        for k in 0..<entries.count { entries[k].eventTypes.deallocate() }
        entries.deallocate()
        eventTypes.deallocate()
        programEvents?.names.deallocate()
        knownCurrencies.deallocate()
    }

    /// The version that governs a snapshot: the one whose effective period holds its deciding
    /// date (``EffectivePeriod/decidingDate(signup:asOf:)``).
    func governing(_ head: SnapshotHead) throws(EvaluationError) -> Int {
        if chooses {
            if entries.count == 1, entries[0].effective.from == nil, entries[0].effective.until == nil { return 0 }
            for k in 0..<entries.count where entries[k].effective.contains(entries[k].effective.decidingDate(signup: head.signupAt, asOf: head.asOf)) {
                return k
            }
            let basis = entries.count > 0 ? entries[0].effective.basis : .refereeSignup
            let date = EffectivePeriod(basis: basis).decidingDate(signup: head.signupAt, asOf: head.asOf)
            throw EvaluationError(.noGoverningVersion,
                                  "no version of `\(plans.first?.identity.program ?? "")` is in force at \(date)",
                                  path: basis.field)
        }
        let e = entries[0].effective
        let date = e.decidingDate(signup: head.signupAt, asOf: head.asOf)
        guard e.contains(date) else {
            let identity = plans[0].identity
            let span = "from \(e.from.map(\.description) ?? "the beginning") until \(e.until.map(\.description) ?? "further notice")"
            throw EvaluationError(.noGoverningVersion,
                                  "version \(identity.version) of `\(identity.program)` is in force \(span), not at \(date)",
                                  path: e.basis.field)
        }
        return 0
    }

    /// Runs `body` with version `k`'s fragments, unretained.
    @inline(__always) func withFragments<R>(_ k: Int, _ body: (DecisionFragments) -> R) -> R {
        entries[k].fragments._withUnsafeGuaranteedRef(body)
    }
}

/// One thread's reusable memory for deciding: facts, scratch and outcome.
///
/// Each lives in memory the workspace allocates once and frees when the thread ends, so the
/// scanner and the evaluator work on it in place: no placeholder is swapped in and out, and no
/// reference is counted on its arrays per decision (nor is a class property's exclusive access
/// checked). Deciding is not reentrant on one thread: a `finish` closure of
/// ``DecisionPipeline`` reads the outcome and returns; it never decides another snapshot.
final class DecisionWorkspace {
    let factsStorage = UnsafeMutablePointer<SnapshotFacts>.allocate(capacity: 1)
    let scratchStorage = UnsafeMutablePointer<EvaluationScratch>.allocate(capacity: 1)
    let outcomeStorage = UnsafeMutablePointer<Outcome>.allocate(capacity: 1)

    init() {
        factsStorage.initialize(to: SnapshotFacts())
        scratchStorage.initialize(to: EvaluationScratch())
        outcomeStorage.initialize(to: Outcome())
    }

    deinit {
        factsStorage.deinitialize(count: 1)
        factsStorage.deallocate()
        scratchStorage.pointee.deallocate()
        scratchStorage.deinitialize(count: 1)
        scratchStorage.deallocate()
        outcomeStorage.deinitialize(count: 1)
        outcomeStorage.deallocate()
    }
    /// The memory of milestones, for the types that have any.
    let milestones = MilestoneWork()

    /// This thread's workspace, made on first use and freed when the thread ends.
    static var current: DecisionWorkspace {
        unretainedCurrent.takeUnretainedValue()
    }

    /// This thread's workspace as the thread's slot holds it, made on first use.
    @inline(__always)
    private static var unretainedCurrent: Unmanaged<DecisionWorkspace> {
        if let raw = pthread_getspecific(key) { return Unmanaged<DecisionWorkspace>.fromOpaque(raw) }
        let made = Unmanaged.passRetained(DecisionWorkspace())  // the slot's reference, released when the thread ends
        pthread_setspecific(key, made.toOpaque())
        return made
    }

    /// Runs `body` with this thread's workspace, unretained: the thread's slot holds a
    /// reference to it until the thread ends, and nothing `body` does can end the thread, so
    /// the workspace outlives the call without a reference counted on it per decision.
    @inline(__always)
    static func withCurrent<R>(_ body: (DecisionWorkspace) throws(EvaluationError) -> R) throws(EvaluationError) -> R {
        var result: R?
        var failure: EvaluationError?
        unretainedCurrent._withUnsafeGuaranteedRef { workspace in
            do throws(EvaluationError) { result = try body(workspace) } catch { failure = error }
        }
        if let failure { throw failure }
        guard let result else { preconditionFailure("the body ran without a result or an error") }  // safe: the closure sets one
        return result
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
