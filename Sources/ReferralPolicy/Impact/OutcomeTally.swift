/// What an ``ImpactSummary`` counts of every record — its status pair, whether it changed,
/// its type, the rewards each side pays — kept in arrays indexed by the numbers of
/// ``OutcomeTables`` (a status pair, a type, a payout slot), so that counting a record touches
/// no text and no hash table. One share of a batch counts into its own, then adds it to its
/// summary (``ImpactSummary/add(_:_:)``).
struct OutcomeTally {
    struct Sums {
        var base: Int64 = 0
        var new: Int64 = 0
        /// A reward was counted here (a sum of zero still lists its slot, as the summary does).
        var seen = false
    }

    struct TypeCounts {
        var records = 0
        var changed = 0
        var undecided = 0
        /// The type's name as the snapshots wrote it, when that is not the plan's text
        /// (non-ASCII text the plan matched by its Unicode form): the last one counted.
        var writtenName: String?
    }

    var records = 0
    var changed = 0
    var undecided = 0
    var undecidedBase = 0
    var undecidedNew = 0
    var overflowed = false
    /// Per status pair, `base * statusCount + new`.
    var pairs: [(count: Int, changed: Int)]
    /// Per payout slot.
    var payouts: [Sums]
    /// Per type number (``OutcomeTables/undecidedType`` last).
    var types: [TypeCounts]
    /// Per type number and payout slot, `type * slots + slot`.
    var typePayouts: [Sums]
    let slots: Int

    init(_ tables: OutcomeTables) {
        slots = tables.payoutKeys.count
        pairs = Array(repeating: (0, 0), count: tables.statusCount * tables.statusCount)
        payouts = Array(repeating: Sums(), count: slots)
        types = Array(repeating: TypeCounts(), count: tables.typeNames.count + 1)
        typePayouts = Array(repeating: Sums(), count: (tables.typeNames.count + 1) * slots)
    }

    /// Counts one record: its status pair (codes of ``OutcomeTables``), whether it changed,
    /// and its type's number. Payouts are counted apart (``pay(base:slot:type:amount:)``).
    @inline(__always) mutating func count(base: Int, new: Int, statusCount: Int, changed isChanged: Bool, type: Int) {
        records += 1
        let error = statusCount - 1
        let baseFailed = base == error, newFailed = new == error
        if baseFailed { undecidedBase += 1 }
        if newFailed { undecidedNew += 1 }
        if baseFailed || newFailed {
            undecided += 1
            types[type].undecided += 1
        }
        pairs[base * statusCount + new].count += 1
        types[type].records += 1
        if isChanged {
            changed += 1
            pairs[base * statusCount + new].changed += 1
            types[type].changed += 1
        }
    }

    /// Adds one paid reward to its slot's total and its type's.
    @inline(__always) mutating func pay(base: Bool, slot: Int, type: Int, amount: Int64) {
        Self.add(&payouts[slot], base: base, amount, &overflowed)
        Self.add(&typePayouts[type * slots + slot], base: base, amount, &overflowed)
    }

    @inline(__always) private static func add(_ sums: inout Sums, base: Bool, _ amount: Int64, _ overflowed: inout Bool) {
        sums.seen = true
        if base {
            sums.base = ImpactSummary.add(sums.base, amount, &overflowed)
        } else {
            sums.new = ImpactSummary.add(sums.new, amount, &overflowed)
        }
    }
}

extension ImpactSummary {
    /// Adds a share's tally: its records, changed and undecided counts, status pairs, payouts
    /// (per currency, kind and beneficiary, a slot listed once a reward was counted in it,
    /// even of zero) and types (named as the snapshots wrote them; `(undecided)` for records
    /// neither side decided).
    mutating func add(_ tally: OutcomeTally, _ tables: OutcomeTables) {
        records += tally.records
        changed += tally.changed
        undecided += tally.undecided
        undecidedBase += tally.undecidedBase
        undecidedNew += tally.undecidedNew
        overflowed = overflowed || tally.overflowed
        let n = tables.statusCount
        for (k, pair) in tally.pairs.enumerated() where pair.count > 0 {
            let key = PairKey(from: tables.statusName(k / n), to: tables.statusName(k % n))
            var p = pairs[key] ?? (0, 0)
            p.count += pair.count
            p.changed += pair.changed
            pairs[key] = p
        }
        Self.add(tally.payouts[...], tables, into: &payoutSums, &overflowed)
        for (t, counts) in tally.types.enumerated() where counts.records > 0 {
            let name = t == tables.undecidedType ? "(undecided)" : counts.writtenName ?? tables.typeNames[t]
            var mine = types[name] ?? TypeTally()
            mine.records += counts.records
            mine.changed += counts.changed
            mine.undecided += counts.undecided
            Self.add(tally.typePayouts[(t * tally.slots)..<((t + 1) * tally.slots)], tables, into: &mine.payouts, &overflowed)
            types[name] = mine
        }
    }

    private static func add(_ sums: ArraySlice<OutcomeTally.Sums>, _ tables: OutcomeTables, into: inout [PayoutKey: Sums],
                            _ overflowed: inout Bool) {
        for (slot, s) in zip(tables.payoutKeys, sums) where s.seen {
            var mine = into[slot] ?? Sums()
            mine.base = add(mine.base, s.base, &overflowed)
            mine.new = add(mine.new, s.new, &overflowed)
            into[slot] = mine
        }
    }
}
