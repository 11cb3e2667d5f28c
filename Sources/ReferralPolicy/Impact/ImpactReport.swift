/// The whole answer of `referral-policy diff`: which policies were compared, the rule diff,
/// and, when a history was decided, the impact summary and the payout bounds checked.
///
/// Written as JSON by ``json()`` (every field is described in `docs/impact.md`), read back by
/// ``init(json:)``, and added up over partitions of a history by ``merged(_:)``.
package struct ImpactReport: Sendable, Hashable {
    /// One policy version compared.
    package struct Version: Sendable, Hashable {
        package var version: String
        package var contentHash: String
        package var file: String?

        package init(version: String, contentHash: String, file: String?) {
            self.version = version
            self.contentHash = contentHash
            self.file = file
        }
    }

    /// The program id (of the new policy).
    package var program: String
    /// The base policy's versions, and the new one's.
    package var baseVersions: [Version]
    package var newVersions: [Version]
    package var rules: RuleDiff
    /// Nil for a rule diff alone (no history given).
    package var summary: ImpactSummary?
    /// The `--max-increase` bounds and how they fared.
    package var limits: [PayoutLimit.Check]

    package init(program: String, baseVersions: [Version], newVersions: [Version], rules: RuleDiff,
                summary: ImpactSummary? = nil, limits: [PayoutLimit.Check] = []) {
        self.program = program
        self.baseVersions = baseVersions
        self.newVersions = newVersions
        self.rules = rules
        self.summary = summary
        self.limits = limits
    }

    /// The report of comparing `base` with `new`: their rule diff, and the summary when there is one.
    package init(base: PolicySet, new: PolicySet, summary: ImpactSummary? = nil, limits: [PayoutLimit] = []) {
        func versions(_ set: PolicySet) -> [Version] {
            set.policies.map { Version(version: $0.identity.version, contentHash: $0.identity.contentHash, file: $0.file) }
        }
        self.init(program: new.policies.first?.identity.program ?? "", baseVersions: versions(base), newVersions: versions(new),
                  rules: RuleDiff.compare(base: base, new: new), summary: summary,
                  limits: summary.map { s in limits.map { $0.check(s) } } ?? [])
    }

    /// True when a `--max-increase` bound is exceeded.
    package var exceedsLimit: Bool { limits.contains { $0.exceeded } }

    /// The currency amounts are shown in when a record's currency is not known.
    var currency: Currency { summary?.currency ?? Currency(code: "USD")! }
}
