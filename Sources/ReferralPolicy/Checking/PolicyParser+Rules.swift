/// Eligibility rules, requirements, rewards and limits.
extension PolicyParser {
    static let eligibilityKeys = ["id", "description", "field", "self_referral"] + Comparison.allCases.map(\.rawValue)

    mutating func eligibilityRule(_ node: YNode, scope: String?, path: String) -> EligibilityRule? {
        guard let f = fields(node, "an eligibility rule", allowed: PolicyParser.eligibilityKeys, required: []) else { return nil }
        ruleCount += 1
        let id = ruleID(f["id"], scope: scope, derived: path, at: node.location)
        let description = f["description"].flatMap { text($0, "`description`") }
        if let sr = f["self_referral"] {
            if f["field"] != nil {
                report(.conflictingKeys, "an eligibility rule has either `field` or `self_referral`, not both", sr.location,
                       help: "split it into two rules")
                return nil
            }
            guard let word = text(sr, "`self_referral`") else { return nil }
            guard word == "deny" || word == "allow" else {
                invalidChoice(word, "`self_referral`", ["deny", "allow"], sr.location)
                return nil
            }
            return EligibilityRule(id: id, description: description, condition: .selfReferral(allowed: word == "allow"), location: node.location)
        }
        guard let fieldNode = f["field"] else {
            report(.missingKey, "eligibility rule `\(id.id)` needs `field` (with a comparison) or `self_referral`", node.location,
                   help: "for example `field: referee.country` and `not_in: [CU, IR, KP, SY]`")
            return nil
        }
        guard let path = text(fieldNode, "`field`") else { return nil }
        let comparisons = Comparison.allCases.filter { f[$0.rawValue] != nil }
        guard let comparison = comparisons.first, let valueNode = f[comparison.rawValue] else {
            report(.missingKey, "eligibility rule `\(id.id)` compares `\(path)` with nothing", fieldNode.location,
                   help: "add one of " + Comparison.allCases.map { "`\($0.rawValue)`" }.joined(separator: ", "))
            return nil
        }
        if comparisons.count > 1, let second = f[comparisons[1].rawValue] {
            report(.conflictingKeys, "eligibility rule `\(id.id)` has both `\(comparison.rawValue)` and `\(comparisons[1].rawValue)`",
                   second.location, help: "one comparison per rule; split it into two rules")
        }
        let values = literals(valueNode, comparison)
        return EligibilityRule(id: id, description: description,
                               condition: .field(FieldRef(path: path, location: fieldNode.location), comparison, values),
                               location: node.location)
    }

    /// The constants of a comparison: a list for `in`/`not_in`/`contains_*`, one scalar otherwise.
    mutating func literals(_ node: YNode, _ comparison: Comparison) -> [Literal] {
        switch comparison {
        case .in, .notIn, .containsAny, .containsNone:
            return scalarList(node, "`\(comparison.rawValue)`").map {
                if case .scalar(let t, let q) = $0.kind { return Literal(text: t, quoted: q, location: $0.location) }
                return Literal(text: "", quoted: false, location: $0.location)
            }
        default:
            guard case .scalar(let t, let q) = node.kind, !node.isNull else {
                wrongType(node, "`\(comparison.rawValue)`", "a single value")
                return []
            }
            return [Literal(text: t, quoted: q, location: node.location)]
        }
    }

    static let requirementKeys = ["id", "description", "count", "sum", "at_least", "distinct_days", "where", "window",
                                  "all", "any", "not"]

    mutating func requirement(_ node: YNode, scope: String, path: String) -> RequirementModel? {
        guard let f = fields(node, "a requirement", allowed: PolicyParser.requirementKeys, required: []) else { return nil }
        ruleCount += 1
        let id = ruleID(f["id"], scope: scope, derived: path, at: node.location)
        let description = f["description"].flatMap { text($0, "`description`") }
        let forms = ["count", "sum", "all", "any", "not"].filter { f[$0] != nil }
        guard let form = forms.first, let formNode = f[form] else {
            report(.missingKey, "requirement `\(id.id)` needs one of `count`, `sum`, `all`, `any`, `not`", node.location,
                   help: "for example `count: posted_job` or `sum: spent` with `at_least: 500.00`")
            return nil
        }
        if forms.count > 1, let second = f.keyLocation(forms[1]) {
            report(.conflictingKeys, "requirement `\(id.id)` has both `\(form)` and `\(forms[1])`", second,
                   help: "one form per requirement; put several under `all:` or `any:`")
        }
        var model = RequirementModel(id: id, description: description, kind: .all([]), filters: [],
                                     window: f["window"].flatMap { window($0, "the window of `\(id.id)`") }, location: node.location)
        switch form {
        case "count", "sum":
            guard let event = identifier(formNode, "an event type") else { return nil }
            if form == "count" {
                let atLeast = f["at_least"].flatMap { integer($0, "`at_least`", min: 0) } ?? 1
                let distinct = f["distinct_days"].flatMap { bool($0, "`distinct_days`") } ?? false
                model.kind = .count(event: event, eventLocation: formNode.location, atLeast: atLeast, distinctDays: distinct)
            } else {
                guard let atNode = f["at_least"] else {
                    report(.missingKey, "requirement `\(id.id)` sums `\(event)` but has no `at_least`", formNode.location,
                           help: "add the amount to reach, e.g. `at_least: 100.00`")
                    return nil
                }
                if let d = f["distinct_days"] {
                    report(.conflictingKeys, "`distinct_days` applies to `count`, not `sum`", d.location, help: "remove `distinct_days`")
                }
                guard let amount = money(atNode, "`at_least`", currency: currency) else { return nil }
                model.kind = .sum(event: event, eventLocation: formNode.location, atLeast: amount)
            }
            if let whereNode = f["where"] { model.filters = filters(whereNode) }
        case "all", "any", "not":
            for key in ["at_least", "distinct_days", "where"] {
                if let loc = f.keyLocation(key) {
                    report(.conflictingKeys, "`\(key)` belongs on a `count` or `sum` requirement, not on `\(form)`", loc,
                           help: "move it onto the requirements under `\(form)`")
                }
            }
            if form == "not" {
                guard let child = requirement(formNode, scope: scope, path: "\(id.given ? id.id : path).not") else { return nil }
                model.kind = .not(child)
                break
            }
            let items = list(formNode, "`\(form)`")
            if items.isEmpty {
                report(.missingKey, "`\(form)` of requirement `\(id.id)` lists no requirements", formNode.location,
                       help: "list the requirements under it")
            }
            let children = items.enumerated().compactMap { index, item in
                requirement(item, scope: scope, path: "\(id.given ? id.id : path).\(form)[\(index)]")
            }
            model.kind = form == "all" ? .all(children) : .any(children)
        default:
            return nil
        }
        return model
    }

    mutating func filters(_ node: YNode) -> [EventFilter] {
        guard case .mapping(let pairs) = node.kind else {
            wrongType(node, "`where`", "a mapping from attribute to the values it must have")
            return []
        }
        var out: [EventFilter] = []
        for (key, value) in pairs where !isMarkedDuplicate(key) {
            guard let name = identifier(key, "an attribute name") else { continue }
            if name == "amount" {
                // The event's own amount: exact, not negative, in the policy's currency.
                guard case .mapping(let ops) = value.kind else {
                    wrongType(value, "the `amount` filter", "a mapping such as `{ at_least: 10.00 }`")
                    continue
                }
                for (opKey, opValue) in ops where !isMarkedDuplicate(opKey) {
                    guard let word = opKey.scalar, let comparison = Comparison(rawValue: word), comparison == .atLeast || comparison == .atMost else {
                        report(.unknownKey, "unknown comparison `\(opKey.scalar ?? "?")` for `amount`", opKey.location,
                               help: Suggestion.help(for: opKey.scalar ?? "", among: ["at_least", "at_most"]))
                        continue
                    }
                    guard let m = money(opValue, "`amount.\(word)`", currency: currency) else { continue }
                    let text = Money.decimalString(m.minorUnits, digits: currency.minorUnitDigits)
                    out.append(EventFilter(attribute: name, location: key.location, comparison: comparison,
                                           values: [Literal(text: text, quoted: false, location: opValue.location)]))
                }
                continue
            }
            switch value.kind {
            case .scalar:
                out.append(EventFilter(attribute: name, location: key.location, comparison: .equals, values: literals(value, .equals)))
            case .sequence:
                out.append(EventFilter(attribute: name, location: key.location, comparison: .in, values: literals(value, .in)))
            case .mapping(let ops):
                for (opKey, opValue) in ops where !isMarkedDuplicate(opKey) {
                    guard let word = opKey.scalar, let comparison = Comparison(rawValue: word),
                          comparison != .containsAny, comparison != .containsNone else {
                        let allowed = ["in", "not_in", "equals", "not_equals", "at_least", "at_most"]
                        report(.unknownKey, "unknown comparison `\(opKey.scalar ?? "?")` for `\(name)`", opKey.location,
                               help: Suggestion.help(for: opKey.scalar ?? "", among: allowed))
                        continue
                    }
                    out.append(EventFilter(attribute: name, location: key.location, comparison: comparison,
                                           values: literals(opValue, comparison)))
                }
            }
        }
        return out
    }

    static let rewardKeys = ["id", "description", "to", "kind", "amount", "currency", "percent", "of", "min", "max",
                             "tiers", "hold_days", "credit_expires_days"]

    mutating func reward(_ node: YNode, scope: String, path: String) -> RewardModel? {
        guard let f = fields(node, "a reward", allowed: PolicyParser.rewardKeys, required: ["to"]) else { return nil }
        ruleCount += 1
        let id = ruleID(f["id"], scope: scope, derived: path, at: node.location)
        var rewardCurrency = currency
        if let node = f["currency"], let code = text(node, "`currency`"), let c = currencyNamed(code, node.location) {
            rewardCurrency = c
        }
        var to = Beneficiary.referrer
        if let node = f["to"], let word = text(node, "`to`") {
            if let b = Beneficiary(rawValue: word) { to = b } else { invalidChoice(word, "`to`", Beneficiary.allCases.map(\.rawValue), node.location) }
        }
        var kind: RewardKind?
        if let node = f["kind"] { kind = rewardKind(node) }
        let holdDays = f["hold_days"].flatMap { days($0, "`hold_days`", allowZero: true) } ?? 0
        let expires = f["credit_expires_days"].flatMap { days($0, "`credit_expires_days`", allowZero: false) }
        let forms = ["amount", "percent", "tiers"].filter { f[$0] != nil }
        guard let form = forms.first else {
            report(.missingKey, "reward `\(id.id)` needs `amount`, `percent` or `tiers`", node.location,
                   help: "for example `amount: 25.00`")
            return nil
        }
        if forms.count > 1, let second = f.keyLocation(forms[1]) {
            report(.conflictingKeys, "reward `\(id.id)` has both `\(form)` and `\(forms[1])`", second,
                   help: "a reward is a fixed `amount`, a `percent` of a measured sum, or `tiers`; keep one")
        }
        if form != "tiers", kind == nil {
            report(.missingKey, "reward `\(id.id)` needs `kind`", node.location, help: "add `kind: cash` or `kind: credit`")
        }
        let amount: RewardAmountModel
        switch form {
        case "amount":
            guard let node = f["amount"], let m = money(node, "`amount`", currency: rewardCurrency) else { return nil }
            amount = .fixed(m)
        case "percent":
            guard let pNode = f["percent"], let bp = percent(pNode) else { return nil }
            guard let ofNode = f["of"], let of = identifier(ofNode, "a requirement id") else {
                report(.missingKey, "reward `\(id.id)` pays a percent but has no `of`", pNode.location,
                       help: "name the `sum` requirement it is a percent of, e.g. `of: first_purchase`")
                return nil
            }
            let minimum = f["min"].flatMap { money($0, "`min`", currency: rewardCurrency) }
            let maximum = f["max"].flatMap { money($0, "`max`", currency: rewardCurrency) }
            if let minimum, let maximum, maximum.minorUnits < minimum.minorUnits, let loc = f["max"]?.location {
                report(.invalidValue, "`max` (\(maximum.display)) is below `min` (\(minimum.display))", loc,
                       help: "swap them, or raise `max`")
            }
            amount = .percent(basisPoints: bp, of: of, ofLocation: ofNode.location, min: minimum, max: maximum)
        default:
            guard let tiersNode = f["tiers"] else { return nil }
            guard let ofNode = f["of"], let of = identifier(ofNode, "a requirement id") else {
                report(.missingKey, "reward `\(id.id)` has tiers but no `of`", tiersNode.location,
                       help: "name the `sum` requirement whose amount picks the tier, e.g. `of: first_earnings`")
                return nil
            }
            let levels = list(tiersNode, "`tiers`").enumerated().compactMap { index, item in
                tier(item, rewardID: id, index: index, kind: kind, currency: rewardCurrency, expires: expires)
            }
            amount = .tiers(of: of, ofLocation: ofNode.location, levels)
        }
        for key in ["min", "max"] where form == "tiers" {
            if let loc = f.keyLocation(key) {
                report(.conflictingKeys, "`\(key)` applies to a `percent` reward, not to tiers", loc,
                       help: "each tier pays its own `amount`; remove `\(key)`")
            }
        }
        for key in ["of", "min", "max"] where form == "amount" {
            if let loc = f.keyLocation(key) {
                report(.conflictingKeys, "`\(key)` has no effect on a fixed `amount`", loc, help: "remove `\(key)`")
            }
        }
        if kind == .cash, let loc = f.keyLocation("credit_expires_days") {
            report(.conflictingKeys, "`credit_expires_days` applies to credit, but reward `\(id.id)` is cash", loc,
                   help: "remove `credit_expires_days`, or make it `kind: credit`")
        }
        return RewardModel(id: id, description: f["description"].flatMap { text($0, "`description`") }, to: to,
                           kind: kind ?? .cash, currency: rewardCurrency, amount: amount, holdDays: holdDays,
                           creditExpiresDays: expires, location: node.location)
    }

    private mutating func tier(_ node: YNode, rewardID: RuleID, index: Int, kind: RewardKind?, currency: Currency,
                               expires: Int64?) -> TierModel? {
        guard let f = fields(node, "a tier", allowed: ["id", "at_least", "amount", "kind", "credit_expires_days"],
                             required: ["at_least", "amount"]) else { return nil }
        ruleCount += 1
        var id = ruleID(f["id"], scope: nil, derived: "\(rewardID.id).tiers[\(index)]", at: node.location)
        if id.given { id.id = "\(rewardID.id).\(id.id)" }
        let tierKind = f["kind"].flatMap { rewardKind($0) } ?? kind
        if tierKind == nil {
            report(.missingKey, "tier `\(id.id)` needs `kind` (or the reward does)", node.location,
                   help: "add `kind: cash` or `kind: credit`")
        }
        let tierExpires = f["credit_expires_days"].flatMap { days($0, "`credit_expires_days`", allowZero: false) } ?? expires
        guard let atNode = f["at_least"], let atLeast = money(atNode, "`at_least`", currency: self.currency),
              let amountNode = f["amount"], let amount = money(amountNode, "`amount`", currency: currency) else { return nil }
        return TierModel(id: id, atLeast: atLeast, amount: amount, kind: tierKind ?? .cash,
                         creditExpiresDays: tierKind == .credit ? tierExpires : nil, location: atNode.location)
    }

    mutating func limitRule(_ node: YNode, path: String) -> LimitRule? {
        guard let f = fields(node, "a limit", allowed: ["id", "description", "period", "rolling_days", "max_rewards", "max_amount", "kind"],
                             required: []) else { return nil }
        ruleCount += 1
        let id = ruleID(f["id"], scope: nil, derived: path, at: node.location)
        var period: LimitRule.Period?
        if let p = f["period"], let word = text(p, "`period`") {
            switch word {
            case "calendar_month": period = .calendarMonth
            case "calendar_year": period = .calendarYear
            case "lifetime": period = .lifetime
            default: invalidChoice(word, "`period`", ["calendar_month", "calendar_year", "lifetime"], p.location)
            }
        }
        if let r = f["rolling_days"] {
            if f["period"] != nil {
                report(.conflictingKeys, "limit `\(id.id)` has both `period` and `rolling_days`", r.location,
                       help: "keep `period` for calendar periods or `rolling_days` for a rolling one")
            } else if let d = days(r, "`rolling_days`", allowZero: false) {
                period = .rollingDays(d)
            }
        }
        if f["period"] == nil, f["rolling_days"] == nil {
            report(.missingKey, "limit `\(id.id)` needs `period` or `rolling_days`", node.location,
                   help: "for example `period: calendar_year`, or `period: lifetime`")
        }
        let maxRewards = f["max_rewards"].flatMap { integer($0, "`max_rewards`", min: 0) }
        let maxAmount = f["max_amount"].flatMap { money($0, "`max_amount`", currency: currency) }
        if f["max_rewards"] == nil, f["max_amount"] == nil {
            report(.missingKey, "limit `\(id.id)` needs `max_rewards`, `max_amount` or both", node.location,
                   help: "for example `max_rewards: 20` or `max_amount: 2500.00`")
        }
        let kind = f["kind"].flatMap { rewardKind($0) }
        guard let period else { return nil }
        return LimitRule(id: id, description: f["description"].flatMap { text($0, "`description`") }, period: period,
                         maxRewards: maxRewards, maxAmount: maxAmount, kind: kind, location: node.location)
    }

    private mutating func rewardKind(_ node: YNode) -> RewardKind? {
        guard let word = text(node, "`kind`") else { return nil }
        guard let kind = RewardKind(rawValue: word) else {
            invalidChoice(word, "`kind`", RewardKind.allCases.map(\.rawValue), node.location)
            return nil
        }
        return kind
    }

    /// `20` or `12.5` percent, in basis points.
    private mutating func percent(_ node: YNode) -> Int64? {
        guard case .scalar(let t, _) = node.kind, !node.isNull else {
            wrongType(node, "`percent`", "a number such as `20` or `12.5`")
            return nil
        }
        let cleaned = t.hasSuffix("%") ? String(t.dropLast()) : t
        switch Money.parseMinorUnits(cleaned, digits: 2) {
        case .success(let bp) where bp > 0 && bp <= 100_000:
            return bp
        case .success:
            report(.invalidPercent, "`percent` must be more than 0 and at most 1000, found `\(t)`", node.location,
                   help: "write the percentage as a number, `20` for 20%")
        case .failure(.tooPrecise):
            report(.invalidPercent, "`percent` has more than 2 decimals: `\(t)`", node.location, help: "round it to 2 decimals")
        case .failure:
            report(.invalidPercent, "`percent` must be a number such as `20` or `12.5`, found `\(t)`", node.location,
                   help: "write the percentage as a number, `20` for 20%")
        }
        return nil
    }
}
