@testable import ReferralPolicy

/// The decisions ReferralPolicy gave before the one-evaluator redesign, for the same policies:
/// the old decoder (`OracleDecoder`), the old compiled classes and the old plain evaluator,
/// with the old choice of governing version. Tests hold the library to it byte for byte.
struct Oracle {
    let policies: [OraclePolicy]
    let flat: OracleFlatAttributes
    /// Per version, the attributes it declares on the referrer and the referee, and their types.
    let declared: [(referrer: [String: AttributeType], referee: [String: AttributeType])]

    init(_ set: PolicySet) {
        policies = set.policies.map { policy in
            guard let compiled = OracleCompiler(model: policy.model, identity: policy.identity, file: policy.file).compile() else {
                fatalError("the oracle could not compile \(policy.identity)")
            }
            return compiled
        }
        declared = set.policies.map { p in
            (Dictionary(p.model.referrerAttributes.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a }),
             Dictionary(p.model.refereeAttributes.map { ($0.name, $0.type) }, uniquingKeysWith: { a, _ in a }))
        }
        flat = OracleFlatAttributes(referrer: Set(policies.flatMap(\.flatAttributes.referrer)),
                                    referee: Set(policies.flatMap(\.flatAttributes.referee)))
    }

    func decode(_ json: [UInt8]) throws(EvaluationError) -> Snapshot {
        try OracleDecoder.decode(json, flat: flat)
    }

    /// A JSON snapshot decided as the old `PolicySet.evaluate(json:explain:)` decided it.
    func evaluate(json: [UInt8], explain: Bool = false) throws(EvaluationError) -> Decision {
        try evaluate(decode(json), explain: explain)
    }

    /// A snapshot decided as the old `PolicySet.evaluate(_:explain:)` decided it.
    func evaluate(_ snapshot: Snapshot, explain: Bool = false) throws(EvaluationError) -> Decision {
        // Issue 11: past rewards are checked whatever the status, and declared attributes
        // must hold their declared type (the one evaluator does both when it reads a snapshot).
        for (i, past) in snapshot.referrer.rewards.enumerated() {
            if past.amountMinor < 0 {
                throw EvaluationError(.invalidSnapshot, "amounts are 0 or more, found \(past.amountMinor)", path: "referrer.rewards[\(i)].amount_minor")
            }
            if Currency(code: past.currency) == nil {
                throw EvaluationError(.invalidSnapshot, "unknown currency `\(past.currency)`", path: "referrer.rewards[\(i)].currency")
            }
        }
        let policy = try governing(snapshot)
        if let k = policies.firstIndex(where: { $0 === policy }) {
            for (person, attributes, types) in [("referrer", snapshot.referrer.attributes, declared[k].referrer),
                                                ("referee", snapshot.referee.attributes, declared[k].referee)] {
                for (name, value) in attributes.sorted(by: { $0.key < $1.key }) {
                    guard let type = types[name] else { continue }
                    let found: String
                    switch (type, value) {
                    case (.text, .string), (.integer, .integer), (.boolean, .bool): continue
                    case (_, .string): found = "text"
                    case (_, .integer): found = "an integer"
                    case (_, .bool): found = "`true` or `false`"
                    }
                    let expected = switch type { case .text: "text"; case .integer: "an integer"; case .boolean: "`true` or `false`" }
                    throw EvaluationError(.invalidSnapshot, "the policy declares `\(name)` as \(type.rawValue): expected \(expected), found \(found)",
                                          path: "\(person).\(name)")
                }
            }
        }
        let e = policy.effective
        let date = e.basis == .asOf ? snapshot.asOf : snapshot.referee.signupAt
        guard e.contains(date) else {
            let span = "from \(e.from.map(\.description) ?? "the beginning") until \(e.until.map(\.description) ?? "further notice")"
            throw EvaluationError(.noGoverningVersion,
                                  "version \(policy.identity.version) of `\(policy.identity.program)` is in force \(span), not at \(date)",
                                  path: e.basis == .asOf ? "as_of" : "referee.signup_at")
        }
        return try OracleEvaluator(policy: policy, explain: explain).decide(snapshot)
    }

    private func governing(_ snapshot: Snapshot) throws(EvaluationError) -> OraclePolicy {
        if policies.count == 1, let only = policies.first, only.effective.from == nil, only.effective.until == nil {
            return only
        }
        for policy in policies {
            let date = policy.effective.basis == .asOf ? snapshot.asOf : snapshot.referee.signupAt
            if policy.effective.contains(date) { return policy }
        }
        let basis = policies.first?.effective.basis ?? .refereeSignup
        let date = basis == .asOf ? snapshot.asOf : snapshot.referee.signupAt
        let field = basis == .asOf ? "as_of" : "referee.signup_at"
        throw EvaluationError(.noGoverningVersion,
                              "no version of `\(policies.first?.identity.program ?? "")` is in force at \(date)",
                              path: field)
    }
}
