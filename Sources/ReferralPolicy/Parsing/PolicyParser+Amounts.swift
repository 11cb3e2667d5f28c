import Foundation

/// How a reward's amount is set, beyond a plain number: an amount looked up by a field's value
/// (`amount: { by: …, table: …, default: … }`), the threshold of a tier of a `count`, and the
/// amount a `percent` is taken of (`taking:`).
extension PolicyParser {
    /// The `count` requirements of a referral type (nested ones too), by qualified id, with the
    /// event types each counts (`trip`, or `buy` or `sell` as they read between backticks):
    /// tiers `of` one of them start at a number of events, not money.
    static func countRequirements(_ requirements: [RequirementModel]) -> [String: String] {
        var out: [String: String] = [:]
        var pending = requirements
        while let r = pending.popLast() {
            switch r.kind {
            case .count: out[r.id.id] = r.measuredEvents.map(\.name).joined(separator: "` or `")
            case .sum: break
            case .all(let c), .any(let c): pending += c
            case .not(let c): pending.append(c)
            }
        }
        return out
    }

    /// Tiers `of` a `count` written where the reward could not know it (under a `when:` of a
    /// milestone, read after the reward): read in events now, from their `at_least` as written.
    /// Called once the referral type is read.
    mutating func readCountTiers(_ type: inout ReferralTypeModel) {
        let counts = Self.countRequirements(type.requirements + type.milestones.flatMap(\.inlineRequirements))
        func read(_ reward: inout RewardModel) {
            guard case .tiers(let of, let at, var tiers) = reward.amount,
                  let event = counts["\(type.name).\(of)"] ?? counts[of] else { return }
            var kept: [TierModel] = []
            for var tier in tiers {
                if case .money = tier.atLeast, let written = tier.written {
                    guard let n = countThreshold(written.text, at: written.location, tier: tier.id.id, event: event) else {
                        reward.incomplete = true
                        continue
                    }
                    tier.atLeast = .count(n)
                }
                kept.append(tier)
            }
            tiers = kept
            reward.amount = .tiers(of: of, ofLocation: at, tiers)
        }
        for k in type.rewards.indices { read(&type.rewards[k]) }
        for m in type.milestones.indices {
            for k in type.milestones[m].rewards.indices { read(&type.milestones[m].rewards[k]) }
        }
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
        return countThreshold(t, at: node.location, tier: tier, event: event).map(TierThreshold.count)
    }

    /// `text`, the `at_least` of a tier of a `count`, as a whole number of events.
    mutating func countThreshold(_ text: String, at location: SourceLocation, tier: String, event: String) -> Int64? {
        let cleaned = text.trimmedOfBlanks
        if let v = Int64(cleaned.withoutUnderscores) {
            guard v >= 0 else {
                report(DiagnosticText.belowMinimum("`at_least`", min: 0, found: text), location)
                return nil
            }
            return v
        }
        let symbol = ["$", "€", "£", "¥"].first { cleaned.hasPrefix($0) }
        let number = symbol.map { String(cleaned.dropFirst($0.count)) } ?? cleaned
        if case .success(let minor) = Money.parseMinorUnits(number, digits: 2), minor >= 0 {
            let whole = minor / 100
            if symbol != nil || minor % 100 == 0 {
                report(DiagnosticText.countTierAsMoney(tier, text, event: event, whole: whole), location)
            } else {
                report(DiagnosticText.countTierNotWhole(tier, text, event: event, below: whole), location)
            }
            return nil
        }
        if let d = Double(number), d.isFinite, d >= 0 {
            report(DiagnosticText.countTierNotWhole(tier, text, event: event, below: Int64(d.rounded(.down))), location)
            return nil
        }
        report(DiagnosticText.wrongType("`at_least`", expected: "a whole number of `\(event)` events",
                                        found: "text `\(DiagnosticText.clip(text))`", help: ValueWriting.wholeNumberHelp(text)), location)
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
