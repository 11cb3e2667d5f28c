/// The plan as text, one table entry a line, names resolved: what the compiler made of a
/// policy. Tests keep a golden of each test policy's plan, so a compiler change shows in a diff.
extension EvaluationPlan {
    var outline: String {
        var out: [String] = []
        func s(_ k: Int32) -> String { k < 0 ? "-" : strings[Int(k)] }
        func window(_ w: Window?) -> String {
            guard let w else { return "the type's" }
            if w.anyTime { return "any time" }
            return [w.days.map { "\($0) days" }, w.until.map { "until \($0)" }].compactMap { $0 }.joined(separator: ", ")
        }
        func test(_ t: Test) -> String {
            let values = constants.buffer(t.values).map { c -> String in
                switch c {
                case .text(_, _, let k): "\"\(s(k))\""
                case .integer(let i): String(i)
                case .bool(let b): String(b)
                }
            }
            return "\(t.comparison.rawValue) [\(values.joined(separator: ", "))]\(t.longList >= 0 ? " hashed" : "")"
        }
        func rule(_ k: Int) -> String {
            let r = rules[k]
            switch r.condition {
            case .selfReferral(let allowed): return "rule \(s(r.id)): self_referral \(allowed ? "allow" : "deny")"
            case .field(_, let t): return "rule \(s(r.id)): \(s(r.path)) \(test(t))"
            }
        }
        out.append("plan \(identity.program)@\(identity.version), currency \(currency.code), in force \(effective.from.map(\.description) ?? "-") until \(effective.until.map(\.description) ?? "-") by \(effective.basis.rawValue)")
        out.append("events: " + (0..<eventNameList.count).map { "\($0) \(eventNameList[$0])\(eventHasAmount[$0] ? " (amount\(amountNote($0)))" : "")" }.joined(separator: ", "))
        if ignoresUnknownEvents { out.append("unknown events: ignored") }
        for k in commonRules.range { out.append("  " + rule(k)) }
        for l in 0..<limits.count {
            let limit = limits[l]
            out.append("  limit \(s(limit.id)): \(limit.period) max_rewards \(limit.maxRewards.map(String.init) ?? "-") max_amount \(limit.maxAmount.map { "\($0) \(currencies[Int(limit.amountCurrency)].code)" } ?? "-") kind \(limit.kind?.rawValue ?? "any")")
        }
        for t in 0..<types.count {
            let type = types[t]
            out.append("type \(t) \(s(type.name)): window \(window(type.window)), \(type.roots) requirements\(type.plainLeaves ? " (a plain list)" : "")")
            for k in type.rules.range { out.append("  " + rule(k)) }
            for (k, leaf) in leaves.buffer(type.leaves).enumerated() {
                let filters = self.filters.buffer(leaf.filters).map { f in f.currency >= 0 ? "currency \(currencies[Int(f.currency)].code)" : "\(f.isAmount ? "amount" : String(decoding: bytes.buffer(f.name), as: UTF8.self)) \(test(f.test))" }
                out.append("  leaf \(k) \(s(leaf.id)): \(leaf.measure) of \(eventNameList[Int(leaf.event)]) >= \(leaf.threshold), window \(window(leaf.window))" + (filters.isEmpty ? "" : ", where " + filters.joined(separator: "; ")))
            }
            for (k, node) in nodes.buffer(type.nodes).enumerated() {
                let kind: String
                switch node.kind {
                case .leaf(let l): kind = "leaf \(l)"
                case .all(let c): kind = "all of \(c)"
                case .any(let c): kind = "any of \(c)"
                case .not: kind = "not"
                }
                out.append("  node \(k) \(s(node.id)): \(kind), in \(node.parent < 0 ? "the top" : "node \(node.parent)")")
            }
            for r in type.rewards.range {
                let reward = rewards[r]
                let amount: String
                switch reward.amount {
                case .fixed(let a): amount = "fixed \(a)"
                case .percent(let bp, let leaf, let min, let max): amount = "\(bp) bp of leaf \(leaf), min \(min.map(String.init) ?? "-"), max \(max.map(String.init) ?? "-")"
                case .tiers(let leaf, let span):
                    amount = "tiers of leaf \(leaf): " + tiers.buffer(span).map { "\(s($0.id)) >= \($0.atLeast): \($0.amount) \($0.kind.rawValue)\($0.creditExpiresDays.map { ", expires \($0) days" } ?? "")" }.joined(separator: "; ")
                }
                out.append("  reward \(s(reward.id)): to \(reward.to.rawValue), \(reward.kind.rawValue) in \(currencies[Int(reward.currency)].code), \(amount), hold \(reward.holdDays) days\(reward.creditExpiresDays.map { ", credit expires \($0) days" } ?? "")")
            }
            if type.reversal >= 0 {
                let rev = reversals[type.reversal]
                out.append("  reversal \(s(rev.id)): on " + reversalEvents.buffer(rev.events).map { eventNameList[Int($0)] }.joined(separator: ", ") + " within \(rev.withinDays) days")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// ` in MB`, `, other currencies ignored`: an event type's amounts, when not the default.
    private func amountNote(_ e: Int) -> String {
        (eventCurrency[e] != 0 ? " in \(currencies[Int(eventCurrency[e])].code)" : "")
            + (ignoresOtherCurrencies[e] ? ", other currencies ignored" : "")
    }
}
