import Dispatch
import Foundation
import ReferralPolicy

/// The peer benchmark's whole-process job (shared/bench/peers, `--extra`): snapshots as JSON
/// Lines in, each decision written in the workload's output fields, on every core, in input
/// order. The fields are read off ReferralPolicy's own decision; for a pending decision the
/// measured amounts come from its explanation.
struct WorkloadRun {
    let set: PolicySet
    let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    func run(input: String, output: String) {
        guard let reader = FileHandle(forReadingAtPath: input),
              FileManager.default.createFile(atPath: output, contents: nil), let writer = FileHandle(forWritingAtPath: output) else {
            FileHandle.standardError.write(Data("cannot open \(input) or \(output)\n".utf8))
            exit(2)
        }
        var carry: [UInt8] = []
        while true {
            let chunk = reader.readData(ofLength: 1 << 20)
            if chunk.isEmpty { break }
            carry += chunk
            guard let last = carry.lastIndex(of: UInt8(ascii: "\n")) else { continue }
            writer.write(Data(decide(carry[..<last])))
            carry.removeSubrange(...last)
        }
        if !carry.isEmpty { writer.write(Data(decide(carry[...]))) }
        try? writer.close()
    }

    private func decide(_ text: ArraySlice<UInt8>) -> [UInt8] {
        let lines = text.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        var parts = [[UInt8]](repeating: [], count: lines.count)
        parts.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let out = buffer
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for k in (lines.count * w / workers)..<(lines.count * (w + 1) / workers) {
                    out[k] = Array(project(lines[k]).utf8)
                }
            }
        }
        return Array(parts.joined())
    }

    private func project(_ line: ArraySlice<UInt8>) -> String {
        do {
            var d = try set.evaluate(json: line)
            var out = "{\"id\":\"\(d.referralID)\",\"status\":\"\(d.status.rawValue)\",\"rewards\":["
            if d.status == .qualified {
                out += d.rewards.map {
                    "{\"to\":\"\($0.beneficiary.rawValue)\",\"amount_cents\":\($0.amount.minorUnits),\"currency\":\"\($0.amount.currency.code)\",\"kind\":\"\($0.kind.rawValue)\"}"
                }.joined(separator: ",")
            }
            out += "]"
            if d.status == .notEligible, let reason = d.reason { out += ",\"reason\":\"\(reason)\"" }
            if d.status == .pending {
                d = try set.evaluate(json: line, explain: true)
                let checks = Dictionary(d.explanation.map { ($0.rule, $0) }, uniquingKeysWith: { a, _ in a })
                if d.referralType == "freelancer", let c = checks["freelancer.earned"] {
                    out += ",\"progress\":{\"earned_cents\":\(c.have ?? 0),\"needed_cents\":\(c.need ?? 0)}"
                } else if let c = checks["client.spent"] {
                    out += ",\"progress\":{\"spent_cents\":\(c.have ?? 0),\"needed_cents\":\(c.need ?? 0),"
                        + "\"posted_job\":\(checks["client.posted_job"]?.held ?? false),\"hired\":\(checks["client.hired"]?.held ?? false)}"
                }
            }
            return out + "}\n"
        } catch {
            return "{\"error\":\"\(error.code.rawValue)\"}\n"
        }
    }
}
