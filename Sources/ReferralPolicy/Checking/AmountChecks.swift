/// Checks of how a reward's amount is set: tiers (of a `sum` or of a `count`), amount tables
/// keyed by a field, and percents of one qualifying event (`taking: first` / `largest`).
extension PolicyChecker {
    /// Tiers: `of` names a `sum` or a `count`, tiers rise, every tier can be reached and the
    /// first pays every qualified referral; tier amount tables are checked as tables.
    mutating func checkTiers(_ reward: RewardModel, of: String, at loc: SourceLocation, _ tiers: [TierModel],
                             type: ReferralTypeModel, requirements: [String: RequirementModel]) {
        var found: (RequirementModel, TierThreshold)?
        var unit: (event: String, days: Bool)?
        if let r = requirement(named: of, at: loc, type: type, requirements: requirements) {
            switch r.kind {
            case .sum(_, _, let m): found = (r, .money(m))
            case .count(_, _, let n, let days):
                found = (r, .count(n))
                unit = (r.measuredEvents.map(\.name).joined(separator: "` or `"), days)
            case .all, .any, .not: report(DiagnosticText.ofNotAMeasure(of, what: "a tier"), loc)
            }
        }
        func shown(_ t: TierThreshold) -> String {
            switch t {
            case .money(let m): return m.display
            case .count(let n):
                guard let unit else { return String(n) }
                return unit.days ? "\(n) day\(n == 1 ? "" : "s") with a `\(unit.event)` event" : "\(n) `\(unit.event)` event\(n == 1 ? "" : "s")"
            }
        }
        if tiers.isEmpty, !reward.incomplete { report(DiagnosticText.noTiers(reward.id.id), reward.location) }
        // The parser reads tiers of a `count` in events when it knows the requirement is one; a
        // requirement it could not know of then (written after the reward) is caught here.
        if let unit, case .count = found?.1 {
            var money = false
            for tier in tiers {
                guard case .money(let m) = tier.atLeast else { continue }
                let digits = m.currency.minorUnitDigits
                var unit1: Int64 = 1
                for _ in 0..<digits { unit1 *= 10 }
                report(DiagnosticText.countTierAsMoney(tier.id.id, Money.decimalString(m.minorUnits, digits: digits), event: unit.event,
                                                       whole: m.minorUnits / unit1), tier.location)
                money = true
            }
            if money { return }
        }
        for (a, b) in zip(tiers, tiers.dropFirst()) where b.atLeast.value <= a.atLeast.value {
            report(DiagnosticText.tiersOutOfOrder(b.id.id, startsAt: shown(b.atLeast), before: shown(a.atLeast)), b.location)
        }
        for table in tiers.compactMap(\.amountTable) { checkAmountTable(table) }
        let ordered = zip(tiers, tiers.dropFirst()).allSatisfy { $0.atLeast.value < $1.atLeast.value }
        // Every qualified referral measures at least the requirement's threshold (when the
        // requirement is one of the type's own, not inside `any` or `not`).
        guard let (requirement, threshold) = found, ordered, !reward.incomplete,
              type.requirements.contains(where: { $0.id.id == requirement.id.id }) else { return }
        if tiers.count > 1 {
            for (a, b) in zip(tiers, tiers.dropFirst()) where b.atLeast.value <= threshold.value {
                report(DiagnosticText.unreachableTier(a.id.id, threshold: shown(threshold), next: b.id.id), a.location)
            }
        }
        guard let first = tiers.first, first.atLeast.value > threshold.value else { return }
        switch (threshold, first.atLeast) {
        case (.money(let needs), .money(let starts)) where needs.currency == starts.currency:
            report(DiagnosticText.unpaidFirstTier(first.id.id, startsAt: starts.display, requirement: of, needs: needs.display,
                                                  needsPlain: Money.decimalString(needs.minorUnits, digits: needs.currency.minorUnitDigits)),
                   first.location)
        case (.count(let needs), .count):
            report(DiagnosticText.unpaidFirstTier(first.id.id, startsAt: shown(first.atLeast), requirement: of, needs: shown(threshold),
                                                  needsPlain: String(needs)),
                   first.location)
        default: break
        }
    }

    /// `taking: first` or `largest`: `of` names a `count` or `sum` whose events carry amounts in
    /// the currency the reward pays.
    mutating func checkPercentOfEvent(_ reward: RewardModel, of: String, at loc: SourceLocation, type: ReferralTypeModel,
                                      requirements: [String: RequirementModel]) {
        guard let r = requirement(named: of, at: loc, type: type, requirements: requirements) else { return }
        switch r.kind {
        case .all, .any, .not:
            report(DiagnosticText.ofNotAMeasure(of, what: "a percent of the \(reward.taking.rawValue) event"), loc)
            return
        case .count, .sum: break
        }
        let decls = r.measuredEvents.map { e in model.events.first { $0.name == e.name } }
        if decls.contains(where: { $0 == nil }) { return }  // an undeclared event type was reported with the requirement
        if let missing = decls.compactMap({ $0 }).first(where: { !$0.hasAmount }) {
            // A `sum` of such events is reported with the requirement.
            if case .count = r.kind {
                report(DiagnosticText.takingWithoutAmounts(reward.id.id, taking: reward.taking.rawValue, requirement: of, event: missing.name),
                       reward.takingLocation ?? loc)
            }
            return
        }
        // The events' amounts are in their types' currency (a unit, perhaps), not always the
        // policy's; a measure of several types reads one currency (RP305 otherwise).
        guard let first = decls.first, let decl = first else { return }
        let measured = model.amountCurrency(of: decl)
        if measured != reward.currency {
            report(DiagnosticText.percentOfOtherCurrency(reward.id.id, pays: reward.currency.code, measures: measured.code), loc)
        }
    }

    /// A table keyed by a field: the field exists and holds one value, every key has its type,
    /// no value is listed twice, and country codes look like the ones snapshots send.
    mutating func checkAmountTable(_ table: AmountTableModel) {
        guard let kind = fieldKind(table.field) else { return }
        let path = table.field.path
        if kind == .list {
            report(DiagnosticText.tableFieldIsAList(path), table.field.location)
            return
        }
        var numbers: [Int64: Literal] = [:]
        for entry in table.entries {
            switch kind {
            case .integer:
                guard let v = Int64(entry.key.text) else {
                    report(DiagnosticText.tableKeyNotWhole(entry.key.text, field: path), entry.key.location)
                    continue
                }
                if let earlier = numbers[v] {
                    report(DiagnosticText.duplicateTableKey(entry.key.text, same: earlier.text, line: earlier.location.line, field: path),
                           entry.key.location)
                } else {
                    numbers[v] = entry.key
                }
            case .boolean where entry.key.text != "true" && entry.key.text != "false":
                report(DiagnosticText.tableKeyNotBoolean(entry.key.text, field: path), entry.key.location)
            default: break
            }
        }
        let field = V.BuiltInField(rawValue: path)
        if field == .refereeCountry || field == .referrerCountry {
            let odd = table.entries.map(\.key).filter { !$0.quoted && !Self.isCountryCode($0.text) }
            if let first = odd.first { report(DiagnosticText.countryCode(odd.map(\.text), field: path), first.location) }
        }
    }
}
