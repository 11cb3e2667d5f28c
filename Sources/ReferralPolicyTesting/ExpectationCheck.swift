import ReferralPolicy

/// Compares a decision with what a case states, and only that.
enum ExpectationCheck {
    static func mismatches(_ e: PolicyTestCase.Expectation, _ d: Decision) -> [PolicyTestReport.Mismatch] {
        var out: [PolicyTestReport.Mismatch] = []
        func check<T: Equatable>(_ field: String, _ expected: T?, _ actual: T?, _ show: (T?) -> String) {
            if let expected, expected != actual { out.append(.init(field: field, expected: show(expected), actual: show(actual))) }
        }
        let text: (String?) -> String = { $0 ?? "none" }
        let instant: (Instant?) -> String = { $0?.description ?? "none" }
        check("status", e.status, d.status) { $0?.rawValue ?? "none" }
        check("version", e.version, d.policy.version, text)
        check("reason", e.reason, d.reason, text)
        check("qualified_at", e.qualifiedAt, d.qualifiedAt, instant)
        if let rewards = e.rewards {
            if rewards.count != d.rewards.count {
                out.append(.init(field: "rewards", expected: "\(rewards.count) reward\(rewards.count == 1 ? "" : "s")",
                                 actual: d.rewards.isEmpty ? "none" : d.rewards.map(describe).joined(separator: "; ")))
            } else {
                for (i, (x, a)) in zip(rewards, d.rewards).enumerated() {
                    let p = "rewards[\(i)]."
                    check(p + "rule", x.rule, a.rule, text)
                    check(p + "beneficiary", x.beneficiary, a.beneficiary) { $0?.rawValue ?? "none" }
                    check(p + "kind", x.kind, a.kind) { $0?.rawValue ?? "none" }
                    check(p + "currency", x.currency, a.amount.currency.code, text)
                    if let minor = x.amountMinor, minor != a.amount.minorUnits {
                        out.append(.init(field: p + "amount", expected: Money(minorUnits: minor, currency: a.amount.currency).display,
                                         actual: a.amount.display))
                    }
                    check(p + "payable_at", x.payableAt, a.payableAt, instant)
                    check(p + "expires_at", x.expiresAt, a.expiresAt, instant)
                    check(p + "limited_by", x.limitedBy, a.limitedBy, text)
                }
            }
        }
        if let progress = e.progress {
            if progress.count != d.progress.count {
                out.append(.init(field: "progress", expected: progress.compactMap(\.requirement).joined(separator: ", ").ifEmpty("none"),
                                 actual: d.progress.map(\.requirement).joined(separator: ", ").ifEmpty("none")))
            } else {
                for (i, (x, a)) in zip(progress, d.progress).enumerated() {
                    let p = "progress[\(i)]."
                    check(p + "requirement", x.requirement, a.requirement, text)
                    let show: (Int64?) -> String = { v in
                        guard let v else { return "none" }
                        return a.currency.map { Money(minorUnits: v, currency: $0).display } ?? String(v)
                    }
                    check(p + "have", x.have, a.have, show)
                    check(p + "need", x.need, a.need, show)
                    check(p + "deadline", x.deadline, a.deadline, instant)
                    if x.towardType, a.milestone != nil {
                        out.append(.init(field: p + "milestone", expected: "none", actual: a.milestone ?? "none"))
                    }
                    check(p + "milestone", x.milestone, a.milestone, text)
                }
            }
        }
        if let milestones = e.milestones {
            if milestones.count != d.milestones.count {
                out.append(.init(field: "milestones", expected: milestones.compactMap(\.milestone).joined(separator: ", ").ifEmpty("none"),
                                 actual: d.milestones.map(\.milestone).joined(separator: ", ").ifEmpty("none")))
            } else {
                for (i, (x, a)) in zip(milestones, d.milestones).enumerated() {
                    let p = "milestones[\(i)]."
                    check(p + "milestone", x.milestone, a.milestone, text)
                    check(p + "status", x.status, a.status) { $0?.rawValue ?? "none" }
                    check(p + "reached_at", x.reachedAt, a.reachedAt, instant)
                }
            }
        }
        return out
    }

    static func describe(_ r: Decision.Reward) -> String {
        "\(r.amount.display) \(r.kind.rawValue) to the \(r.beneficiary.rawValue) (\(r.rule))"
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
