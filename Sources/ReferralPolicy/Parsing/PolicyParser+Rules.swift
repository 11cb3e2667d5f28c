/// Eligibility rules, requirements, rewards and limits.
extension PolicyParser {
    mutating func eligibilityRule(_ node: YNode, scope: String?, path: String) -> EligibilityRule? {
        guard let f = fields(node, .eligibilityRule, "an eligibility rule", V.EligibilityKey.self) else { return nil }
        ruleCount += 1
        let id = ruleID(f[.id], scope: scope, derived: path, at: node.location)
        let description = f[.description].flatMap { text($0, "`description`") }
        if let sr = f[.selfReferral] {
            if f.has(.field) {
                report(DiagnosticText.fieldAndSelfReferral, sr.location)
                return nil
            }
            guard let word = text(sr, "`self_referral`") else { return nil }
            guard let choice = V.SelfReferral(rawValue: word) else {
                invalidChoice(word, "`self_referral`", V.SelfReferral.names, sr.location)
                return nil
            }
            return EligibilityRule(id: id, description: description, condition: .selfReferral(allowed: choice == .allow), location: node.location)
        }
        guard let fieldNode = f[.field] else {
            report(DiagnosticText.eligibilityNeedsField(id.id), node.location)
            return nil
        }
        guard let path = text(fieldNode, "`field`") else { return nil }
        if let key = V.EligibilityKey.allCases.first(where: { $0.relation != nil && f.has($0) }) {
            return fieldRelationRule(f, key, id: id, description: description, field: FieldRef(path: path, location: fieldNode.location),
                                     at: node.location)
        }
        let comparisons = V.EligibilityKey.allCases.filter { $0.comparison != nil && f.has($0) }
        guard let key = comparisons.first, let comparison = key.comparison, let valueNode = f[key] else {
            report(DiagnosticText.eligibilityComparesNothing(id.id, field: path), fieldNode.location)
            return nil
        }
        if comparisons.count > 1, let second = f[comparisons[1]] {
            report(DiagnosticText.twoComparisons(id.id, key.rawValue, comparisons[1].rawValue), second.location)
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
            let items = scalarList(node, "`\(comparison.rawValue)`").map {
                if case .scalar(let t, let q) = $0.kind { return Literal(text: t, quoted: q, location: $0.location) }
                return Literal(text: "", quoted: false, location: $0.location)
            }
            // `in: link, code` is the one text "link, code", not two values.
            if case .scalar(let t, false) = node.kind, t.contains(",") {
                report(DiagnosticText.commaInValue(comparison.rawValue, t), node.location)
            }
            return items
        default:
            guard case .scalar(let t, let q) = node.kind, !node.isNull else {
                wrongType(node, "`\(comparison.rawValue)`", "a single value",
                          help: "compare with one value, or use `in:` with a list of values")
                return []
            }
            return [Literal(text: t, quoted: q, location: node.location)]
        }
    }

    mutating func requirement(_ node: YNode, scope: String, path: String) -> RequirementModel? {
        guard let f = fields(node, .requirement, "a requirement", V.RequirementKey.self) else { return nil }
        ruleCount += 1
        let id = ruleID(f[.id], scope: scope, derived: path, at: node.location)
        let description = f[.description].flatMap { text($0, "`description`") }
        let forms = V.RequirementForm.allCases.filter { f.fields[$0.rawValue] != nil }
        guard let form = forms.first, let formNode = f.fields[form.rawValue] else {
            // `nth_referral` here was reported as misplaced: needing a form would only repeat it.
            if f.fields[V.ReferrerMilestoneKey.nthReferral.rawValue] == nil, !Self.holdsReferrerMilestone(node) {
                report(DiagnosticText.requirementNeedsForm(id.id), node.location)
            }
            return nil
        }
        if forms.count > 1, let second = f.fields.keyLocation(forms[1].rawValue) {
            report(DiagnosticText.twoRequirementForms(id.id, form.rawValue, forms[1].rawValue), second)
        }
        var model = RequirementModel(id: id, description: description, kind: .all([]), filters: [],
                                     window: f[.window].flatMap { window($0, "the window of `\(id.id)`") }, location: node.location)
        switch form {
        case .count, .sum:
            guard let events = measuredEventTypes(formNode, form.rawValue, id: id.id), let (event, eventLocation) = events.first else { return nil }
            model.moreEvents = Array(events.dropFirst())
            if form == .count {
                let atLeast = f[.atLeast].flatMap { integer($0, "`at_least`", min: 0) } ?? 1
                let distinct = f[.distinctDays].flatMap { bool($0, "`distinct_days`") } ?? false
                model.kind = .count(event: event, eventLocation: eventLocation, atLeast: atLeast, distinctDays: distinct)
            } else {
                guard let atNode = f[.atLeast] else {
                    report(DiagnosticText.sumNeedsAtLeast(id.id, event: events.map(\.name).joined(separator: "`, `")), formNode.location)
                    return nil
                }
                if let d = f[.distinctDays] {
                    report(DiagnosticText.distinctDaysOnSum, d.location)
                }
                guard let amount = money(atNode, "`at_least`", currency: amountCurrency(ofEvent: event)) else { return nil }
                model.kind = .sum(event: event, eventLocation: eventLocation, atLeast: amount)
            }
            if let whereNode = f[.where] { model.filters = filters(whereNode, amountCurrency: amountCurrency(ofEvent: event)) }
        case .all, .any, .not:
            for key in [V.RequirementKey.atLeast, .distinctDays, .where] {
                if let loc = f.keyLocation(key) {
                    report(DiagnosticText.leafKeyOnGroup(key.rawValue, form: form.rawValue), loc)
                }
            }
            if form == .not {
                guard let child = requirement(formNode, scope: scope, path: "\(id.given ? id.id : path).not") else { return nil }
                model.kind = .not(child)
                break
            }
            guard let items = items(formNode, "`\(form.rawValue)`", example: "- count: signed_contract") else { return nil }
            if items.isEmpty { report(DiagnosticText.groupListsNothing(form.rawValue, id: id.id), formNode.location) }
            let children = items.enumerated().compactMap { index, item in
                requirement(item, scope: scope, path: "\(id.given ? id.id : path).\(form.rawValue)[\(index)]")
            }
            model.kind = form == .all ? .all(children) : .any(children)
        }
        return model
    }

    /// `amountCurrency`: the currency the filtered events' amounts are in (the policy's by default).
    mutating func filters(_ node: YNode, amountCurrency: Currency? = nil) -> [EventFilter] {
        let currency = amountCurrency ?? currency
        guard case .mapping(let pairs) = node.kind else {
            wrongType(node, "`where`", "a mapping from attribute to the values it must have",
                      help: "write `where: { attribute: value }`, or the attributes indented below `where:`")
            return []
        }
        var out: [EventFilter] = []
        for (key, value) in pairs {
            guard let name = identifier(key, "an attribute name") else { continue }
            if name == "amount" {
                // The event's own amount: exact, not negative, in the policy's currency.
                guard case .mapping(let ops) = value.kind else {
                    wrongType(value, "the `amount` filter", "a mapping such as `{ at_least: 10.00 }`",
                              help: "write `amount: { at_least: \(value.scalar.map { DiagnosticText.clip($0) } ?? "10.00") }`")
                    continue
                }
                for (opKey, opValue) in ops {
                    guard let word = opKey.scalar, let comparison = Comparison(rawValue: word), V.amountComparisons.contains(comparison) else {
                        report(DiagnosticText.unknownComparison(opKey.scalar ?? "?", for: "amount",
                                                                suggestion: Suggestion.help(for: opKey.scalar ?? "", among: V.amountComparisons.map(\.rawValue))),
                               opKey.location)
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
                for (opKey, opValue) in ops {
                    if let word = opKey.scalar, let relation = FieldRelation(rawValue: word) {
                        if let filter = relationFilter(name, key.location, relation, opValue) { out.append(filter) }
                        continue
                    }
                    guard let word = opKey.scalar, let comparison = Comparison(rawValue: word), V.filterComparisons.contains(comparison) else {
                        report(DiagnosticText.unknownComparison(opKey.scalar ?? "?", for: name,
                                                                suggestion: Suggestion.help(for: opKey.scalar ?? "", among: V.filterComparisons.map(\.rawValue) + V.filterRelations.map(\.rawValue))),
                               opKey.location)
                        continue
                    }
                    out.append(EventFilter(attribute: name, location: key.location, comparison: comparison,
                                           values: literals(opValue, comparison)))
                }
            }
        }
        return out
    }

    mutating func reward(_ node: YNode, scope: String, path: String) -> RewardModel? {
        guard let f = fields(node, .reward, "a reward", V.RewardKey.self, required: [.to]) else { return nil }
        ruleCount += 1
        let id = ruleID(f[.id], scope: scope, derived: path, at: node.location)
        var rewardCurrency = currency
        if let node = f[.currency], let code = text(node, "`currency`"), let c = currencyNamed(code, node.location, units: units) {
            rewardCurrency = c
        }
        var to = Beneficiary.referrer
        if let node = f[.to], let word = text(node, "`to`") {
            if let b = Beneficiary(rawValue: word) { to = b } else { invalidChoice(word, "`to`", Beneficiary.allCases.map(\.rawValue), node.location) }
        }
        var kind: RewardKind?
        if let node = f[.kind] { kind = rewardKind(node) }
        let hold = eitherDuration(old: f[.holdDays], oldKey: "hold_days", new: f[.hold], newKey: "hold",
                                  newKeyLocation: f.keyLocation(.hold), allowZero: true)
        let expiry = eitherDuration(old: f[.creditExpiresDays], oldKey: "credit_expires_days", new: f[.creditExpires],
                                    newKey: "credit_expires", newKeyLocation: f.keyLocation(.creditExpires), allowZero: false)
        var holdDays: Int64 = 0, holdCalendar: CalendarSpan?
        switch hold {
        case .days(let d)?: holdDays = d
        case .calendar(let span)?: holdCalendar = span
        case nil: break
        }
        var expires: Int64?, expiresCalendar: CalendarSpan?
        switch expiry {
        case .days(let d)?: expires = d
        case .calendar(let span)?: expiresCalendar = span
        case nil: break
        }
        let forms = V.RewardForm.allCases.filter { f.fields[$0.rawValue] != nil }
        guard let form = forms.first else {
            report(DiagnosticText.rewardNeedsForm(id.id), node.location)
            return nil
        }
        if forms.count > 1, let second = f.fields.keyLocation(forms[1].rawValue) {
            report(DiagnosticText.twoRewardForms(id.id, form.rawValue, forms[1].rawValue), second)
        }
        // A `kind` that is there but misspelt was reported at its value; "needs `kind`" would say it twice.
        if form != .tiers, kind == nil, !f.has(.kind) {
            report(DiagnosticText.rewardNeedsKind(id.id), node.location)
        }
        let amount: RewardAmountModel
        var tiersIncomplete = false
        switch form {
        case .amount:
            guard let node = f[.amount] else { return nil }
            if case .mapping = node.kind {
                guard let table = amountTable(node, owner: id.id, currency: rewardCurrency) else { return nil }
                amount = .byField(table)
                break
            }
            guard let m = money(node, "`amount`", currency: rewardCurrency) else { return nil }
            amount = .fixed(m)
        case .percent:
            guard let pNode = f[.percent], let bp = percent(pNode) else { return nil }
            guard let ofNode = f[.of], let of = identifier(ofNode, "a requirement id") else {
                if !f.has(.of) { report(DiagnosticText.percentNeedsOf(id.id), pNode.location) }
                return nil
            }
            let minimum = f[.min].flatMap { money($0, "`min`", currency: rewardCurrency) }
            let maximum = f[.max].flatMap { money($0, "`max`", currency: rewardCurrency) }
            if let minimum, let maximum, maximum.minorUnits < minimum.minorUnits, let loc = f[.max]?.location {
                report(DiagnosticText.maxBelowMin(max: maximum.display, min: minimum.display), loc)
            }
            amount = .percent(basisPoints: bp, of: of, ofLocation: ofNode.location, min: minimum, max: maximum)
        case .tiers:
            guard let tiersNode = f[.tiers] else { return nil }
            guard let ofNode = f[.of], let of = identifier(ofNode, "a requirement id") else {
                if !f.has(.of) { report(DiagnosticText.tiersNeedOf(id.id), tiersNode.location) }
                return nil
            }
            let listed = items(tiersNode, "`tiers`", example: "- { at_least: 100.00, amount: 25.00 }")
            let counted = countRequirements["\(scope).\(of)"] ?? countRequirements[of]
            let levels = (listed ?? []).enumerated().compactMap { index, item in
                tier(item, rewardID: id, index: index, kind: kind, kindGiven: f.has(.kind), currency: rewardCurrency, expires: expires,
                     expiresCalendar: expiresCalendar, counting: counted, measured: measuredCurrency(of: of, scope: scope))
            }
            tiersIncomplete = listed == nil || levels.count < listed!.count
            amount = .tiers(of: of, ofLocation: ofNode.location, levels)
        }
        for key in [V.RewardKey.min, .max, .taking] where form == .tiers {
            if let loc = f.keyLocation(key) {
                report(DiagnosticText.percentKeyOnTiers(key.rawValue), loc)
            }
        }
        for key in [V.RewardKey.of, .min, .max, .taking] where form == .amount {
            if let loc = f.keyLocation(key) {
                report(DiagnosticText.noEffectOnFixedAmount(key.rawValue), loc)
            }
        }
        if kind == .cash, let loc = f.keyLocation(.creditExpiresDays) {
            report(DiagnosticText.creditExpiryOnCash(id.id), loc)
        }
        if kind == .cash, let loc = f.keyLocation(.creditExpires) {
            report(DiagnosticText.creditExpiryOnCash(id.id, key: "credit_expires"), loc)
        }
        var model = RewardModel(id: id, description: f[.description].flatMap { text($0, "`description`") }, to: to,
                                kind: kind ?? .cash, currency: rewardCurrency, amount: amount, holdDays: holdDays,
                                creditExpiresDays: expires, location: node.location,
                                holdLocation: f[.holdDays]?.location ?? f[.hold]?.location,
                                creditExpiresLocation: f[.creditExpiresDays]?.location ?? f[.creditExpires]?.location,
                                incomplete: tiersIncomplete, holdCalendar: holdCalendar, creditExpiresCalendar: expiresCalendar)
        if form == .percent, let node = f[.taking] {
            // A `taking` that did not read was reported; checking `of` as a sum would repeat it.
            if let basis = percentBasis(node) { model.taking = basis } else { model.incomplete = true }
            model.takingLocation = node.location
        }
        return model
    }

    /// One tier; `counting` is the event type when the tiers are of a `count` requirement.
    private mutating func tier(_ node: YNode, rewardID: RuleID, index: Int, kind: RewardKind?, kindGiven: Bool, currency: Currency,
                               expires: Int64?, expiresCalendar: CalendarSpan?, counting: String? = nil,
                               measured: Currency? = nil) -> TierModel? {
        guard let f = fields(node, .tier, "a tier", V.TierKey.self, required: [.atLeast, .amount]) else { return nil }
        ruleCount += 1
        var id = ruleID(f[.id], scope: nil, derived: "\(rewardID.id).tiers[\(index)]", at: node.location)
        if id.given { id.id = "\(rewardID.id).\(id.id)" }
        let tierKind = f[.kind].flatMap { rewardKind($0) } ?? kind
        if tierKind == nil, !f.has(.kind), !kindGiven {
            report(DiagnosticText.tierNeedsKind(id.id), node.location)
        }
        // A tier's own lifetime, in either form, replaces the reward's.
        var tierExpires = expires, tierCalendar = expiresCalendar
        if f.has(.creditExpiresDays) || f.has(.creditExpires) {
            (tierExpires, tierCalendar) = (nil, nil)
            switch eitherDuration(old: f[.creditExpiresDays], oldKey: "credit_expires_days", new: f[.creditExpires], newKey: "credit_expires",
                                  newKeyLocation: f.keyLocation(.creditExpires), allowZero: false) {
            case .days(let d)?: tierExpires = d
            case .calendar(let span)?: tierCalendar = span
            case nil: tierExpires = expires; tierCalendar = expiresCalendar
            }
        }
        guard let atNode = f[.atLeast], let amountNode = f[.amount] else { return nil }
        let threshold = counting.map { countThreshold(atNode, tier: id.id, event: $0) }
            ?? money(atNode, "`at_least`", currency: measured ?? self.currency).map(TierThreshold.money)
        var table: AmountTableModel?
        if case .mapping = amountNode.kind {
            guard let t = amountTable(amountNode, owner: id.id, currency: currency) else { return nil }
            table = t
        }
        guard let atLeast = threshold,
              let amount = table.map({ _ in Money(minorUnits: 0, currency: currency) }) ?? money(amountNode, "`amount`", currency: currency)
        else { return nil }
        var model = TierModel(id: id, atLeast: atLeast, amount: amount, kind: tierKind ?? .cash,
                              creditExpiresDays: tierKind == .credit ? tierExpires : nil, location: atNode.location, amountTable: table,
                              creditExpiresCalendar: tierKind == .credit ? tierCalendar : nil)
        if counting == nil, case .scalar(let t, let quoted) = atNode.kind { model.written = Literal(text: t, quoted: quoted, location: atNode.location) }
        return model
    }

    mutating func limitRule(_ node: YNode, path: String) -> LimitRule? {
        guard let f = fields(node, .limit, "a limit", V.LimitKey.self) else { return nil }
        ruleCount += 1
        let id = ruleID(f[.id], scope: nil, derived: path, at: node.location)
        var period: LimitRule.Period?
        if let p = f[.period], let word = text(p, "`period`") {
            switch V.LimitPeriod(rawValue: word) {
            case .calendarMonth: period = .calendarMonth
            case .calendarYear: period = .calendarYear
            case .lifetime: period = .lifetime
            case nil: invalidChoice(word, "`period`", V.LimitPeriod.names, p.location)
            }
        }
        if let r = f[.rollingDays] {
            if f.has(.period) {
                report(DiagnosticText.periodAndRollingDays(id.id), r.location)
            } else if let d = days(r, "`rolling_days`", allowZero: false) {
                period = .rollingDays(d)
            }
        }
        if let r = f[.rolling] {
            if f.has(.period) {
                report(DiagnosticText.periodAndRollingDays(id.id, key: "rolling"), f.keyLocation(.rolling) ?? r.location)
            } else if f.has(.rollingDays), let at = f.keyLocation(.rolling) {
                report(DiagnosticText.durationGivenTwice("rolling_days", "rolling"), at)
                period = nil
            } else {
                switch duration(r, "rolling", allowZero: false) {
                case .days(let d)?: period = .rollingDays(d)
                case .calendar(let span)?: period = .rollingCalendar(span)
                case nil: break
                }
            }
        }
        if !f.has(.period), !f.has(.rollingDays), !f.has(.rolling) {
            report(DiagnosticText.limitNeedsPeriod(id.id), node.location)
        }
        let maxRewards = f[.maxRewards].flatMap { integer($0, "`max_rewards`", min: 0) }
        var limitCurrency = currency
        if let node = f[.currency], let code = text(node, "`currency`"), let c = currencyNamed(code, node.location, units: units) {
            limitCurrency = c
            if !f.has(.maxAmount) { report(DiagnosticText.limitCurrencyWithoutAmount(id.id), node.location) }
        }
        let maxAmount = f[.maxAmount].flatMap { money($0, "`max_amount`", currency: limitCurrency) }
        if !f.has(.maxRewards), !f.has(.maxAmount) {
            report(DiagnosticText.limitNeedsMaximum(id.id), node.location)
        }
        let kind = f[.kind].flatMap { rewardKind($0) }
        guard let period else { return nil }
        return LimitRule(id: id, description: f[.description].flatMap { text($0, "`description`") }, period: period,
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

    /// `20` or `12.5` percent, in basis points. A number below 1 written without `%` is probably
    /// a fraction (`0.1` for 10%): a warning, unless written `0.5%`.
    private mutating func percent(_ node: YNode) -> Int64? {
        guard case .scalar(let t, _) = node.kind, !node.isNull else {
            wrongType(node, "`percent`", "a number such as `20` or `12.5`", help: "write the percentage as a number, `20` for 20%")
            return nil
        }
        let sign = t.hasSuffix("%")
        let cleaned = sign ? String(t.dropLast()).trimmedOfBlanks : t
        switch Money.parseMinorUnits(cleaned, digits: 2) {
        case .success(let bp) where bp > 0 && bp <= 100_000:
            if bp < 100, !sign { report(DiagnosticText.percentBelowOne(t), node.location) }
            return bp
        case .success:
            report(DiagnosticText.percentOutOfRange(t), node.location)
        case .failure(.tooPrecise):
            report(DiagnosticText.percentTooPrecise(t), node.location)
        case .failure:
            report(DiagnosticText.percentNotANumber(t), node.location)
            if let first = t.split(separator: " ").first, case .success = Money.parseMinorUnits(String(first), digits: 2) {
                diagnostics[diagnostics.count - 1].help = "write the number alone, `percent: \(first)` for \(first)%"
            }
        }
        return nil
    }
}

import Foundation
