/// How a reward is paid: money out, or platform credit (which may expire).
public enum RewardKind: String, Sendable, Hashable, CaseIterable, Codable, BitwiseCopyable {
    case cash
    case credit
}
