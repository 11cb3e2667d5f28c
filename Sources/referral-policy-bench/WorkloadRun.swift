import Dispatch
import Foundation
import ReferralPolicy

/// The peer benchmark's whole-process job (shared/bench/peers, `--extra`): snapshots as JSON
/// Lines in, each decision written in the workload's output fields, on every core, in input
/// order. The fields are read off ReferralPolicy's own decision. A pending client referral
/// that has already spent enough has no progress entry for `spent`, so its amount is read from
/// the explanation.
struct WorkloadRun {
    let set: PolicySet
    let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

    func run(input: String, output: String) {
        guard let data = FileManager.default.contents(atPath: input),
              FileManager.default.createFile(atPath: output, contents: nil), let writer = FileHandle(forWritingAtPath: output) else {
            FileHandle.standardError.write(Data("cannot open \(input) or \(output)\n".utf8))
            exit(2)
        }
        let text = [UInt8](data)
        // Line ranges, then blocks of lines decided on every core while the last block is written.
        var starts = [0]
        text.withUnsafeBufferPointer { b in
            for (k, c) in b.enumerated() where c == UInt8(ascii: "\n") { starts.append(k + 1) }
        }
        if starts.last != text.count { starts.append(text.count + 1) }
        let lines = starts.count - 1
        let block = 8_192
        var pending: Data?
        var first = 0
        while first < lines {
            let last = min(first + block, lines)
            let low = first, bounds = starts, previous = pending
            var parts = [[UInt8]](repeating: [], count: workers)
            parts.withUnsafeMutableBufferPointer { buffer in
                nonisolated(unsafe) let out = buffer
                DispatchQueue.concurrentPerform(iterations: workers + (previous == nil ? 0 : 1)) { w in
                    if w == workers {
                        if let previous { writer.write(previous) }
                        return
                    }
                    var bytes: [UInt8] = []
                    bytes.reserveCapacity((last - low) * 160 / workers)
                    let n = last - low
                    for k in (low + n * w / workers)..<(low + n * (w + 1) / workers) {
                        let end = max(bounds[k], bounds[k + 1] - 1)
                        if end > bounds[k] || k + 1 < lines { project(text[bounds[k]..<end], into: &bytes) }
                    }
                    out[w] = bytes
                }
            }
            pending = Data(parts.joined())
            first = last
        }
        if let pending { writer.write(pending) }
        try? writer.close()
    }

    private func project(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        guard let d = try? set.evaluate(json: line) else {
            out.append(contentsOf: #"{"error":"undecided"}"#.utf8)
            out.append(UInt8(ascii: "\n"))
            return
        }
        out.append(contentsOf: #"{"id":""#.utf8)
        out.append(contentsOf: d.referralID.utf8)
        out.append(contentsOf: #"","status":""#.utf8)
        out.append(contentsOf: d.status.rawValue.utf8)
        out.append(contentsOf: #"","rewards":["#.utf8)
        if d.status == .qualified {
            for (k, r) in d.rewards.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                out.append(contentsOf: #"{"to":""#.utf8)
                out.append(contentsOf: r.beneficiary.rawValue.utf8)
                out.append(contentsOf: #"","amount_cents":"#.utf8)
                out.append(contentsOf: String(r.amount.minorUnits).utf8)
                out.append(contentsOf: #","currency":""#.utf8)
                out.append(contentsOf: r.amount.currency.code.utf8)
                out.append(contentsOf: #"","kind":""#.utf8)
                out.append(contentsOf: r.kind.rawValue.utf8)
                out.append(contentsOf: #""}"#.utf8)
            }
        }
        out.append(UInt8(ascii: "]"))
        if d.status == .notEligible, let reason = d.reason {
            out.append(contentsOf: #","reason":""#.utf8)
            out.append(contentsOf: reason.utf8)
            out.append(UInt8(ascii: "\""))
        }
        if d.status == .pending { progress(d, line, into: &out) }
        out.append(contentsOf: "}\n".utf8)
    }

    /// The workload's progress object, from the decision's progress (unmet requirements).
    private func progress(_ d: Decision, _ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        func unmet(_ id: String) -> Decision.Progress? { d.progress.first { $0.requirement == id } }
        if d.referralType == "freelancer" {
            let earned = unmet("freelancer.earned")
            out.append(contentsOf: ",\"progress\":{\"earned_cents\":\(earned?.have ?? 0),\"needed_cents\":\(earned?.need ?? 0)}".utf8)
            return
        }
        var spent = unmet("client.spent").map { ($0.have, $0.need) }
        if spent == nil, let explained = try? set.evaluate(json: line, explain: true),
           let check = explained.explanation.first(where: { $0.rule == "client.spent" }) {
            spent = (check.have ?? 0, check.need ?? 0)
        }
        out.append(contentsOf: (",\"progress\":{\"spent_cents\":\(spent?.0 ?? 0),\"needed_cents\":\(spent?.1 ?? 0),"
            + "\"posted_job\":\(unmet("client.posted_job") == nil),\"hired\":\(unmet("client.hired") == nil)}").utf8)
    }
}
