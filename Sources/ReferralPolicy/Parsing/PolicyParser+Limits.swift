/// Limits: caps on a referrer's rewards over a period.
extension PolicyParser {
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
}

import Foundation
