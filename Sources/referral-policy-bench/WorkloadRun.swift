import Dispatch
import Foundation
import ReferralPolicy

/// The peer benchmark's whole-process job (shared/bench/peers, `--extra`): snapshots as JSON
/// Lines in, each decision written in the workload's output fields, on every core, in input
/// order, streamed (memory does not grow with the input).
///
/// Each line goes the way `referral-policy evaluate` takes it: ``PolicySet/appendDecision(json:to:)``
/// writes ReferralPolicy's own decision line, and ``WorkloadProjection`` copies the workload's
/// fields out of it. So the figure is the product's cost plus a small projection, not a
/// shortcut around it.
struct WorkloadRun {
    let set: PolicySet
    let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    static let chunkSize = 1 << 20

    func run(input: String, output: String) {
        let inFD = open(input, O_RDONLY)
        let outFD = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard inFD >= 0, outFD >= 0 else {
            FileHandle.standardError.write(Data("cannot open \(input) or \(output)\n".utf8))
            exit(2)
        }
        defer {
            close(inFD)
            close(outFD)
        }
        // Two sets of per-worker buffers: workers fill one while the other is written.
        var filling = [[UInt8]](repeating: [], count: workers)
        var written = [[UInt8]](repeating: [], count: workers)
        var chunk = [UInt8]()
        var carry = [UInt8]()
        var atEnd = false
        while true {
            // The next chunk: what was left of the last one, then up to a whole last line.
            chunk.removeAll(keepingCapacity: true)
            chunk.append(contentsOf: carry)
            carry.removeAll(keepingCapacity: true)
            while !atEnd, chunk.count < Self.chunkSize || !chunk.contains(UInt8(ascii: "\n")) {
                let got = readMore(inFD, into: &chunk, count: Self.chunkSize)
                if got <= 0 { atEnd = true }
            }
            // Until the input ends, a chunk stops after its last newline; the rest starts the next one.
            if !atEnd, let lastNewline = chunk.lastIndex(of: UInt8(ascii: "\n")) {
                carry.append(contentsOf: chunk[(lastNewline + 1)...])
                chunk.removeSubrange((lastNewline + 1)...)
            }
            let lines = lineRanges(chunk)
            decide(chunk, lines, into: &filling, writing: written, to: outFD)
            swap(&filling, &written)
            if atEnd { break }
        }
        for part in written { writeAll(outFD, part) }
    }

    /// Decides `lines` of `chunk` on every core into `out` while another thread writes `previous`.
    private func decide(_ chunk: [UInt8], _ lines: [Range<Int>], into out: inout [[UInt8]], writing previous: [[UInt8]],
                        to fd: Int32) {
        out.withUnsafeMutableBufferPointer { buffers in
            nonisolated(unsafe) let parts = buffers
            DispatchQueue.concurrentPerform(iterations: workers + 1) { w in
                if w == workers {
                    for part in previous { writeAll(fd, part) }
                    return
                }
                var bytes = parts[w]
                parts[w] = []
                bytes.removeAll(keepingCapacity: true)
                var scratch: [UInt8] = []
                scratch.reserveCapacity(1_024)
                let n = lines.count
                for k in (n * w / workers)..<(n * (w + 1) / workers) {
                    scratch.removeAll(keepingCapacity: true)
                    let line = chunk[lines[k]]
                    do {
                        try set.appendDecision(json: line, to: &scratch)
                        WorkloadProjection(set: set, decision: scratch, line: line).write(into: &bytes)
                    } catch {
                        bytes.append(contentsOf: #"{"error":"undecided"}"#.utf8)
                    }
                    bytes.append(UInt8(ascii: "\n"))
                }
                parts[w] = bytes
            }
        }
    }

    /// The lines of a chunk (a last line without a newline counts; a trailing newline adds none).
    private func lineRanges(_ chunk: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        chunk.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            while start < b.count {
                let rest = b.count - start
                if let hit = memchr(base + start, Int32(UInt8(ascii: "\n")), rest) {
                    let end = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                    lines.append(start..<end)
                    start = end + 1
                } else {
                    lines.append(start..<b.count)
                    start = b.count
                }
            }
        }
        return lines
    }

    private func readMore(_ fd: Int32, into buffer: inout [UInt8], count: Int) -> Int {
        let old = buffer.count
        buffer.append(contentsOf: repeatElement(0, count: count))
        let got = buffer.withUnsafeMutableBufferPointer { read(fd, $0.baseAddress! + old, count) }
        buffer.removeSubrange((old + max(got, 0))...)
        return got
    }
}

private func writeAll(_ fd: Int32, _ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { b in
        var done = 0
        while done < b.count {
            let n = write(fd, b.baseAddress! + done, b.count - done)
            if n <= 0 { return }
            done += n
        }
    }
}
