/// One difference between the rules of two policy versions, matched by rule id.
package struct RuleChange: Sendable, Hashable {
    /// What happened to the rule.
    package enum Change: String, Sendable, Hashable, CaseIterable {
        /// The rule (or the whole version) is only in the new policy.
        case added
        /// The rule (or the whole version) is only in the base policy.
        case removed
        /// A value that decides something changed: `field` says which, `base` and `new` the values.
        case changed
        /// Only words changed: a description, or comments and layout (`field` is `description`
        /// or `text`). Nothing decided changes.
        case cosmetic
    }

    package var change: Change
    /// The policy version the rule belongs to (versions are matched by their version string).
    package var version: String
    /// The rule's id, `freelancer.referrer_bonus.starter`; `policy` for the version itself;
    /// empty for a whole version added or removed.
    package var rule: String
    /// `tier`, `reward`, `requirement`, `eligibility`, `limit`, `type`, `reversal`, `event`,
    /// `attribute`, `unit`, `policy` or `version`.
    package var kind: String
    /// For `changed` and `cosmetic`: the value that changed, `amount`, `window`, `description`.
    package var field: String?
    /// The value before (nil when added or not set).
    package var base: String?
    /// The value after (nil when removed or not set).
    package var new: String?
    /// `policies/marketplace-v2.yaml:95` in the base policy, when the rule is there.
    package var baseLocation: String?
    /// The same in the new policy.
    package var newLocation: String?

    package init(change: Change, version: String, rule: String, kind: String, field: String? = nil,
                base: String? = nil, new: String? = nil, baseLocation: String? = nil, newLocation: String? = nil) {
        self.change = change
        self.version = version
        self.rule = rule
        self.kind = kind
        self.field = field
        self.base = base
        self.new = new
        self.baseLocation = baseLocation
        self.newLocation = newLocation
    }

    /// `freelancer.referrer_bonus.starter: amount 25.00 -> 30.00`, `client.fast_hire: added`.
    package var headline: String {
        let name = rule.isEmpty ? "version \(version)" : rule
        switch change {
        case .added: return "\(name): \(kind == "version" ? "version" : kind) added"
        case .removed: return "\(name): \(kind == "version" ? "version" : kind) removed"
        case .changed, .cosmetic:
            if field == "text" { return "\(name): comments or layout changed" }
            let quote = field == "description"
            func shown(_ value: String?) -> String { value.map { quote ? "\"\($0)\"" : $0 } ?? "(none)" }
            return "\(name): \(field ?? "value") \(shown(base)) -> \(shown(new))"
        }
    }

    /// `policies/a.yaml:95 -> policies/b.yaml:96`, or the one side there is.
    package var locations: String {
        switch (baseLocation, newLocation) {
        case let (b?, n?): return b == n ? b : "\(b) -> \(n)"
        case let (b?, nil): return b
        case let (nil, n?): return n
        case (nil, nil): return ""
        }
    }
}
