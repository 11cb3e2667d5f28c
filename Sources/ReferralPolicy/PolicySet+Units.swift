/// What a reader of a program's amounts needs besides its rules (the policy-test parser reads
/// expected amounts with them): the currency each reward's, tier's and `sum` requirement's
/// amounts are in, the units the versions declare, and each event type's currency.
extension PolicySet {
    /// The currency of the amounts of each reward, tier and `sum` requirement, by id (the first
    /// version that has the id wins).
    package var amountCurrencies: [String: Currency] {
        var out: [String: Currency] = [:]
        for policy in policies {
            for type in policy.model.types {
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

    /// Every unit some version declares, once each.
    package var declaredUnits: [Currency] {
        var out: [Currency] = []
        for policy in policies {
            for u in policy.model.units where !out.contains(where: { $0.code == u.code }) { out.append(u.currency) }
        }
        return out
    }

    /// The currency each event type's amounts are in (the first version that declares it wins).
    package var eventCurrencies: [String: Currency] {
        var out: [String: Currency] = [:]
        for policy in policies {
            for e in policy.model.events where out[e.name] == nil { out[e.name] = policy.model.amountCurrency(of: e) }
        }
        return out
    }
}
