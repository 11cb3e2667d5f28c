/// Rewards: who gets what, their tiers, kinds and percents.
extension PolicyParser {
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

    /// A reward's, a tier's or a limit's `kind`.
    mutating func rewardKind(_ node: YNode) -> RewardKind? {
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
