import Dispatch

/// Decides every record of a history with two policies, the base and the new, in one pass,
/// and adds up the difference in an ``ImpactSummary``.
///
/// Records come in batches (``add(_:source:)``); a batch is cut into one contiguous share per
/// worker thread, each share decided by both sides into a summary of its own, and the shares'
/// summaries are merged in input order, so the changed referrals a batch returns are in input
/// order too. Nothing is kept per record: memory is the summary's, and one batch.
///
/// Both sides' explanations are computed only where they are shown: for the few examples kept
/// of each kind of change, and for every changed referral when ``keepChanged`` asks for them.
package struct ImpactAnalyzer: Sendable {
    package let base: PolicySet
    package let new: PolicySet
    /// Return every changed referral from ``add(_:source:)``, with the rules whose outcome changed.
    package let keepChanged: Bool
    /// Threads deciding a batch side by side.
    package let workers: Int
    package private(set) var summary: ImpactSummary

    /// Fewer records than this are decided on the calling thread alone.
    static let parallelMinimum = 64

    package init(base: PolicySet, new: PolicySet, keepChanged: Bool = false, workers: Int = 1) {
        self.base = base
        self.new = new
        self.keepChanged = keepChanged
        self.workers = max(1, workers)
        self.summary = ImpactSummary(currency: Self.currency(of: new))
    }

    /// The currency the impact reports per-referral change and referrers in, and
    /// `--max-increase` assumes: the policy's default currency (its first version's).
    package static func currency(of set: PolicySet) -> Currency {
        set.policies.first?.model.currency ?? Currency(code: "USD")!
    }

    /// What one share of a batch came to.
    private final class Share: @unchecked Sendable {
        let range: Range<Int>
        var summary: ImpactSummary
        var changed: [ChangedReferral] = []
        /// Candidate examples and their snapshots, for the explanations if they are kept.
        var examples: [(ChangedReferral, ArraySlice<UInt8>)] = []

        init(range: Range<Int>, currency: Currency) {
            self.range = range
            self.summary = ImpactSummary(currency: currency)
        }
    }

    /// Decides a batch of records with both policies and counts them. Returns the changed
    /// referrals in input order when ``keepChanged`` is set, else nothing.
    package mutating func add(_ inputs: [ImpactInput], source: String) -> [ChangedReferral] {
        let count = inputs.count
        let parts = count < Self.parallelMinimum ? 1 : min(workers, count)
        let shares = (0..<parts).map { w in
            Share(range: (count * w / parts)..<(count * (w + 1) / parts), currency: summary.currency)
        }
        // Kinds of change that already have all their examples: no share keeps candidates of them.
        let full = Set(summary.exampleLists.filter { $0.value.count >= ImpactSummary.examplesPerTransition }.map(\.key))
        let job: @Sendable (Int) -> Void = { [base, new, keepChanged] w in
            Self.decide(inputs, into: shares[w], base: base, new: new, source: source, keepChanged: keepChanged, full: full)
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

    private static func decide(_ inputs: [ImpactInput], into share: Share, base: PolicySet, new: PolicySet,
                               source: String, keepChanged: Bool, full: Set<ImpactSummary.PairKey>) {
        var summary = share.summary
        var changedList: [ChangedReferral] = []
        var examples: [(ChangedReferral, ArraySlice<UInt8>)] = []
        var candidates: [ImpactSummary.PairKey: Int] = [:]
        for i in share.range {
            let input = inputs[i]
            var da: Decision?, db: Decision?
            var ea = input.problem, eb = input.problem
            var snapshot: Snapshot?  // decoded only when a changed referral's decisions do not name it
            // Each side scans the line itself: scanning costs less than making a `Snapshot`
            // value once and turning it back into facts for each side.
            if input.problem == nil {
                do throws(EvaluationError) { da = try base.evaluate(json: input.bytes) } catch { ea = error }
                do throws(EvaluationError) { db = try new.evaluate(json: input.bytes) } catch { eb = error }
            }
            let statusA = da?.status.rawValue ?? "error", statusB = db?.status.rawValue ?? "error"
            let isChanged: Bool
            switch (da, db) {
            case let (x?, y?): isChanged = x.status != y.status || !Self.sameRewards(x.rewards, y.rewards)
            case (nil, nil): isChanged = false
            default: isChanged = true
            }
            summary.count(base: statusA, new: statusB, changed: isChanged, type: (db ?? da)?.referralType,
                          basePaid: da?.status == .qualified ? da!.rewards : [], newPaid: db?.status == .qualified ? db!.rewards : [])
            guard isChanged else { continue }
            let decided = db ?? da
            let sideA = side(da, ea), sideB = side(db, eb)
            var referrer = decided.map(\.referrerID) ?? (input.problem == nil ? ReferrerScanner.referrerID(input.bytes) : nil)
            if snapshot == nil, referrer == nil || decided == nil, input.problem == nil {
                snapshot = (try? new.decodeSnapshot(input.bytes)) ?? (try? base.decodeSnapshot(input.bytes))
                referrer = referrer ?? snapshot?.referrer.id
            }
            let referrerID = referrer ?? ""
            summary.countChange(referrer: referrerID, base: sideA, new: sideB)
            let key = ImpactSummary.PairKey(from: sideA.status, to: sideB.status)
            let wanted = !full.contains(key) && candidates[key, default: 0] < ImpactSummary.examplesPerTransition
            guard keepChanged || wanted else { continue }
            var referral = ChangedReferral(referralID: decided?.referralID ?? snapshot?.id ?? "",
                                           referralType: decided?.referralType ?? snapshot?.type ?? "",
                                           referrer: referrerID, source: source, line: input.line,
                                           base: sideA, new: sideB, delta: delta(sideA, sideB))
            if keepChanged {
                referral.rules = changedRules(input.bytes, base: base, new: new)
                changedList.append(referral)
            }
            if wanted {
                candidates[key, default: 0] += 1
                examples.append((referral, input.bytes))
            }
        }
        share.summary = summary
        share.changed = changedList
        share.examples = examples
    }

    /// The same rewards: rule, beneficiary, kind, amount, payable date and credit expiry, in order.
    static func sameRewards(_ a: [Decision.Reward], _ b: [Decision.Reward]) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            if x.rule != y.rule || x.beneficiary != y.beneficiary || x.kind != y.kind || x.amount != y.amount
                || x.payableAt != y.payableAt || x.expiresAt != y.expiresAt { return false }
        }
        return true
    }

    private static func side(_ decision: Decision?, _ error: EvaluationError?) -> ChangedReferral.Side {
        if let decision { return ChangedReferral.Side(decision) }
        return ChangedReferral.Side(error ?? EvaluationError(.invalidJSON, "not decided"))
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
        case .reward, .tier, .limit: return a.saw != b.saw
        case .version, .eligibility, .window, .reversal, .event: return false
        }
    }

    /// The rules the two sides checked differently, from both sides' explanations, in the
    /// order they were checked (the new side's first).
    static func changedRules(_ bytes: ArraySlice<UInt8>, base: PolicySet, new: PolicySet)
        -> [ChangedReferral.RuleOutcome]
    {
        let a = (try? base.evaluate(json: bytes, explain: true))?.explanation ?? []
        let b = (try? new.evaluate(json: bytes, explain: true))?.explanation ?? []
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
