/// The event types the versions of one program declare, for the version that meets an event of
/// a type it does not declare itself: when another version declares the type, the event is
/// left out (one export serves every version) rather than an `unknown_event_type` error.
/// Built once per ``PolicySet`` of two or more versions; `names` is freed with the set.
struct ProgramEvents: Sendable {
    /// Every event type some version declares.
    let names: NameTable
    /// For each of `names`, the versions that declare it, for explanations: `1`, `1 and 3`.
    let declaredBy: [String]

    /// Nil when there is only one version: nothing is declared elsewhere.
    init?(_ plans: [EvaluationPlan]) {
        guard plans.count > 1 else { return nil }
        var order: [String] = []
        var versions: [String: [String]] = [:]
        for plan in plans {
            for name in plan.eventNameList {
                if versions[name] == nil { order.append(name) }
                versions[name, default: []].append(plan.identity.version)
            }
        }
        names = NameTable(order)
        declaredBy = order.map { name in
            let list = versions[name] ?? []
            return list.count < 2 ? list.joined() : list.dropLast().joined(separator: ", ") + " and " + (list.last ?? "")
        }
    }
}
