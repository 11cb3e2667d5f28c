/// A time zone's rules as ReferralPolicy reads them: the UTC offset in force at every instant,
/// from a table of the instants the offset changed (as the tz database lists them) and, past
/// the table, the zone's yearly rule. Built once, when a policy naming the zone is loaded
/// (``TimeZoneDatabase``); immutable and shared by every plan and description of that policy.
///
/// The table lives in memory this object allocates once and frees when it goes; ``view`` is
/// a plain copy of where it is, which the evaluator reads without counting a reference.
final class TimeZoneRules: @unchecked Sendable {
    /// The IANA name, as the policy wrote it: `Europe/London`.
    let name: String
    let view: ZoneView
    private let tables: UnsafeMutablePointer<ZoneView.Tables>

    /// `transitions` ascending (UTC seconds); `offsets` one more than them: `offsets[0]` before
    /// the first transition, `offsets[k + 1]` from `transitions[k]` on (seconds east of UTC).
    init(name: String, transitions: [Int64], offsets: [Int32], rule: PosixTZRule?) {
        precondition(offsets.count == transitions.count + 1, "one offset more than transitions")
        self.name = name
        let transitionsBase = UnsafeMutablePointer<Int64>.allocate(capacity: max(1, transitions.count))
        let offsetsBase = UnsafeMutablePointer<Int32>.allocate(capacity: offsets.count)
        transitionsBase.initialize(from: transitions, count: transitions.count)
        offsetsBase.initialize(from: offsets, count: offsets.count)
        tables = UnsafeMutablePointer<ZoneView.Tables>.allocate(capacity: 1)
        tables.initialize(to: ZoneView.Tables(transitions: UnsafeBufferPointer(start: transitionsBase, count: transitions.count),
                                              offsets: UnsafeBufferPointer(start: offsetsBase, count: offsets.count), rule: rule))
        view = ZoneView(tables: UnsafePointer(tables))
    }

    deinit {
        UnsafeMutablePointer(mutating: tables.pointee.transitions.baseAddress)?.deallocate()
        UnsafeMutablePointer(mutating: tables.pointee.offsets.baseAddress)?.deallocate()
        tables.deallocate()
    }

    /// True when the zone is UTC at every instant: it then changes nothing, and is left out of plans.
    var isUTC: Bool {
        let offsetsAllZero = view.offsets.allSatisfy { $0 == 0 }
        guard let rule = view.rule else { return offsetsAllZero }
        return offsetsAllZero && rule.standardOffset == 0 && !rule.hasDaylight
    }

    /// `London`, `New York`: the place of the name, for sentences ("in London time").
    var place: String {
        let last = name.split(separator: "/").last.map(String.init) ?? name
        return last.replacingOccurrences(of: "_", with: " ")
    }
}

/// Where a ``TimeZoneRules``'s table is, and its rule: what the evaluator needs to turn an
/// instant into local time and back. One pointer (so an optional one costs a register to pass);
/// valid while its ``TimeZoneRules`` lives (a plan keeps it alive).
struct ZoneView: BitwiseCopyable, @unchecked Sendable {
    struct Tables {
        let transitions: UnsafeBufferPointer<Int64>
        let offsets: UnsafeBufferPointer<Int32>
        /// The rule past the last transition; nil: the last offset stays.
        let rule: PosixTZRule?
    }

    let tables: UnsafePointer<Tables>

    var transitions: UnsafeBufferPointer<Int64> { tables.pointee.transitions }
    var offsets: UnsafeBufferPointer<Int32> { tables.pointee.offsets }
    var rule: PosixTZRule? { tables.pointee.rule }

    /// Seconds east of UTC in force at `t` (seconds since the epoch, UTC).
    func offset(at t: Int64) -> Int64 {
        let transitions = tables.pointee.transitions, offsets = tables.pointee.offsets
        let n = transitions.count
        if n == 0 || t >= transitions[n - 1] {
            if let rule = tables.pointee.rule { return rule.offset(at: t) }
            return Int64(offsets[n])
        }
        if t < transitions[0] { return Int64(offsets[0]) }
        // transitions[lo] <= t < transitions[hi]
        var lo = 0, hi = n - 1
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if transitions[mid] <= t { lo = mid } else { hi = mid }
        }
        return Int64(offsets[lo + 1])
    }

    /// The instant whose local wall-clock time is `local` (seconds since 1970-01-01 00:00 local).
    /// A wall-clock time that happens twice (when the clocks go back) is its first occurrence;
    /// one that never happens (the hour skipped when they go forward) is the instant the clocks
    /// changed: 01:30 on the day London's clocks go forward is 02:00 summer time. So a later
    /// wall-clock time never gives an earlier instant.
    func utc(fromLocal local: Int64) -> Int64 {
        let before = offset(at: local - 2 * Instant.secondsPerDay)
        let after = offset(at: local + 2 * Instant.secondsPerDay)
        let early = local - max(before, after)
        let late = local - min(before, after)
        if offset(at: early) == max(before, after) { return early }
        if offset(at: late) == min(before, after) { return late }
        // Skipped: `early` is before the change, `late` after it; find the change.
        var lo = early, hi = late
        let old = offset(at: lo)
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if offset(at: mid) == old { lo = mid } else { hi = mid }
        }
        return hi
    }
}
