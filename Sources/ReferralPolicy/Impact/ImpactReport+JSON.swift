import Foundation

/// The report as JSON (`diff --format json`), and read back from it (`diff --merge`).
extension ImpactReport {
    /// Written in the first key of the document, so `--merge` can tell a report from other JSON.
    package static let formatName = "referral-policy-diff"
    package static let formatVersion: Int64 = 1

    /// The report as one pretty-printed JSON document (keys in a fixed order), ending in a newline.
    package func json() -> String {
        jsonValue.text()
    }

    /// One changed referral as one compact JSON line (no newline): what `--records` writes.
    package static func json(_ referral: ChangedReferral) -> String {
        encode(referral).text(pretty: false)
    }

    var jsonValue: ImpactJSON {
        var pairs: [(String, ImpactJSON)] = [
            ("report", .string(Self.formatName)), ("format_version", .integer(Self.formatVersion)),
            ("program", .string(program)), ("currency", .string(currency.code)),
            ("base", .array(baseVersions.map(Self.encode))), ("new", .array(newVersions.map(Self.encode))),
            ("rules", .object([("changes", .array(rules.changes.map(Self.encode))),
                               ("cosmetic", .array(rules.cosmetic.map(Self.encode)))])),
        ]
        pairs.append(("summary", summary.map(Self.encode) ?? .null))
        pairs.append(("max_increase", .array(limits.map { c in
            .object([("currency", .string(c.limit.currency.code)), ("limit_minor", .integer(c.limit.limitMinor)),
                     ("increase_minor", .integer(c.increaseMinor)), ("exceeded", .bool(c.exceeded))])
        })))
        return .object(pairs)
    }

    private static func encode(_ v: Version) -> ImpactJSON {
        .object([("version", .string(v.version)), ("content_hash", .string(v.contentHash)), ("file", .optional(v.file))])
    }

    private static func encode(_ c: RuleChange) -> ImpactJSON {
        .object([("change", .string(c.change.rawValue)), ("version", .string(c.version)), ("rule", .string(c.rule)),
                 ("kind", .string(c.kind)), ("field", .optional(c.field)), ("base", .optional(c.base)), ("new", .optional(c.new)),
                 ("base_location", .optional(c.baseLocation)), ("new_location", .optional(c.newLocation)),
                 ("text", .string(c.headline))])
    }

    private static func encode(_ p: ImpactSummary.Payout) -> ImpactJSON {
        .object([("currency", .string(p.currency)), ("kind", .string(p.kind)), ("beneficiary", .string(p.beneficiary)),
                 ("base_minor", .integer(p.baseMinor)), ("new_minor", .integer(p.newMinor)), ("delta_minor", .integer(p.deltaMinor))])
    }

    private static func encode(_ s: ImpactSummary) -> ImpactJSON {
        .object([
            ("currency", .string(s.currency.code)),
            ("records", .int(s.records)), ("changed", .int(s.changed)), ("undecided", .int(s.undecided)),
            ("undecided_base", .int(s.undecidedBase)), ("undecided_new", .int(s.undecidedNew)),
            ("transitions", .array(s.transitions.map {
                .object([("from", .string($0.from)), ("to", .string($0.to)), ("count", .int($0.count)), ("changed", .int($0.changed))])
            })),
            ("payouts", .array(s.payouts.map(encode))),
            ("by_type", .array(s.byType.map {
                .object([("type", .string($0.type)), ("records", .int($0.records)), ("changed", .int($0.changed)),
                         ("undecided", .int($0.undecided)), ("payouts", .array($0.payouts.map(encode)))])
            })),
            ("distribution", .array(s.distribution.map {
                .object([("low_minor", .integer($0.lowMinor)), ("high_minor", .integer($0.highMinor)), ("count", .int($0.count))])
            })),
            ("referrers", .array(s.referrers.map {
                .object([("referrer", .string($0.referrer)), ("changed", .int($0.changed)), ("base_minor", .integer($0.baseMinor)),
                         ("new_minor", .integer($0.newMinor)), ("delta_minor", .integer($0.deltaMinor))])
            })),
            ("referrers_complete", .bool(s.referrersComplete)),
            ("overflowed", .bool(s.overflowed)),
            ("examples", .array(s.examples.map {
                .object([("from", .string($0.from)), ("to", .string($0.to)), ("referrals", .array($0.referrals.map(encode)))])
            })),
        ])
    }

    static func encode(_ r: ChangedReferral) -> ImpactJSON {
        func side(_ s: ChangedReferral.Side) -> ImpactJSON {
            .object([("status", .string(s.status)), ("reason", .optional(s.reason)), ("error", .optional(s.error)),
                     ("rewards", .array(s.rewards.map {
                         .object([("rule", .string($0.rule)), ("beneficiary", .string($0.beneficiary)), ("kind", .string($0.kind)),
                                  ("amount_minor", .integer($0.amountMinor)), ("currency", .string($0.currency)),
                                  ("payable_at", .string($0.payableAt)), ("expires_at", .optional($0.expiresAt))])
                     }))])
        }
        func held(_ b: Bool?) -> ImpactJSON { b.map(ImpactJSON.bool) ?? .null }
        return .object([
            ("referral_id", .string(r.referralID)), ("referral_type", .string(r.referralType)), ("referrer", .string(r.referrer)),
            ("source", .string(r.source)), ("line", r.line.map { .int($0) } ?? .null),
            ("base", side(r.base)), ("new", side(r.new)),
            ("delta", .array(r.delta.map {
                .object([("currency", .string($0.currency)), ("kind", .string($0.kind)), ("delta_minor", .integer($0.deltaMinor))])
            })),
            ("rules", .array(r.rules.map {
                .object([("rule", .string($0.rule)), ("kind", .string($0.kind)), ("base_held", held($0.baseHeld)),
                         ("new_held", held($0.newHeld)), ("base_saw", .optional($0.baseSaw)), ("new_saw", .optional($0.newSaw))])
            })),
        ])
    }

    // MARK: - Reading

    /// Reads a report `json()` wrote. Throws ``ImpactReportError`` naming what is missing or wrong.
    package init(json data: Data) throws(ImpactReportError) {
        guard let root = ImpactJSON.parse(data) else { throw ImpactReportError("not JSON") }
        guard root["report"]?.stringValue == Self.formatName else {
            throw ImpactReportError("not a report of `referral-policy diff --format json` (no \"report\": \"\(Self.formatName)\")")
        }
        guard root["format_version"]?.intValue == Self.formatVersion else {
            throw ImpactReportError("format_version \(root["format_version"]?.intValue.map(String.init) ?? "?") is not \(Self.formatVersion)")
        }
        let r = Reader()
        let currency = try r.currency(root, "currency")
        self.init(program: try r.string(root, "program"),
                  baseVersions: try r.array(root, "base").map { v throws(ImpactReportError) in try r.version(v) },
                  newVersions: try r.array(root, "new").map { v throws(ImpactReportError) in try r.version(v) },
                  rules: try r.rules(try r.field(root, "rules")))
        if let s = root["summary"], s != .null { summary = try r.summary(s, fallback: currency) }
        limits = try r.array(root, "max_increase").map { c throws(ImpactReportError) in
            PayoutLimit.Check(limit: PayoutLimit(currency: try r.currency(c, "currency"), limitMinor: try r.int(c, "limit_minor")),
                              increaseMinor: try r.int(c, "increase_minor"), exceeded: try r.bool(c, "exceeded"))
        }
    }

    /// Reads JSON values, saying which field is missing or of the wrong type.
    private struct Reader {
        func field(_ o: ImpactJSON, _ key: String) throws(ImpactReportError) -> ImpactJSON {
            guard let v = o[key] else { throw ImpactReportError("`\(key)` is missing") }
            return v
        }

        func string(_ o: ImpactJSON, _ key: String) throws(ImpactReportError) -> String {
            guard let v = try field(o, key).stringValue else { throw ImpactReportError("`\(key)` is not a string") }
            return v
        }

        func optionalString(_ o: ImpactJSON, _ key: String) throws(ImpactReportError) -> String? {
            guard let v = o[key], v != .null else { return nil }
            guard let s = v.stringValue else { throw ImpactReportError("`\(key)` is not a string") }
            return s
        }

        func int(_ o: ImpactJSON, _ key: String) throws(ImpactReportError) -> Int64 {
            guard let v = try field(o, key).intValue else { throw ImpactReportError("`\(key)` is not an integer") }
            return v
        }

        func count(_ o: ImpactJSON, _ key: String) throws(ImpactReportError) -> Int {
            let v = try int(o, key)
            guard v >= 0, v <= Int64(Int.max) else { throw ImpactReportError("`\(key)` is not a count") }
            return Int(v)
        }

        func bool(_ o: ImpactJSON, _ key: String) throws(ImpactReportError) -> Bool {
            guard let v = try field(o, key).boolValue else { throw ImpactReportError("`\(key)` is not true or false") }
            return v
        }

        func array(_ o: ImpactJSON, _ key: String) throws(ImpactReportError) -> [ImpactJSON] {
            guard let v = try field(o, key).arrayValue else { throw ImpactReportError("`\(key)` is not a list") }
            return v
        }

        func currency(_ o: ImpactJSON, _ key: String) throws(ImpactReportError) -> Currency {
            let code = try string(o, key)
            guard let c = Currency(code: code) else { throw ImpactReportError("`\(key)`: unknown currency `\(code)`") }
            return c
        }

        func version(_ v: ImpactJSON) throws(ImpactReportError) -> Version {
            Version(version: try string(v, "version"), contentHash: try string(v, "content_hash"), file: try optionalString(v, "file"))
        }

        func rules(_ v: ImpactJSON) throws(ImpactReportError) -> RuleDiff {
            func change(_ c: ImpactJSON) throws(ImpactReportError) -> RuleChange {
                let name = try string(c, "change")
                guard let kind = RuleChange.Change(rawValue: name) else { throw ImpactReportError("unknown change `\(name)`") }
                return RuleChange(change: kind, version: try string(c, "version"), rule: try string(c, "rule"), kind: try string(c, "kind"),
                                  field: try optionalString(c, "field"), base: try optionalString(c, "base"), new: try optionalString(c, "new"),
                                  baseLocation: try optionalString(c, "base_location"), newLocation: try optionalString(c, "new_location"))
            }
            return RuleDiff(changes: try array(v, "changes").map { c throws(ImpactReportError) in try change(c) },
                            cosmetic: try array(v, "cosmetic").map { c throws(ImpactReportError) in try change(c) })
        }

        func payoutKey(_ p: ImpactJSON) throws(ImpactReportError) -> ImpactSummary.PayoutKey {
            ImpactSummary.PayoutKey(currency: try string(p, "currency"), kind: try string(p, "kind"), beneficiary: try string(p, "beneficiary"))
        }

        func summary(_ s: ImpactJSON, fallback: Currency) throws(ImpactReportError) -> ImpactSummary {
            var out = ImpactSummary(currency: (try? currency(s, "currency")) ?? fallback)
            out.records = try count(s, "records")
            out.changed = try count(s, "changed")
            out.undecided = try count(s, "undecided")
            out.undecidedBase = try count(s, "undecided_base")
            out.undecidedNew = try count(s, "undecided_new")
            out.referrersComplete = try bool(s, "referrers_complete")
            out.overflowed = try bool(s, "overflowed")
            for t in try array(s, "transitions") {
                out.pairs[ImpactSummary.PairKey(from: try string(t, "from"), to: try string(t, "to"))] =
                    (try count(t, "count"), try count(t, "changed"))
            }
            for p in try array(s, "payouts") {
                out.payoutSums[try payoutKey(p)] = ImpactSummary.Sums(base: try int(p, "base_minor"), new: try int(p, "new_minor"))
            }
            for t in try array(s, "by_type") {
                var tally = ImpactSummary.TypeTally(records: try count(t, "records"), changed: try count(t, "changed"),
                                                    undecided: try count(t, "undecided"))
                for p in try array(t, "payouts") {
                    tally.payouts[try payoutKey(p)] = ImpactSummary.Sums(base: try int(p, "base_minor"), new: try int(p, "new_minor"))
                }
                out.types[try string(t, "type")] = tally
            }
            for b in try array(s, "distribution") {
                let low = try int(b, "low_minor"), high = try int(b, "high_minor")
                guard let k = ImpactSummary.bucket(low: low, high: high, digits: out.currency.minorUnitDigits) else {
                    throw ImpactReportError("distribution: \(low)..\(high) is not one of the ranges `diff` writes")
                }
                out.buckets[k] = try count(b, "count")
            }
            for r in try array(s, "referrers") {
                out.referrerTallies[try string(r, "referrer")] = ImpactSummary.ReferrerTally(
                    changed: try count(r, "changed"), base: try int(r, "base_minor"), new: try int(r, "new_minor"))
            }
            for e in try array(s, "examples") {
                let key = ImpactSummary.PairKey(from: try string(e, "from"), to: try string(e, "to"))
                out.exampleLists[key] = try array(e, "referrals").map { v throws(ImpactReportError) in try referral(v) }
            }
            return out
        }

        func referral(_ r: ImpactJSON) throws(ImpactReportError) -> ChangedReferral {
            func side(_ s: ImpactJSON) throws(ImpactReportError) -> ChangedReferral.Side {
                ChangedReferral.Side(status: try string(s, "status"), reason: try optionalString(s, "reason"), error: try optionalString(s, "error"),
                                     rewards: try array(s, "rewards").map { w throws(ImpactReportError) in
                                         ChangedReferral.Reward(rule: try string(w, "rule"), beneficiary: try string(w, "beneficiary"),
                                                                kind: try string(w, "kind"), amountMinor: try int(w, "amount_minor"),
                                                                currency: try string(w, "currency"), payableAt: try string(w, "payable_at"),
                                                                expiresAt: try optionalString(w, "expires_at"))
                                     })
            }
            func held(_ o: ImpactJSON, _ key: String) -> Bool? { o[key]?.boolValue }
            let line = r["line"]?.intValue
            return ChangedReferral(
                referralID: try string(r, "referral_id"), referralType: try string(r, "referral_type"), referrer: try string(r, "referrer"),
                source: try string(r, "source"), line: line.map { Int($0) },
                base: try side(try field(r, "base")), new: try side(try field(r, "new")),
                delta: try array(r, "delta").map { d throws(ImpactReportError) in
                    ChangedReferral.Delta(currency: try string(d, "currency"), kind: try string(d, "kind"), deltaMinor: try int(d, "delta_minor"))
                },
                rules: try array(r, "rules").map { o throws(ImpactReportError) in
                    ChangedReferral.RuleOutcome(rule: try string(o, "rule"), kind: try string(o, "kind"), baseHeld: held(o, "base_held"),
                                                newHeld: held(o, "new_held"), baseSaw: try optionalString(o, "base_saw"),
                                                newSaw: try optionalString(o, "new_saw"))
                })
        }
    }

    // MARK: - Merging

    /// Adds up the reports of partitions of one history, diffed with the same two policies:
    /// counts and payouts add up, the referrer lists merge and are cut again, examples are
    /// kept in order. The bounds are checked again against the total.
    /// Throws when the reports compare different policies, or one has no summary.
    package static func merged(_ reports: [ImpactReport]) throws(ImpactReportError) -> ImpactReport {
        guard var total = reports.first else { throw ImpactReportError("no reports to merge") }
        guard var sum = total.summary else { throw ImpactReportError("report 1 has no summary (it was a rule diff without input)") }
        sum.keepTopReferrersOnly()
        for (i, other) in reports.enumerated().dropFirst() {
            guard other.program == total.program, other.baseVersions == total.baseVersions, other.newVersions == total.newVersions else {
                throw ImpactReportError("report \(i + 1) compares other policies than report 1 (program, versions or content hashes differ)")
            }
            guard var s = other.summary else { throw ImpactReportError("report \(i + 1) has no summary (it was a rule diff without input)") }
            guard s.currency == sum.currency else { throw ImpactReportError("report \(i + 1) is in \(s.currency.code), report 1 in \(sum.currency.code)") }
            s.keepTopReferrersOnly()
            // A partition lists its top referrers only: a referrer below the cut in one
            // partition may belong in the merged list, which is then not certain to be whole.
            if s.referrerTallies.count >= ImpactSummary.topReferrers || sum.referrerTallies.count >= ImpactSummary.topReferrers {
                sum.referrersComplete = false
            }
            sum.merge(s)
        }
        total.summary = sum
        total.limits = total.limits.map { $0.limit.check(sum) }
        return total
    }
}

/// Why a JSON report could not be read or merged.
package struct ImpactReportError: Error, Sendable, Hashable, CustomStringConvertible {
    package var message: String

    package init(_ message: String) {
        self.message = message
    }

    package var description: String { message }
}
