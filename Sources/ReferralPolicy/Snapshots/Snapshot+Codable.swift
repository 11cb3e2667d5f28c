/// `Codable` for snapshots, with the wire form's snake_case keys, so Swift callers can use
/// `JSONEncoder` / `JSONDecoder`. Instants are their ISO 8601 text (`2025-03-01T12:00:00Z`),
/// attribute values plain JSON values. Decoding follows the wire rules of ``SnapshotDecoder``:
/// optional fields may be absent or null, `amount_cents` is another name for `amount_minor`,
/// and unknown fields are errors. (``SnapshotDecoder`` is faster, with better errors.)
extension Snapshot: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, type, asOf = "as_of", referrer, referee, events
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id),
                  type: try c.decode(String.self, forKey: .type),
                  asOf: try c.decodeInstant(forKey: .asOf),
                  referrer: try c.decode(Referrer.self, forKey: .referrer),
                  referee: try c.decode(Referee.self, forKey: .referee),
                  events: try c.decodeIfPresent([Event].self, forKey: .events) ?? [])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(asOf.description, forKey: .asOf)
        try c.encode(referrer, forKey: .referrer)
        try c.encode(referee, forKey: .referee)
        try c.encode(events, forKey: .events)
    }
}

extension Snapshot.Referrer: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, status, country, attributes, rewards, referrals
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id),
                  status: try c.decodeIfPresent(String.self, forKey: .status),
                  country: try c.decodeIfPresent(String.self, forKey: .country),
                  attributes: try c.decodeIfPresent([String: AttributeValue].self, forKey: .attributes) ?? [:],
                  rewards: try c.decodeIfPresent([Snapshot.PastReward].self, forKey: .rewards) ?? [],
                  referrals: try c.decodeIfPresent([Snapshot.QualifiedReferral].self, forKey: .referrals))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encodeIfPresent(status, forKey: .status)
        try c.encodeIfPresent(country, forKey: .country)
        try c.encode(attributes, forKey: .attributes)
        try c.encode(rewards, forKey: .rewards)
        try c.encodeIfPresent(referrals, forKey: .referrals)
    }
}

extension Snapshot.QualifiedReferral: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case referralID = "referral_id", referralType = "referral_type", qualifiedAt = "qualified_at"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(referralID: try c.decode(String.self, forKey: .referralID),
                  referralType: try c.decode(String.self, forKey: .referralType),
                  qualifiedAt: try c.decodeInstant(forKey: .qualifiedAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(referralID, forKey: .referralID)
        try c.encode(referralType, forKey: .referralType)
        try c.encode(qualifiedAt.description, forKey: .qualifiedAt)
    }
}

extension Snapshot.PastReward: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case referralID = "referral_id", amountMinor = "amount_minor", amountCents = "amount_cents"
        case currency, kind, grantedAt = "granted_at"
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        guard let amount = try c.decodeAmount(.amountMinor, alias: .amountCents) else {
            throw DecodingError.keyNotFound(CodingKeys.amountMinor, DecodingError.Context(
                codingPath: c.codingPath, debugDescription: "missing field `amount_minor`"))
        }
        self.init(referralID: try c.decodeIfPresent(String.self, forKey: .referralID),
                  amountMinor: amount,
                  currency: try c.decode(String.self, forKey: .currency),
                  kind: try c.decode(RewardKind.self, forKey: .kind),
                  grantedAt: try c.decodeInstant(forKey: .grantedAt))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(referralID, forKey: .referralID)
        try c.encode(amountMinor, forKey: .amountMinor)
        try c.encode(currency, forKey: .currency)
        try c.encode(kind, forKey: .kind)
        try c.encode(grantedAt.description, forKey: .grantedAt)
    }
}

extension Snapshot.Referee: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, signupAt = "signup_at", attribution, country, flags, attributes
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id),
                  signupAt: try c.decodeInstant(forKey: .signupAt),
                  attribution: try c.decodeIfPresent(String.self, forKey: .attribution),
                  country: try c.decodeIfPresent(String.self, forKey: .country),
                  flags: try c.decodeIfPresent([String].self, forKey: .flags) ?? [],
                  attributes: try c.decodeIfPresent([String: AttributeValue].self, forKey: .attributes) ?? [:])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(signupAt.description, forKey: .signupAt)
        try c.encodeIfPresent(attribution, forKey: .attribution)
        try c.encodeIfPresent(country, forKey: .country)
        try c.encode(flags, forKey: .flags)
        try c.encode(attributes, forKey: .attributes)
    }
}

extension Snapshot.Event: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case type, at, amountMinor = "amount_minor", amountCents = "amount_cents", currency, attributes
    }

    public init(from decoder: any Decoder) throws {
        try rejectUnknownKeys(decoder, CodingKeys.self)
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(type: try c.decode(String.self, forKey: .type),
                  at: try c.decodeInstant(forKey: .at),
                  amountMinor: try c.decodeAmount(.amountMinor, alias: .amountCents),
                  currency: try c.decodeIfPresent(String.self, forKey: .currency),
                  attributes: try c.decodeIfPresent([String: AttributeValue].self, forKey: .attributes) ?? [:])
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(at.description, forKey: .at)
        try c.encodeIfPresent(amountMinor, forKey: .amountMinor)
        try c.encodeIfPresent(currency, forKey: .currency)
        try c.encode(attributes, forKey: .attributes)
    }
}

/// A plain JSON value: text, an integer, or `true` / `false`.
extension AttributeValue: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let i = try? c.decode(Int64.self) {
            self = .integer(i)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected text, an integer, `true` or `false`")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .string(let s): try c.encode(s)
        case .integer(let i): try c.encode(i)
        case .bool(let b): try c.encode(b)
        }
    }
}

/// Any key, to see the keys a container holds beyond the known ones.
private struct AnyCodingKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Throws for a key the wire form does not define: "unknown field `amout_minor`; did you mean `amount_minor`?".
private func rejectUnknownKeys<Keys: CodingKey & CaseIterable>(_ decoder: any Decoder, _ keys: Keys.Type) throws {
    let all = try decoder.container(keyedBy: AnyCodingKey.self)
    let known = Keys.allCases.map(\.stringValue)
    for key in all.allKeys where !known.contains(key.stringValue) {
        let hint = Suggestion.help(for: key.stringValue, among: known).map { "; " + $0 } ?? ""
        throw DecodingError.dataCorruptedError(forKey: key, in: all, debugDescription: "unknown field `\(key.stringValue)`\(hint)")
    }
}

extension KeyedDecodingContainer {
    /// An instant written as ISO 8601 text.
    func decodeInstant(forKey key: Key) throws -> Instant {
        let text = try decode(String.self, forKey: key)
        guard let instant = Instant.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self,
                                                   debugDescription: "expected \(SnapshotScanner.instantExample), found `\(text)`")
        }
        return instant
    }

    /// `amount_minor`, or its other name `amount_cents`; not both.
    func decodeAmount(_ key: Key, alias: Key) throws -> Int64? {
        if contains(key), contains(alias) {
            throw DecodingError.dataCorruptedError(forKey: alias, in: self,
                                                   debugDescription: "duplicate field: `\(alias.stringValue)` is another name for `\(key.stringValue)`")
        }
        return try decodeIfPresent(Int64.self, forKey: key) ?? decodeIfPresent(Int64.self, forKey: alias)
    }
}
