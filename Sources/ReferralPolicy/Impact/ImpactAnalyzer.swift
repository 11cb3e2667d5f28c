import Dispatch

/// Decides every record of a history with two policies, the base and the new, in one pass,
/// and adds up the difference in an ``ImpactSummary``.
///
/// Records come in batches (``add(_:source:)``); a batch is cut into one contiguous share per
/// worker thread (``ImpactShare``), each share decided by both sides into a summary of its
/// own, and the shares' summaries are merged in input order, so the changed referrals a batch
/// returns are in input order too. Nothing is kept per record: memory is the summary's, and
/// one batch.
///
/// Each line is scanned once into snapshot facts, which both sides decide, each with its own
/// set and governing version, into outcomes; the outcomes are compared and counted as numbers
/// (``OutcomeTables``, ``OutcomeTally``). Decision values are built only for the changed
/// referrals kept (examples, ``keepChanged``), and both sides' explanations only where they are
/// shown: for the few examples kept of each kind of change, and for every changed referral
/// when ``keepChanged`` asks for them.
package struct ImpactAnalyzer: Sendable {
    package let base: PolicySet
    package let new: PolicySet
    /// Return every changed referral from ``add(_:source:)``, with the rules whose outcome changed.
    package let keepChanged: Bool
    /// Threads deciding a batch side by side.
    package let workers: Int
    package private(set) var summary: ImpactSummary
    /// Both sides' plans as numbers.
    let tables: OutcomeTables

    /// Fewer records than this are decided on the calling thread alone.
    static let parallelMinimum = 64

    package init(base: PolicySet, new: PolicySet, keepChanged: Bool = false, workers: Int = 1) {
        self.base = base
        self.new = new
        self.keepChanged = keepChanged
        self.workers = max(1, workers)
        self.summary = ImpactSummary(currency: Self.currency(of: new))
        tables = OutcomeTables(base: base, new: new, reportCurrency: summary.currency)
    }

    /// The currency the impact reports per-referral change and referrers in, and
    /// `--max-increase` assumes: the policy's default currency (its first version's).
    package static func currency(of set: PolicySet) -> Currency {
        set.policies.first?.model.currency ?? Currency(code: "USD")!
    }

    /// Decides a batch of records with both policies and counts them. Returns the changed
    /// referrals in input order when ``keepChanged`` is set, else nothing.
    package mutating func add(_ inputs: [ImpactInput], source: String) -> [ChangedReferral] {
        let count = inputs.count
        let parts = count < Self.parallelMinimum ? 1 : min(workers, count)
        let shares = (0..<parts).map { w in
            ImpactShare(range: (count * w / parts)..<(count * (w + 1) / parts), currency: summary.currency)
        }
        // Kinds of change that already have all their examples: no share keeps candidates of them.
        let n = tables.statusCount
        var full = [Bool](repeating: false, count: n * n)
        for (key, list) in summary.exampleLists where list.count >= ImpactSummary.examplesPerTransition {
            if let code = tables.pairCode(key) { full[code] = true }
        }
        let job: @Sendable (Int) -> Void = { [base, new, tables, keepChanged, full] w in
            shares[w].decide(inputs, base: base, new: new, tables: tables, source: source, keepChanged: keepChanged, full: full)
        }
        if parts == 1 {
            job(0)
        } else {
            DispatchQueue.concurrentPerform(iterations: parts, execute: job)
        }
        var changed: [ChangedReferral] = []
        for share in shares {
            summary.merge(share.summary)
            for (candidate, bytes) in share.examples {
                guard !summary.hasAllExamples(from: candidate.base.status, to: candidate.new.status) else { continue }
                var example = candidate
                if example.rules.isEmpty { example.rules = Self.changedRules(bytes, base: base, new: new) }
                summary.offerExample(example)
            }
            if keepChanged { changed += share.changed }
        }
        return changed
    }

    /// New minus base per currency and kind, over the rewards of qualified decisions; zeros left out.
    static func delta(_ a: ChangedReferral.Side, _ b: ChangedReferral.Side) -> [ChangedReferral.Delta] {
        var sums: [String: [String: Int64]] = [:]
        for r in a.paid { sums[r.currency, default: [:]][r.kind, default: 0] &-= r.amountMinor }
        for r in b.paid { sums[r.currency, default: [:]][r.kind, default: 0] &+= r.amountMinor }
        return sums.keys.sorted().flatMap { c in
            sums[c]!.keys.sorted().compactMap { k in
                sums[c]![k]! == 0 ? nil : ChangedReferral.Delta(currency: c, kind: k, deltaMinor: sums[c]![k]!)
            }
        }
    }

    /// A rule's outcome differs when it held on one side and not the other; for a requirement,
    /// also when what it reached or needs differs; for a reward, tier or limit, also when what
    /// it granted differs (its `saw`). Eligibility and window checks that held alike are alike,
    /// even when their wording changed with the rule.
    static func outcomeDiffers(_ a: Decision.Check, _ b: Decision.Check) -> Bool {
        if a.held != b.held { return true }
        switch b.kind {
        case .requirement: return a.have != b.have || a.need != b.need
        case .reward, .tier, .limit, .milestone: return a.saw != b.saw
        case .version, .eligibility, .window, .reversal, .event: return false
        }
    }

    /// The rules the two sides checked differently, from both sides' explanations of a
    /// record's bytes (each side scanning them itself), for an example.
    static func changedRules(_ bytes: ArraySlice<UInt8>, base: PolicySet, new: PolicySet)
        -> [ChangedReferral.RuleOutcome]
    {
        changedRules((try? base.evaluate(json: bytes, explain: true))?.explanation ?? [],
                     (try? new.evaluate(json: bytes, explain: true))?.explanation ?? [])
    }

    /// The rules the two sides checked differently, from both sides' explanations, in the
    /// order they were checked (the new side's first).
    static func changedRules(_ a: [Decision.Check], _ b: [Decision.Check]) -> [ChangedReferral.RuleOutcome] {
        var byRule: [String: Decision.Check] = [:]
        for c in a where byRule[c.rule] == nil { byRule[c.rule] = c }
        var out: [ChangedReferral.RuleOutcome] = []
        var seen = Set<String>()
        for c in b where c.kind != .version && seen.insert(c.rule).inserted {
            let was = byRule[c.rule]
            if let was, !outcomeDiffers(was, c) { continue }
            out.append(ChangedReferral.RuleOutcome(rule: c.rule, kind: c.kind.rawValue, baseHeld: was?.held, newHeld: c.held,
                                                   baseSaw: was?.saw, newSaw: c.saw))
        }
        for c in a where c.kind != .version && seen.insert(c.rule).inserted {
            out.append(ChangedReferral.RuleOutcome(rule: c.rule, kind: c.kind.rawValue, baseHeld: c.held, newHeld: nil,
                                                   baseSaw: c.saw, newSaw: nil))
        }
        return out
    }
}
