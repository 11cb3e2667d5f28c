import Foundation

/// How a reward's amount is set, beyond a plain number: an amount looked up by a field's value
/// (`amount: { by: …, table: …, default: … }`), the threshold of a tier of a `count`, and the
/// amount a `percent` is taken of (`taking:`).
extension PolicyParser {
    /// The `count` requirements of a referral type (nested ones too), by qualified id, with the
    /// event type each counts: tiers `of` one of them start at a number of events, not money.
    static func countRequirements(_ requirements: [RequirementModel]) -> [String: String] {
        var out: [String: String] = [:]
        var pending = requirements
        while let r = pending.popLast() {
            switch r.kind {
            case .count(let event, _, _, _): out[r.id.id] = event
            case .sum: break
            case .all(let c), .any(let c): pending += c
            case .not(let c): pending.append(c)
            }
        }
        return out
    }

    /// `amount: { by: referee.city, table: { london: 20.00 }, default: 10.00 }`; amounts in
    /// `currency`. `owner` is the reward's or tier's id, for messages.
    mutating func amountTable(_ node: YNode, owner: String, currency: Currency) -> AmountTableModel? {
        guard let f = fields(node, .amountTable, "the amount of `\(owner)`", V.AmountTableKey.self, required: [.by, .table]) else {
            return nil
        }
        guard let byNode = f[.by], let path = text(byNode, "`by`") else { return nil }
        var table = AmountTableModel(field: FieldRef(path: path, location: byNode.location), entries: [], defaultAmount: nil,
                                     location: node.location)
        if let tableNode = f[.table] {
            switch tableNode.kind {
            case .mapping(let pairs):
                if pairs.isEmpty { report(DiagnosticText.emptyAmountTable(owner, field: path), tableNode.location) }
                for (key, value) in pairs {
                    guard case .scalar(let k, let quoted) = key.kind, !key.isNull else {
                        wrongType(key, "a value of `\(DiagnosticText.clip(path))`", "a single value")
                        table.incomplete = true
                        continue
                    }
                    guard let amount = money(value, "the amount for `\(DiagnosticText.clip(k))`", currency: currency) else {
                        table.incomplete = true
                        continue
                    }
                    table.entries.append(.init(key: Literal(text: k, quoted: quoted, location: key.location), amount: amount))
                }
            case .scalar where tableNode.isNull:
                report(DiagnosticText.emptyAmountTable(owner, field: path), tableNode.location)
            default:
                wrongType(tableNode, "`table`", "a mapping from each value to its amount",
                          help: "write `table: { GB: 20.00, FR: 15.00 }`, or each value on its own line below `table:`")
                table.incomplete = true
            }
        } else {
            table.incomplete = true
        }
        if let d = f[.default] {
            table.defaultAmount = money(d, "`default`", currency: currency)
            if table.defaultAmount == nil { table.incomplete = true }
        }
        return table
    }

    /// A tier's `at_least` when the tiers are of a `count` of `event`: a whole number of events.
    /// Money (`$20`, `20.00`) and decimals (`20.5`) are reported with what to write instead.
    mutating func countThreshold(_ node: YNode, tier: String, event: String) -> TierThreshold? {
        guard case .scalar(let t, _) = node.kind, !node.isNull else {
            wrongType(node, "`at_least`", "a whole number of `\(event)` events", help: "write a whole number such as `20`")
            return nil
        }
        let cleaned = t.trimmingCharacters(in: .whitespaces)
        if let v = Int64(cleaned.replacingOccurrences(of: "_", with: "")) {
            guard v >= 0 else {
                report(DiagnosticText.belowMinimum("`at_least`", min: 0, found: t), node.location)
                return nil
            }
            return .count(v)
        }
        let symbol = ["$", "€", "£", "¥"].first { cleaned.hasPrefix($0) }
        let number = symbol.map { String(cleaned.dropFirst($0.count)) } ?? cleaned
        if case .success(let minor) = Money.parseMinorUnits(number, digits: 2), minor >= 0 {
            let whole = minor / 100
            if symbol != nil || minor % 100 == 0 {
                report(DiagnosticText.countTierAsMoney(tier, t, event: event, whole: whole), node.location)
            } else {
                report(DiagnosticText.countTierNotWhole(tier, t, event: event, below: whole), node.location)
            }
            return nil
        }
        if let d = Double(number), d.isFinite, d >= 0 {
            report(DiagnosticText.countTierNotWhole(tier, t, event: event, below: Int64(d.rounded(.down))), node.location)
            return nil
        }
        wrongType(node, "`at_least`", "a whole number of `\(event)` events", help: ValueWriting.wholeNumberHelp(t))
        return nil
    }

    /// `taking: first`: `sum`, `first` or `largest`.
    mutating func percentBasis(_ node: YNode) -> PercentBasis? {
        guard let word = text(node, "`taking`") else { return nil }
        guard let basis = PercentBasis(rawValue: word) else {
            invalidChoice(word, "`taking`", PercentBasis.allCases.map(\.rawValue), node.location)
            return nil
        }
        return basis
    }
}
