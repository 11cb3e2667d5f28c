/// Snapshot lines read by the fast path ahead of time, so that a benchmark can time the
/// decisions alone ("decisions per second on snapshots already decoded") for the fast path as
/// it does for ``Snapshot`` values. Not for services: ``PolicySet/evaluate(json:explain:)``
/// reads and decides in one go.
@_spi(Benchmarks)
public final class PreparedSnapshots {
    private struct Entry {
        var line: Int
        var snapshot: CompactSnapshot
        var events: [CompactEvent]
        var flags: [Range<Int>]
        var flat: [FlatValue]
    }

    private let set: PolicySet
    private let lines: [[UInt8]]
    private var entries: [Entry] = []

    /// Reads every line the fast path reads; the others are left out.
    public init(_ set: PolicySet, lines: [[UInt8]]) {
        self.set = set
        self.lines = lines
        for (k, line) in lines.enumerated() {
            var events = [CompactEvent](repeating: CompactEvent(), count: CompactSnapshot.maxEvents)
            var flags = [Range<Int>](repeating: 0..<0, count: CompactSnapshot.maxFlags)
            var flat = [FlatValue](repeating: .missing, count: 2 * CompactSnapshot.maxFlat)
            let snapshot: CompactSnapshot? = line.withUnsafeBufferPointer { b in
                events.withUnsafeMutableBufferPointer { e in
                    flags.withUnsafeMutableBufferPointer { f in
                        flat.withUnsafeMutableBufferPointer { a in
                            var reader = CompactReader(b, names: set.flatNames, events: e, flags: f, flat: a)
                            return reader.read()
                        }
                    }
                }
            }
            if let snapshot { entries.append(Entry(line: k, snapshot: snapshot, events: events, flags: flags, flat: flat)) }
        }
    }

    /// How many lines were read.
    public var count: Int { entries.count }

    /// Decides every prepared snapshot into a ``Decision``; returns how many rewards they hold
    /// (so that the work cannot be optimised away).
    public func decideAll() -> Int {
        var rewards = 0
        for entry in entries {
            lines[entry.line].withUnsafeBufferPointer { b in
                entry.events.withUnsafeBufferPointer { events in
                    entry.flags.withUnsafeBufferPointer { flags in
                        entry.flat.withUnsafeBufferPointer { flat in
                            guard let policy = FastEvaluator.governing(set.policies, entry.snapshot)?.compiled else { return }
                            let run = FastRun(policy: policy, b: b, s: entry.snapshot, events: events, flags: flags, flat: flat,
                                              names: set.flatNames)
                            withUnsafeTemporaryAllocation(of: FastReward.self, capacity: FastOutcome.maxRewards) { r in
                                withUnsafeTemporaryAllocation(of: FastProgress.self, capacity: FastOutcome.maxProgress) { p in
                                    var outcome = FastOutcome()
                                    guard run.decide(&outcome, r, p) else { return }
                                    let d = FastOutput.decision(policy, b, entry.snapshot, outcome,
                                                                UnsafeBufferPointer(rebasing: r[0..<outcome.rewardCount]),
                                                                UnsafeBufferPointer(rebasing: p[0..<outcome.progressCount]))
                                    rewards &+= d.rewards.count
                                }
                            }
                        }
                    }
                }
            }
        }
        return rewards
    }
}
