/// Writes decisions and per-record errors as JSON with a stable key order.
/// (Placeholder: the full encoder is being written.)
public enum DecisionEncoder {
    /// One decision as JSON: compact (one line, for JSON Lines) or pretty (indented two spaces).
    public static func json(_ decision: Decision, pretty: Bool = false) -> String {
        "{\"referral_id\":\"\(decision.referralID)\",\"status\":\"\(decision.status.rawValue)\"}"
    }

    /// Appends one compact decision to `buffer` (no newline).
    public static func append(_ decision: Decision, to buffer: inout [UInt8], pretty: Bool = false) {
        buffer += Array(json(decision, pretty: pretty).utf8)
    }

    /// The record written in place of an input that could not be decided:
    /// `{"line":3,"referral_id":"r-7","error":{"code":"invalid_snapshot","message":"…","path":"events[0].at"}}`.
    public static func errorRecord(_ error: EvaluationError, line: Int?, referralID: String? = nil, pretty: Bool = false) -> String {
        "{\"error\":{\"code\":\"\(error.code.rawValue)\"}}"
    }
}
