/// The currencies a policy test's expected amounts are read in: a reward's or tier's own, a
/// `sum` requirement's (its event type's), and the units the versions declare.
extension RuleCatalog {
    /// The currency of the amounts each reward, tier and `sum` requirement is in, by id (the
    /// first version that has the id wins).
    static func amountCurrencies(_ set: PolicySet) -> [String: Currency] {
        var out: [String: Currency] = [:]
        for policy in set.policies {
            let model = policy.model
            for type in model.types {
                var pending = type.requirements
                while let r = pending.popLast() {
                    switch r.kind {
                    case .sum(_, _, let atLeast): if out[r.id.id] == nil { out[r.id.id] = atLeast.currency }
                    case .count: break
                    case .all(let c), .any(let c): pending += c
                    case .not(let c): pending.append(c)
                    }
                }
                for reward in type.rewards {
                    if out[reward.id.id] == nil { out[reward.id.id] = reward.currency }
                    if case .tiers(_, _, let tiers) = reward.amount {
                        for t in tiers where out[t.id.id] == nil { out[t.id.id] = t.amount.currency }
                    }
                }
            }
        }
        return out
    }

    /// Every unit some version declares.
    static func units(_ set: PolicySet) -> [Currency] {
        var out: [Currency] = []
        for policy in set.policies { for u in policy.model.units where !out.contains(where: { $0.code == u.code }) { out.append(u.currency) } }
        return out
    }

    /// The currency each event type's amounts are in (the first version that declares it wins).
    static func eventCurrencies(_ set: PolicySet) -> [String: Currency] {
        var out: [String: Currency] = [:]
        for policy in set.policies { for e in policy.model.events where out[e.name] == nil { out[e.name] = policy.model.amountCurrency(of: e) } }
        return out
    }
}
