/// The plan as text, one table entry a line, names resolved: what the compiler made of a
/// policy. Tests keep a golden of each test policy's plan, so a compiler change shows in a diff.
extension EvaluationPlan {
    var outline: String {
        var out: [String] = []
        func s(_ k: Int32) -> String { k < 0 ? "-" : strings[Int(k)] }
        func window(_ w: Window?) -> String {
            guard let w else { return "the type's" }
            if w.anyTime { return "any time" }
            return [w.days.map { "\($0) days" }, (w.months != 0 ? "\(w.months) months" : nil), w.until.map { "until \($0)" }].compactMap { $0 }
                .joined(separator: ", ")
        }
        func test(_ t: Test) -> String {
            let values = constants.buffer(t.values).map { c -> String in
                switch c {
                case .text(_, _, let k): "\"\(s(k))\""
                case .integer(let i): String(i)
                case .bool(let b): String(b)
                }
            }
            return "\(t.comparison.rawValue) [\(values.joined(separator: ", "))]\(t.longList >= 0 && longLists[t.longList].count > NameTable.scanLimit ? " hashed" : "")"
        }
        func table(_ k: Int32) -> String {
            let t = amountTables.tables[k]
            let entries = (0..<Int(t.amounts.count)).map { "\(amountTables.key(t, $0)) \(amountTables.amounts[Int(t.amounts.start) + $0])" }
            return "by \(s(t.path)) (\(t.keyType.rawValue)) [\(entries.joined(separator: ", "))] default \(t.defaultAmount.map(String.init) ?? "-")"
        }
        func rule(_ k: Int) -> String {
            let r = rules[k]
            switch r.condition {
            case .selfReferral(let allowed): return "rule \(s(r.id)): self_referral \(allowed ? "allow" : "deny")"
            case .field(_, let t): return "rule \(s(r.id)): \(s(r.path)) \(test(t))"
            case .fields(_, let other): return "rule \(s(r.id)): \(s(r.path)) \(other.relation.rawValue) \(s(other.path))"
            }
        }
        out.append("plan \(identity.program)@\(identity.version), currency \(currency.code), in force \(effective.from.map(\.description) ?? "-") until \(effective.until.map(\.description) ?? "-") by \(effective.basis.rawValue)\(timeZone.map { ", time zone \($0.name)" } ?? "")")
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
                let filters = self.filters.buffer(leaf.filters).map { f in
                    f.currency >= 0 ? "currency \(currencies[Int(f.currency)].code)"
                        : "\(f.isAmount ? "amount" : String(decoding: bytes.buffer(f.name), as: UTF8.self)) "
                        + (f.compared.map { "\($0.relation.rawValue) \(s($0.path))" } ?? test(f.test))
                }
                out.append("  leaf \(k) \(s(leaf.id)): \(leaf.measure) of \(eventNames(of: leaf).joined(separator: ", ")) >= \(leaf.threshold), window \(window(leaf.window))" + (filters.isEmpty ? "" : ", where " + filters.joined(separator: "; ")))
            }
            out += nodeLines(type.nodes, indent: "  ")
            for r in type.rewards.range {
                let reward = rewards[r]
                let amount: String
                switch reward.amount {
                case .fixed(let a): amount = "fixed \(a)"
                case .percent(let bp, let leaf, let min, let max): amount = "\(bp) bp of leaf \(leaf), min \(min.map(String.init) ?? "-"), max \(max.map(String.init) ?? "-")"
                case .tiers(let leaf, let span):
                    amount = "tiers of leaf \(leaf): " + tiers.buffer(span).map { "\(s($0.id)) >= \($0.atLeast): \($0.table >= 0 ? table($0.table) : String($0.amount)) \($0.kind.rawValue)\($0.creditExpiresDays.map { ", expires \($0) days" } ?? "")\($0.creditExpiresMonths != 0 ? ", expires \($0.creditExpiresMonths) months" : "")" }.joined(separator: "; ")
                case .table(let k): amount = table(k)
                case .percentOfEvent(let bp, let leaf, let largest, let min, let max):
                    amount = "\(bp) bp of the \(largest ? "largest" : "first") event of leaf \(leaf), min \(min.map(String.init) ?? "-"), max \(max.map(String.init) ?? "-")"
                }
                let at = rewardMilestones[r] >= 0 ? ", at milestone \(s(milestones[rewardMilestones[r]].id))" : ""
                out.append("  reward \(s(reward.id)): to \(reward.to.rawValue), \(reward.kind.rawValue) in \(currencies[Int(reward.currency)].code), \(amount), \(reward.holdMonths > 0 ? "hold \(reward.holdMonths) months" : "hold \(reward.holdDays) days")\(reward.creditExpiresDays.map { ", credit expires \($0) days" } ?? "")\(reward.creditExpiresMonths != 0 ? ", credit expires \(reward.creditExpiresMonths) months" : "")\(at)")
            }
            for m in type.milestones.range {
                let milestone = milestones[m]
                let numbers = referralNumbers.buffer(milestone.numbers).map { n in
                    ", the referrer's qualified referral number \(n.n) of " + numberTypes.buffer(n.types).map { s(types[Int($0)].name) }.joined(separator: ", ")
                }.joined()
                out.append("  milestone \(s(milestone.id)): \(milestone.roots) requirements, window \(window(milestone.window))\(milestone.onReward ? ", a reward's own" : "")\(numbers)")
                out += nodeLines(milestone.nodes, indent: "    ")
            }
            if type.reversal >= 0 {
                let rev = reversals[type.reversal]
                out.append("  reversal \(s(rev.id)): on " + reversalEvents.buffer(rev.events).map { eventNameList[Int($0)] }.joined(separator: ", ") + " within \(rev.withinMonths > 0 ? "\(rev.withinMonths) months" : "\(rev.withinDays) days")")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// ` in MB`, `, other currencies ignored`: an event type's amounts, when not the default.
    /// One line per node of a requirement tree (a type's or a milestone's), numbered within it.
    private func nodeLines(_ span: Span32, indent: String) -> [String] {
        nodes.buffer(span).enumerated().map { k, node in
            let kind = switch node.kind {
            case .leaf(let l): "leaf \(l)"
            case .all(let c): "all of \(c)"
            case .any(let c): "any of \(c)"
            case .not: "not"
            }
            let id = node.id < 0 ? "-" : strings[Int(node.id)]
            return "\(indent)node \(k) \(id): \(kind), in \(node.parent < 0 ? "the top" : "node \(node.parent)")"
        }
    }

    private func amountNote(_ e: Int) -> String {
        (eventCurrency[e] != 0 ? " in \(currencies[Int(eventCurrency[e])].code)" : "")
            + (ignoresOtherCurrencies[e] ? ", other currencies ignored" : "")
    }
}
