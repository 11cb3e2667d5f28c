import Dispatch
import ReferralPolicy

/// The decisions of one chunk of JSON Lines, made on background threads while the main
/// thread reads the next chunk and writes the previous one.
///
/// The chunk's lines are cut into one contiguous share per worker; each worker decodes,
/// decides and encodes its share into its own buffer, so no line costs an allocation of its
/// own. A line that does not decide cleanly is left for the main thread, which gives it its
/// error record in place (and counts it) exactly as the one-thread path does.
final class ChunkDecisions: @unchecked Sendable {
    /// One worker's share: its encoded decisions back to back, and where each line's ends
    /// (`nil` for a line left to the main thread).
    final class Share: @unchecked Sendable {
        let lines: Range<Int>
        var bytes: [UInt8] = []
        var ends: [Int?] = []

        init(lines: Range<Int>) {
            self.lines = lines
        }
    }

    let lines: [LineSplitter.Line]
    let shares: [Share]
    private let group = DispatchGroup()

    /// Starts deciding `lines` on `workers` threads and returns at once.
    init(lines: [LineSplitter.Line], set: PolicySet, explain: Bool, workers: Int) {
        self.lines = lines
        let count = lines.count
        self.shares = (0..<workers).map { w in Share(lines: (count * w / workers)..<(count * (w + 1) / workers)) }
        for share in shares where !share.lines.isEmpty {
            DispatchQueue.global().async(group: group) {
                Self.decide(lines, share, set: set, explain: explain)
            }
        }
    }

    /// Waits until every share is decided.
    func wait() {
        group.wait()
    }

    private static func decide(_ lines: [LineSplitter.Line], _ share: Share, set: PolicySet, explain: Bool) {
        // Local buffers, handed over at the end: the shares of two workers may sit on one
        // cache line, and writing through them line by line would make the cores wait.
        var bytes: [UInt8] = []
        var ends: [Int?] = []
        bytes.reserveCapacity(share.lines.count * 512)
        ends.reserveCapacity(share.lines.count)
        for k in share.lines {
            guard case .text(let line, _) = lines[k] else {
                ends.append(nil)
                continue
            }
            do throws(EvaluationError) {
                if explain {
                    DecisionEncoder.append(try set.evaluate(json: line, explain: true), to: &bytes)
                } else {
                    try set.appendDecision(json: line, to: &bytes)
                }
            } catch {
                ends.append(nil)
                continue
            }
            bytes.append(UInt8(ascii: "\n"))
            ends.append(bytes.count)
        }
        share.bytes = bytes
        share.ends = ends
    }
}
