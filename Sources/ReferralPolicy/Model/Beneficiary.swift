/// Who a reward goes to.
public enum Beneficiary: String, Sendable, Hashable, CaseIterable, Codable, BitwiseCopyable {
    case referrer
    case referee
}
