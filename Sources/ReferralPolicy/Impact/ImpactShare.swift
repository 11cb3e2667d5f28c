/// One worker's share of a batch of ``ImpactAnalyzer``: a contiguous run of records, decided
/// on one thread by both sides into a summary of its own, the changed referrals kept (with
/// ``ImpactAnalyzer/keepChanged``) and candidate examples, all in input order.
///
/// Per record: the line is scanned once into snapshot facts (twice only when the two sides
/// declare different flat attributes, which read a line differently); each side decides the
/// facts with its own set, which picks its governing version, into an outcome; the two
/// outcomes are compared and counted as numbers. Decision values are built only for the
/// changed referrals kept, and explanations only for those ``ImpactAnalyzer/keepChanged`` asks for.
final class ImpactShare: @unchecked Sendable {
    let range: Range<Int>
    var summary: ImpactSummary
    var changed: [ChangedReferral] = []
    /// Candidate examples and their snapshots, for the explanations if they are kept.
    var examples: [(ChangedReferral, ArraySlice<UInt8>)] = []

    init(range: Range<Int>, currency: Currency) {
        self.range = range
        self.summary = ImpactSummary(currency: currency)
    }

    /// Decides the share's records of `inputs`. `full` marks the status pairs (codes of
    /// ``OutcomeTables/pairCode(_:)``) that already have all their examples.
    func decide(_ inputs: [ImpactInput], base: PolicySet, new: PolicySet, tables: OutcomeTables, source: String,
                keepChanged: Bool, full: [Bool]) {
        let workspace = DecisionWorkspace.current
        var counter = Counter(base: base, new: new, tables: tables, source: source, keepChanged: keepChanged, full: full,
                              workspace: workspace, summary: summary)
        // Sides that accept the same flat attributes read a line alike: one scan serves both.
        let oneScan = base.flat.referrerNames == new.flat.referrerNames && base.flat.refereeNames == new.flat.refereeNames
        var factsA = SnapshotFacts(), factsB = SnapshotFacts()
        for i in range {
            let input = inputs[i]
            if let problem = input.problem {
                counter.a.fail(problem)
                counter.b.fail(problem)
                counter.count(input, nil, nil)
                continue
            }
            input.bytes.withUnsafeBufferPointer { json in
                var scanA: EvaluationError?, scanB: EvaluationError?
                do throws(EvaluationError) {
                    try DecisionPipeline.scan(json: json, flat: base.versions.flat, into: &factsA)
                } catch {
                    scanA = error
                }
                if oneScan {
                    scanB = scanA
                } else {
                    do throws(EvaluationError) {
                        try DecisionPipeline.scan(json: json, flat: new.versions.flat, into: &factsB)
                    } catch {
                        scanB = error
                    }
                }
                func decideBoth(_ va: FactsView, _ vb: FactsView) {
                    if let scanA { counter.a.fail(scanA) } else { counter.a.decide(va, base.versions, workspace) }
                    if let scanB { counter.b.fail(scanB) } else { counter.b.decide(vb, new.versions, workspace) }
                    counter.count(input, scanA == nil ? va : nil, scanB == nil ? vb : nil)
                }
                // The body throws nothing: each side's error is kept in its outcome.
                _ = try? factsA.withView(input: json) { va throws(EvaluationError) in
                    if oneScan {
                        decideBoth(va, va)
                    } else {
                        try factsB.withView(input: json) { vb in decideBoth(va, vb) }
                    }
                }
            }
        }
        counter.summary.add(counter.tally, tables)
        summary = counter.summary
        changed = counter.changed
        examples = counter.examples
    }

    /// What the share counts, record by record.
    private struct Counter {
        let base: PolicySet
        let new: PolicySet
        let tables: OutcomeTables
        let source: String
        let keepChanged: Bool
        let full: [Bool]
        let workspace: DecisionWorkspace
        /// What each side made of the record at hand.
        var a = SideOutcome(), b = SideOutcome()
        var summary: ImpactSummary
        var tally: OutcomeTally
        var changed: [ChangedReferral] = []
        var examples: [(ChangedReferral, ArraySlice<UInt8>)] = []
        /// Candidate examples kept per status pair.
        var candidates: [Int]

        init(base: PolicySet, new: PolicySet, tables: OutcomeTables, source: String, keepChanged: Bool, full: [Bool],
             workspace: DecisionWorkspace, summary: ImpactSummary) {
            self.base = base
            self.new = new
            self.tables = tables
            self.source = source
            self.keepChanged = keepChanged
            self.full = full
            self.workspace = workspace
            self.summary = summary
            tally = OutcomeTally(tables)
            candidates = Array(repeating: 0, count: full.count)
        }

        /// Counts one record from both sides' outcomes (``a``, ``b``); `va` and `vb` are the
        /// facts each side read (nil where it could not read the line).
        mutating func count(_ input: ImpactInput, _ va: FactsView?, _ vb: FactsView?) {
            let sa = a.decided ? tables.statusCode(a.outcome.status) : tables.errorStatus
            let sb = b.decided ? tables.statusCode(b.outcome.status) : tables.errorStatus
            let isChanged: Bool
            if a.decided, b.decided {
                isChanged = sa != sb || !tables.sameRewards(a.outcome.rewards, tables.base[a.version], b.outcome.rewards, tables.new[b.version])
            } else {
                isChanged = a.decided != b.decided
            }
            // The texts of a record come from the side that decided it, the new one first.
            let facts = b.decided ? vb : a.decided ? va : nil
            var type = tables.undecidedType
            if b.decided {
                type = Int(tables.new[b.version].type[b.outcome.type])
            } else if a.decided {
                type = Int(tables.base[a.version].type[a.outcome.type])
            }
            if let facts { tally.types[type].writtenName = tables.writtenName(facts, type: type) }
            tally.count(base: sa, new: sb, statusCount: tables.statusCount, changed: isChanged, type: type)
            var overflowed = false
            let before = Self.pay(a, tables.base, base: true, type: type, tables, &tally, &overflowed)
            let after = Self.pay(b, tables.new, base: false, type: type, tables, &tally, &overflowed)
            guard isChanged else { return }
            if overflowed { tally.overflowed = true }
            let referrer = facts.flatMap { $0.string($0.head.referrerID) } ?? ""
            summary.countChange(referrer: referrer, before: before, after: after)
            let pair = sa * tables.statusCount + sb
            let wanted = !full[pair] && candidates[pair] < ImpactSummary.examplesPerTransition
            guard keepChanged || wanted else { return }
            let da = va.flatMap { a.decision(base.versions, $0) }, db = vb.flatMap { b.decision(new.versions, $0) }
            let sideA = a.side(da), sideB = b.side(db)
            let decided = db ?? da
            var referral = ChangedReferral(referralID: decided?.referralID ?? "", referralType: decided?.referralType ?? "",
                                           referrer: referrer, source: source, line: input.line,
                                           base: sideA, new: sideB, delta: ImpactAnalyzer.delta(sideA, sideB))
            if keepChanged {
                referral.rules = ImpactAnalyzer.changedRules(SideOutcome.explanation(va, base.versions, workspace),
                                                             SideOutcome.explanation(vb, new.versions, workspace))
                changed.append(referral)
            }
            if wanted {
                candidates[pair] += 1
                examples.append((referral, input.bytes))
            }
        }

        /// Counts what a side pays (an outcome's rewards unless reversed: a qualified one's, and the
        /// milestone rewards a pending or expired one already earned) and returns how much of it is
        /// in the report's currency.
        private static func pay(_ side: SideOutcome, _ versions: [OutcomeTables.Version], base: Bool, type: Int,
                                _ tables: OutcomeTables, _ tally: inout OutcomeTally, _ overflowed: inout Bool) -> Int64 {
            guard side.decided, side.outcome.status != .reversed else { return 0 }  // owed: see ImpactAnalyzer.owed
            var inReport: Int64 = 0
            for r in side.outcome.rewards {
                tally.pay(base: base, slot: tables.slot(versions[side.version], r), type: type, amount: r.amount)
                if versions[side.version].rewardCurrency[Int(r.reward)] == tables.reportCurrency {
                    inReport = ImpactSummary.add(inReport, r.amount, &overflowed)
                }
            }
            return inReport
        }
    }
}
