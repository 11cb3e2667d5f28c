/// What changed in the rules between two policies, matched by stable rule ids, not by text:
/// rules, requirements, rewards, tiers, limits, eligibility, windows, effective periods and
/// reversals added, removed or changed, each changed value old -> new, with file:line on
/// both sides. Descriptions, comments and layout are cosmetic and listed apart.
///
/// Versions of the two sides are matched by their version string: a version only on one side
/// is added or removed as a whole.
package struct RuleDiff: Sendable, Hashable {
    /// Changes to what is decided, in the new policy's order (removed rules after the rest of
    /// their version).
    package var changes: [RuleChange]
    /// Descriptions, comments and layout.
    package var cosmetic: [RuleChange]

    package init(changes: [RuleChange] = [], cosmetic: [RuleChange] = []) {
        self.changes = changes
        self.cosmetic = cosmetic
    }

    /// True when nothing at all differs.
    package var isEmpty: Bool { changes.isEmpty && cosmetic.isEmpty }

    /// Compares every version of `base` with the version of `new` of the same version string.
    package static func compare(base: PolicySet, new: PolicySet) -> RuleDiff {
        compare(base: base.policies, new: new.policies)
    }

    /// Compares two lists of versions (one program's), matched by version string.
    package static func compare(base: [Policy], new: [Policy]) -> RuleDiff {
        var diff = RuleDiff()
        let baseByVersion = Dictionary(base.map { ($0.identity.version, $0) }, uniquingKeysWith: { a, _ in a })
        let newVersions = Set(new.map(\.identity.version))
        for policy in new {
            if let old = baseByVersion[policy.identity.version] {
                diff.compare(old, policy)
            } else {
                diff.changes.append(RuleChange(change: .added, version: policy.identity.version, rule: "", kind: "version",
                                               newLocation: location(policy, policy.model.versionLocation)))
            }
        }
        for policy in base where !newVersions.contains(policy.identity.version) {
            diff.changes.append(RuleChange(change: .removed, version: policy.identity.version, rule: "", kind: "version",
                                           baseLocation: location(policy, policy.model.versionLocation)))
        }
        return diff
    }

    private mutating func compare(_ old: Policy, _ new: Policy) {
        let version = new.identity.version
        let oldFacts = RuleFact.facts(of: old.model)
        let newFacts = RuleFact.facts(of: new.model)
        var oldByID: [String: RuleFact] = [:]
        for fact in oldFacts where oldByID[fact.id] == nil { oldByID[fact.id] = fact }
        var seen = Set<String>()
        let before = (changes.count, cosmetic.count)
        for fact in newFacts where seen.insert(fact.id).inserted {
            let newAt = Self.location(new, fact.location)
            guard let was = oldByID[fact.id] else {
                changes.append(RuleChange(change: .added, version: version, rule: fact.id, kind: fact.kind, newLocation: newAt))
                continue
            }
            let oldAt = Self.location(old, was.location)
            if was.kind != fact.kind {
                changes.append(RuleChange(change: .changed, version: version, rule: fact.id, kind: fact.kind, field: "kind",
                                          base: was.kind, new: fact.kind, baseLocation: oldAt, newLocation: newAt))
            }
            var names = fact.values.map(\.name)
            for (name, _) in was.values where !names.contains(name) { names.append(name) }
            for name in names {
                let a = was.value(name)
                let b = fact.value(name)
                if a != b {
                    changes.append(RuleChange(change: .changed, version: version, rule: fact.id, kind: fact.kind, field: name,
                                              base: a, new: b, baseLocation: oldAt, newLocation: newAt))
                }
            }
            if was.description != fact.description {
                cosmetic.append(RuleChange(change: .cosmetic, version: version, rule: fact.id, kind: fact.kind,
                                           field: "description", base: was.description, new: fact.description,
                                           baseLocation: oldAt, newLocation: newAt))
            }
        }
        for fact in oldFacts where !seen.contains(fact.id) {
            seen.insert(fact.id)
            changes.append(RuleChange(change: .removed, version: version, rule: fact.id, kind: fact.kind,
                                      baseLocation: Self.location(old, fact.location)))
        }
        if (changes.count, cosmetic.count) == before, old.identity.contentHash != new.identity.contentHash {
            cosmetic.append(RuleChange(change: .cosmetic, version: version, rule: "policy", kind: "policy", field: "text",
                                       baseLocation: Self.location(old, old.model.programLocation),
                                       newLocation: Self.location(new, new.model.programLocation)))
        }
    }

    /// `policies/marketplace-v2.yaml:95`.
    static func location(_ policy: Policy, _ at: SourceLocation) -> String {
        "\(policy.file ?? "<policy>"):\(at.line)"
    }
}
