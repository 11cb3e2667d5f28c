@testable import ReferralPolicy

// The evaluator ReferralPolicy had before the one-evaluator redesign, kept as a test oracle:
// every decision and error record of the library must equal what it gives.

/// Turns a checked ``PolicyModel`` into a ``OraclePolicy``: names become indexes, constants
/// become typed values. Runs only when checking found no error, so lookups here succeed;
/// should one not, compilation returns nil rather than trapping.
struct OracleCompiler {
    let model: PolicyModel
    let identity: PolicyIdentity
    let file: String?

    func compile() -> OraclePolicy? {
        let eventNames = model.events.map(\.name)
        var eventIndex: [String: Int] = [:]
        for (i, n) in eventNames.enumerated() { eventIndex[n] = i }
        let attributeTypes = Dictionary(model.events.map { e in (e.name, Dictionary(e.attributes.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a })) },
                                        uniquingKeysWith: { a, _ in a })
        guard let common = rules(model.eligibility) else { return nil }
        var types: [OracleType] = []
        for type in model.types {
            var leaves: [OracleLeaf] = []
            var leafIndex: [String: Int] = [:]
            /// A group's `window` applies to the requirements under it that have none of their own.
            func requirement(_ r: RequirementModel, inherited: OracleWindow? = nil) -> OracleRequirement? {
                let ownWindow = r.window.map(window) ?? inherited
                // Several event types in one measure, and filters comparing two fields, are newer
                // than the oracle: it compiles no policy that uses them.
                if !r.moreEvents.isEmpty || r.filters.contains(where: { $0.compared != nil }) { return nil }
                switch r.kind {
                case .count(let event, _, let atLeast, let distinct):
                    guard let e = eventIndex[event], let filters = self.filters(r.filters, attributeTypes[event] ?? [:]) else { return nil }
                    leaves.append(OracleLeaf(id: r.id.id, description: r.description, event: e, isSum: false, threshold: atLeast,
                                               distinctDays: distinct, filters: filters, window: ownWindow))
                case .sum(let event, _, let atLeast):
                    guard let e = eventIndex[event], let filters = self.filters(r.filters, attributeTypes[event] ?? [:]) else { return nil }
                    leaves.append(OracleLeaf(id: r.id.id, description: r.description, event: e, isSum: true,
                                               threshold: atLeast.minorUnits, distinctDays: false, filters: filters,
                                               window: ownWindow))
                case .all(let children):
                    let c = children.compactMap { requirement($0, inherited: ownWindow) }
                    return c.count == children.count ? .all(id: r.id.id, c) : nil
                case .any(let children):
                    let c = children.compactMap { requirement($0, inherited: ownWindow) }
                    return c.count == children.count ? .any(id: r.id.id, c) : nil
                case .not(let child):
                    return requirement(child, inherited: ownWindow).map { .not(id: r.id.id, $0) }
                }
                leafIndex[r.id.id] = leaves.count - 1
                return .leaf(leaves.count - 1)
            }
            let reqs = type.requirements.compactMap { requirement($0) }
            guard reqs.count == type.requirements.count, let eligibility = rules(type.eligibility) else { return nil }
            var byEvent = Array(repeating: [Int](), count: eventNames.count)
            for (i, leaf) in leaves.enumerated() { byEvent[leaf.event].append(i) }
            var rewards: [OracleReward] = []
            for reward in type.rewards {
                let amount: OracleAmount
                switch reward.amount {
                case .fixed(let m):
                    amount = .fixed(m.minorUnits)
                case .percent(let bp, let of, _, let min, let max):
                    guard let leaf = leafIndex["\(type.name).\(of)"] ?? leafIndex[of] else { return nil }
                    amount = .percent(basisPoints: bp, leaf: leaf, min: min?.minorUnits, max: max?.minorUnits)
                case .tiers(let of, _, let tiers):
                    guard let leaf = leafIndex["\(type.name).\(of)"] ?? leafIndex[of] else { return nil }
                    amount = .tiers(leaf: leaf, tiers.map {
                        OracleTier(id: $0.id.id, atLeast: $0.atLeast.value, amount: $0.amount.minorUnits, kind: $0.kind,
                                     creditExpiresDays: $0.creditExpiresDays)
                    })
                case .byField:
                    return nil  // amounts by a field came after this evaluator: it decides none of them
                }
                rewards.append(OracleReward(id: reward.id.id, description: reward.description, to: reward.to, kind: reward.kind,
                                              currency: reward.currency, amount: amount, holdDays: reward.holdDays,
                                              creditExpiresDays: reward.kind == .credit ? reward.creditExpiresDays : nil))
            }
            var reversal: OracleReversal?
            if let r = type.reversal {
                var mask = Array(repeating: false, count: eventNames.count)
                for (name, _) in r.events { if let i = eventIndex[name] { mask[i] = true } }
                reversal = OracleReversal(id: r.id.id, reverses: mask, eventNames: r.events.map(\.name), withinDays: r.withinDays)
            }
            types.append(OracleType(name: type.name, window: type.window.map(window), eligibility: eligibility,
                                      requirements: reqs, leaves: leaves, leavesByEvent: byEvent, rewards: rewards, reversal: reversal))
        }
        let limits = model.limits.map {
            OracleLimit(id: $0.id.id, period: $0.period, maxRewards: $0.maxRewards, maxAmount: $0.maxAmount, kind: $0.kind)
        }
        return OraclePolicy(identity: identity, effective: model.effective, description: model.description, file: file,
                              programLocation: model.programLocation, versionLocation: model.versionLocation,
                              effectiveLocation: model.effectiveLocation, currency: model.currency, eventNames: eventNames,
                              eventHasAmount: model.events.map(\.hasAmount), eligibility: common, limits: limits, types: types,
                              flatAttributes: OracleFlatAttributes(referrer: Set(model.referrerAttributes.map(\.name)),
                                                             referee: Set(model.refereeAttributes.map(\.name))))
    }

    private func window(_ w: WindowModel) -> OracleWindow {
        w.anyTime ? .anyTime : OracleWindow(days: w.days, until: w.until, anyTime: false)
    }

    private func rules(_ rules: [EligibilityRule]) -> [OracleRule]? {
        var out: [OracleRule] = []
        for rule in rules {
            switch rule.condition {
            case .selfReferral(let allowed):
                out.append(OracleRule(id: rule.id.id, description: rule.description, condition: .selfReferral(allowed: allowed)))
            case .field(let ref, let comparison, let literals):
                guard let (field, kind) = field(ref.path), let t = test(comparison, literals, kind) else { return nil }
                out.append(OracleRule(id: rule.id.id, description: rule.description, condition: .field(field, t)))
            case .fields:
                return nil  // comparisons of two fields are newer than the oracle
            }
        }
        return out
    }

    private func field(_ path: String) -> (OracleField, FieldKind)? {
        switch path {
        case "referee.id": return (.refereeID, .text)
        case "referee.attribution": return (.refereeAttribution, .text)
        case "referee.country": return (.refereeCountry, .text)
        case "referee.flags": return (.refereeFlags, .list)
        case "referrer.id": return (.referrerID, .text)
        case "referrer.status": return (.referrerStatus, .text)
        case "referrer.country": return (.referrerCountry, .text)
        default:
            let parts = path.split(separator: ".", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { return nil }
            if parts[0] == "referee", let d = model.refereeAttributes.first(where: { $0.name == parts[1] }) {
                return (.refereeAttribute(d.name), FieldKind(d.type))
            }
            if parts[0] == "referrer", let d = model.referrerAttributes.first(where: { $0.name == parts[1] }) {
                return (.referrerAttribute(d.name), FieldKind(d.type))
            }
            return nil
        }
    }

    private func test(_ comparison: Comparison, _ literals: [Literal], _ kind: FieldKind) -> OracleTest? {
        var values: [OracleValue] = []
        for literal in literals {
            switch kind {
            case .integer:
                guard let v = Int64(literal.text) else { return nil }
                values.append(.integer(v))
            case .boolean:
                values.append(.bool(literal.text == "true"))
            case .text, .list:
                values.append(.text(literal.text))
            }
        }
        return OracleTest(comparison: comparison, values: values,
                            textSet: Set(values.compactMap { if case .text(let s) = $0 { s } else { nil } }))
    }

    private func filters(_ filters: [EventFilter], _ attributes: [String: AttributeType]) -> [OracleFilter]? {
        var out: [OracleFilter] = []
        for f in filters {
            if f.attribute == "amount" {
                var values: [OracleValue] = []
                for v in f.values {
                    guard case .success(let m) = Money.parseMinorUnits(v.text, digits: model.currency.minorUnitDigits) else { return nil }
                    values.append(.integer(m))
                }
                out.append(OracleFilter(attribute: "amount", isAmount: true,
                                          test: OracleTest(comparison: f.comparison, values: values, textSet: [])))
                continue
            }
            guard let type = attributes[f.attribute], let t = test(f.comparison, f.values, FieldKind(type)) else { return nil }
            out.append(OracleFilter(attribute: f.attribute, isAmount: false, test: t))
        }
        return out
    }
}
