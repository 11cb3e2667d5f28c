/// Writes decisions and per-record errors as JSON with a stable key order.
///
/// Hand-written, straight into bytes: the same decision always gives the same bytes. Keys
/// come in the order `docs/snapshots-and-decisions.md` lists; optional keys are left out
/// when they have no value. Compact form is one line with no spaces; pretty form indents
/// two spaces and puts `": "` after keys (like Python's `json.dumps(indent=2)`). Text is
/// UTF-8 as is, with `"`, `\` and control characters escaped (`\"`, `\\`, `\u000a`).
public enum DecisionEncoder {
    /// One decision as JSON: compact (one line, for JSON Lines) or pretty (indented two spaces).
    public static func json(_ decision: Decision, pretty: Bool = false) -> String {
        var bytes: [UInt8] = []
        append(decision, to: &bytes, pretty: pretty)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one decision to `buffer` (no newline).
    public static func append(_ decision: Decision, to buffer: inout [UInt8], pretty: Bool = false) {
        var w = JSONWriter(pretty: pretty)
        swap(&w.out, &buffer)
        w.decision(decision)
        swap(&w.out, &buffer)
    }

    /// The record written in place of an input that could not be decided:
    /// `{"line":3,"referral_id":"r-7","error":{"code":"invalid_snapshot","message":"…","path":"events[0].at"}}`.
    /// `line`, `referral_id` and `path` are left out when nil.
    public static func errorRecord(_ error: EvaluationError, line: Int?, referralID: String? = nil, pretty: Bool = false) -> String {
        var w = JSONWriter(pretty: pretty)
        w.beginObject()
        if let line {
            w.key("line")
            w.integer(Int64(line))
        }
        if let referralID {
            w.key("referral_id")
            w.string(referralID)
        }
        w.key("error")
        w.beginObject()
        w.key("code")
        w.string(error.code.rawValue)
        w.key("message")
        w.string(error.message)
        if let path = error.path {
            w.key("path")
            w.string(path)
        }
        w.endObject()
        w.endObject()
        return String(decoding: w.out, as: UTF8.self)
    }
}

extension JSONWriter {
    mutating func decision(_ d: Decision) {
        beginObject()
        key("referral_id")
        string(d.referralID)
        key("referral_type")
        string(d.referralType)
        key("policy")
        beginObject()
        key("program")
        string(d.policy.program)
        key("version")
        string(d.policy.version)
        key("content_hash")
        string(d.policy.contentHash)
        endObject()
        key("as_of")
        instant(d.asOf)
        key("status")
        string(d.status.rawValue)
        if let reason = d.reason {
            key("reason")
            string(reason)
        }
        if let qualifiedAt = d.qualifiedAt {
            key("qualified_at")
            instant(qualifiedAt)
        }
        key("rewards")
        beginArray()
        for r in d.rewards {
            element()
            reward(r)
        }
        endArray()
        key("progress")
        beginArray()
        for p in d.progress {
            element()
            progress(p)
        }
        endArray()
        if !d.milestones.isEmpty {
            key("milestones")
            beginArray()
            for m in d.milestones {
                element()
                milestone(m)
            }
            endArray()
        }
        if !d.explanation.isEmpty {
            key("explanation")
            beginArray()
            for c in d.explanation {
                element()
                check(c)
            }
            endArray()
        }
        endObject()
    }

    private mutating func reward(_ r: Decision.Reward) {
        beginObject()
        key("rule")
        string(r.rule)
        key("beneficiary")
        string(r.beneficiary.rawValue)
        key("kind")
        string(r.kind.rawValue)
        key("amount")
        decimal(r.amount.minorUnits, digits: r.amount.currency.minorUnitDigits)
        key("amount_minor")
        integer(r.amount.minorUnits)
        key("currency")
        string(r.amount.currency.code)
        key("earned_at")
        instant(r.earnedAt)
        key("payable_at")
        instant(r.payableAt)
        if let expiresAt = r.expiresAt {
            key("expires_at")
            instant(expiresAt)
        }
        if let limitedBy = r.limitedBy {
            key("limited_by")
            string(limitedBy)
        }
        if let uncapped = r.uncappedMinor {
            key("uncapped_minor")
            integer(uncapped)
        }
        endObject()
    }

    private mutating func progress(_ p: Decision.Progress) {
        beginObject()
        key("requirement")
        string(p.requirement)
        if let description = p.description {
            key("description")
            string(description)
        }
        key("event_type")
        string(p.eventType)
        if p.eventTypes.count > 1 {
            key("event_types")
            beginArray()
            for name in p.eventTypes {
                element()
                string(name)
            }
            endArray()
        }
        key("unit")
        string(p.unit.rawValue)
        key("have")
        integer(p.have)
        key("need")
        integer(p.need)
        if let currency = p.currency {
            key("currency")
            string(currency.code)
        }
        if let deadline = p.deadline {
            key("deadline")
            instant(deadline)
        }
        if let milestone = p.milestone {
            key("milestone")
            string(milestone)
        }
        endObject()
    }

    private mutating func milestone(_ m: Decision.Milestone) {
        beginObject()
        key("milestone")
        string(m.milestone)
        key("status")
        string(m.status.rawValue)
        if let reachedAt = m.reachedAt {
            key("reached_at")
            instant(reachedAt)
        }
        endObject()
    }

    private mutating func check(_ c: Decision.Check) {
        beginObject()
        key("rule")
        string(c.rule)
        key("kind")
        string(c.kind.rawValue)
        key("held")
        boolean(c.held)
        if let have = c.have {
            key("have")
            integer(have)
        }
        if let need = c.need {
            key("need")
            integer(need)
        }
        key("saw")
        string(c.saw)
        endObject()
    }
}
