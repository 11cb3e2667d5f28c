/// Amounts beyond a fixed number, a percent of a sum and tiers of money: amounts looked up by
/// a field's value, and a percent of one qualifying event (the first or the largest). Reached
/// only by rewards that use them: a policy without them never calls into this file.
extension Evaluator {
    /// What amount table `k` pays for this snapshot: the amount listed for its field's value,
    /// else the default; nil when neither (the reward or tier then pays nothing). Looks the value
    /// up once, by its bytes (a ``NameTable`` for text): nothing is allocated.
    mutating func tableAmount(_ k: Int32, reward r: Int, tier: Int, measured: Int64) -> Int64? {
        let tables = plan.amountTables
        let table = tables.tables[k]
        let entry = Self.entry(table, tables, plan, facts)
        let amount = entry >= 0 ? tables.amounts[Int(table.amounts.start) + entry] : table.defaultAmount
        observer.tableAmount(plan, r, tier: tier, measured: measured, table: Int(k), entry: entry, amount: amount, facts)
        return amount
    }

    /// The index of the table's key the snapshot's value of its field is, or -1 (not listed,
    /// missing, or a value of another type).
    static func entry(_ table: Plan.AmountTable, _ tables: Plan.AmountTables, _ plan: Plan, _ facts: FactsView) -> Int {
        func text(_ t: TextRef) -> Int {
            guard !t.isMissing, table.names >= 0 else { return -1 }
            return tables.names[table.names].index(of: facts.bytes(t), ascii: t.ascii) ?? -1
        }
        func number(_ v: Int64) -> Int {
            tables.keys.buffer(table.keys).firstIndex(of: v) ?? -1
        }
        switch EligibilityCheck.value(plan, table.field, facts) {
        case .text(let t): return text(t)
        case .attribute(.text(let t)?): return table.keyType == .text ? text(t) : -1
        case .attribute(.integer(let v)?): return table.keyType == .integer ? number(v) : -1
        case .attribute(.bool(let b)?): return table.keyType == .boolean ? number(b ? 1 : 0) : -1
        case .attribute(nil), .list: return -1
        }
    }

    /// `basisPoints` of the first (or largest) qualifying event's amount, rounded down, then
    /// raised to `min` and lowered to `max`. No qualifying event measures 0.
    mutating func percentOfEvent(basisPoints bp: Int64, _ leaf: Plan.Leaf, _ state: LeafState, largest: Bool,
                                 min minimum: Int64?, max maximum: Int64?, reward r: Int,
                                 _ timeline: UnsafeBufferPointer<TimedEvent>) throws(EvaluationError) -> Int64 {
        let (measured, event) = qualifyingAmount(leaf, state, largest: largest, timeline)
        let product = measured.multipliedFullWidth(by: bp)
        guard product.high < 5_000 && product.high > -5_000 else {
            throw EvaluationError(.overflow, "`\(plan.strings[Int(plan.rewards[r].id)])`: the percent of \(measured) overflows", path: nil)
        }
        let q = Int64(10_000).dividingFullWidth(product).quotient
        var amount = q
        if let minimum, amount < minimum { amount = minimum }
        if let maximum, amount > maximum { amount = maximum }
        observer.percentOfEvent(plan, r, event: event, measured: measured, uncapped: q, amount: amount, facts)
        return amount
    }

    /// Whether `leaf` measures events of `type` (one type, or several: `sum: [buy, sell]`).
    @inline(__always) func measures(_ type: Int32, _ leaf: Plan.Leaf) -> Bool {
        type == leaf.event || (leaf.moreEvents.count > 0 && plan.leafEvents.buffer(leaf.moreEvents).contains(type))
    }

    /// When a `distinct_days` leaf first reached `threshold` days (tiers of a count of days):
    /// one step per day with a qualifying event (UTC, or the program's zone), as the pass over
    /// events counted them.
    func reachedDays(_ leaf: Plan.Leaf, _ state: LeafState, _ threshold: Int64, _ timeline: UnsafeBufferPointer<TimedEvent>) -> Instant? {
        var days: Int64 = 0
        var lastDay = Int64.min
        for item in timeline where measures(item.type, leaf) {
            if let start = state.start, item.at < start { continue }
            if let end = state.end, item.at > end { continue }
            if !leaf.filters.isEmpty, !passes(leaf.filters, event: item.index) { continue }
            let day = leaf.measure == .distinctLocalDays ? ZonedCalendar.dayNumber(item.at, plan.zone) : item.at.dayNumber
            if day == lastDay { continue }
            lastDay = day
            days += 1
            if days >= threshold { return item.at }
        }
        return nil
    }

    /// The amount of the first qualifying event of `leaf` in time order (or of the largest one,
    /// the earliest of equals) and its index in the snapshot's events; (0, -1) when none. A
    /// qualifying event is one the leaf counted: of its type (or one of its types), in its window,
    /// through its filters.
    func qualifyingAmount(_ leaf: Plan.Leaf, _ state: LeafState, largest: Bool, _ timeline: UnsafeBufferPointer<TimedEvent>) -> (Int64, Int) {
        var best: (amount: Int64, event: Int) = (0, -1)
        for item in timeline where measures(item.type, leaf) {
            if let start = state.start, item.at < start { continue }
            if let end = state.end, item.at > end { continue }
            if !leaf.filters.isEmpty, !passes(leaf.filters, event: item.index) { continue }
            if !largest { return (item.amount, Int(item.index)) }
            if best.event < 0 || item.amount > best.amount { best = (item.amount, Int(item.index)) }
        }
        return best
    }
}
