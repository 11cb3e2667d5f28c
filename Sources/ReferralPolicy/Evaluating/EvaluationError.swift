/// Why a snapshot could not be decided. The other snapshots of a batch are still decided.
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Stable machine-readable kinds of failure.
    public enum Code: String, Sendable, Hashable, CaseIterable {
        /// The input is not JSON (or is truncated).
        case invalidJSON = "invalid_json"
        /// JSON, but not a snapshot: a missing, extra or mistyped field, a bad instant.
        case invalidSnapshot = "invalid_snapshot"
        /// The snapshot's `type` is not one of the policy's referral types.
        case unknownReferralType = "unknown_referral_type"
        /// An event's `type` is not one of the policy's event types.
        case unknownEventType = "unknown_event_type"
        /// An amount is in a currency the policy cannot add to the others.
        case currencyMismatch = "currency_mismatch"
        /// A sum of money or a date went past what can be represented.
        case overflow
        /// No policy version in the set governs this snapshot's date.
        case noGoverningVersion = "no_governing_version"
        /// The input is larger than the configured limits allow.
        case tooLarge = "too_large"
    }

    public var code: Code
    /// One lowercase line saying what is wrong, the user's words in backticks.
    public var message: String
    /// Where in the snapshot, as a path: `events[3].at`, `referee.signup_at`.
    public var path: String?

    /// Input quoted in an error is bounded, whatever the input held: a message longer than
    /// ``maxMessage`` characters and a path segment longer than ``maxPathSegment`` are cut,
    /// with `…`, so a 16 MB field name gives an error record of a few hundred bytes.
    package init(_ code: Code, _ message: String, path: String? = nil) {
        self.code = code
        self.message = Self.bounded(message, Self.maxMessage)
        self.path = path.map(Self.boundedPath)
    }

    static let maxMessage = 400
    static let maxPathSegment = 64

    static func bounded(_ text: String, _ limit: Int) -> String {
        guard let cut = text.index(text.startIndex, offsetBy: limit, limitedBy: text.endIndex), cut < text.endIndex else { return text }
        return String(text[..<cut]) + "…"
    }

    static func boundedPath(_ path: String) -> String {
        guard path.utf8.count > maxPathSegment else { return path }
        return path.split(separator: ".", omittingEmptySubsequences: false)
            .map { bounded(String($0), maxPathSegment) }.joined(separator: ".")
    }

    /// `invalid_snapshot at events[3].at: expected an instant like `2025-03-01T12:00:00Z``.
    public var description: String {
        if let path { return "\(code.rawValue) at \(path): \(message)" }
        return "\(code.rawValue): \(message)"
    }
}
