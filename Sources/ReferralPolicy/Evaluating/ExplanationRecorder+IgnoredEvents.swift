/// What the explanation says of events left out: events of a type the version does not
/// declare (an `event` check per type), and amounts in another currency than a measure's (a
/// note on the requirement's check).
extension ExplanationRecorder {
    /// At most this many event paths are listed; the rest are counted.
    static let listedEvents = 5

    mutating func eventsRead(_ plan: Plan, _ facts: FactsView) {
        self.facts = facts
        // Every event of a type the version does not declare was left out, or the decision
        // would have ended in an error: one check per such type, in the order they first come.
        var order: [String] = []
        var indexes: [String: [Int]] = [:]
        for (i, e) in facts.events.enumerated() where plan.eventNames.index(of: facts.bytes(e.type), ascii: e.type.ascii) == nil {
            let name = facts.string(e.type) ?? ""
            if indexes[name] == nil { order.append(name) }
            indexes[name, default: []].append(i)
        }
        let version = plan.identity.version
        for name in order {
            let list = indexes[name] ?? []
            let why: String
            let ascii = TextBytes.isASCII(name)
            if let program = programEvents, let k = Array(name.utf8).withUnsafeBufferPointer({ program.names.index(of: $0, ascii: ascii) }) {
                let declaredBy = program.declaredBy[k]
                why = "version\(declaredBy.contains(" and ") ? "s" : "") \(declaredBy) of `\(plan.identity.program)` declare\(declaredBy.contains(" and ") ? "" : "s") `\(name)`, version \(version) does not"
            } else {
                why = "version \(version) does not declare `\(name)`, and it ignores unknown event types (`unknown_events: ignore`)"
            }
            checks.append(Decision.Check(rule: "events.\(name)", kind: .event, held: true,
                                         saw: "\(Self.events(list.count, name)) left out (\(Self.paths(list))): \(why)"))
        }
    }

    /// `; 1 `deposit` event in another currency left out (events[2] in `USD`): this requirement
    /// counts `deposit` amounts in EUR`, for a measure with a currency filter that left some out.
    func otherCurrencyNote(_ plan: Plan, _ leaf: Plan.Leaf, _ state: LeafState) -> String {
        guard let facts, leaf.filters.count > 0 else { return "" }
        let first = plan.filters[Int(leaf.filters.start)]
        guard first.currency >= 0 else { return "" }
        let rest = Span32(start: leaf.filters.start + 1, count: leaf.filters.count - 1)
        var left: [(Int, String)] = []
        let measured = plan.events(of: leaf)
        for (i, e) in facts.events.enumerated() {
            guard e.at <= facts.head.asOf, !EventFilterCheck.inCurrency(plan, e, first.currency, facts),
                  let t = plan.eventNames.index(of: facts.bytes(e.type), ascii: e.type.ascii), measured.contains(Int32(t)) else { continue }
            if let start = state.start, e.at < start { continue }
            if let end = state.end, e.at > end { continue }
            if rest.count > 0, !EventFilterCheck.passes(plan, rest, e, facts) { continue }
            left.append((i, facts.string(e.currency) ?? ""))
        }
        guard !left.isEmpty else { return "" }
        // A requirement of several event types names them all: `buy` or `sell`.
        let names = measured.map { "`\(plan.eventNameList[Int($0)])`" }
        let name = names.count == 1 ? plan.eventNameList[Int(leaf.event)] : ""
        let listed = left.prefix(Self.listedEvents).map { "events[\($0.0)] in `\(DiagnosticText.clip($0.1))`" }.joined(separator: ", ")
            + (left.count > Self.listedEvents ? " and \(left.count - Self.listedEvents) more" : "")
        let currency = plan.currencies[Int(first.currency)].code
        if names.count > 1 {
            let n = left.count
            return "; \(n) \(names.joined(separator: " or ")) event\(n == 1 ? "" : "s") in another currency left out (\(listed)): this requirement counts \(names.joined(separator: " and ")) amounts in \(currency)"
        }
        return "; \(Self.events(left.count, name)) in another currency left out (\(listed)): this requirement counts `\(name)` amounts in \(currency)"
    }

    /// The currency of the amount a percent or tiered reward is measured on: its leaf's.
    func measuredCurrency(_ plan: Plan, _ r: Int) -> Currency {
        switch plan.rewards[r].amount {
        case .percent(_, let leaf, _, _), .tiers(let leaf, _), .percentOfEvent(_, let leaf, _, _, _):
            return plan.currency(ofLeaf: Self.leaf(plan, reward: r, local: leaf))
        case .fixed, .table:
            return plan.currency
        }
    }

    /// `2 `bonus_claimed` events`.
    static func events(_ n: Int, _ name: String) -> String {
        "\(n) `\(DiagnosticText.clip(name))` event\(n == 1 ? "" : "s")"
    }

    /// `events[3], events[5] and 4 more`.
    static func paths(_ list: [Int]) -> String {
        list.prefix(listedEvents).map { "events[\($0)]" }.joined(separator: ", ")
            + (list.count > listedEvents ? " and \(list.count - listedEvents) more" : "")
    }
}
