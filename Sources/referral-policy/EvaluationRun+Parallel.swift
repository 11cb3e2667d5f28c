import ReferralPolicy

/// JSON Lines to JSON Lines on every core, output in input order.
///
/// A pipeline of chunks: while the workers decide chunk k, this thread reads and splits
/// chunk k + 1 and writes chunk k − 1, so reading and writing cost no wall time of their own.
/// Before it would wait for more input, it writes what is decided, so a slow stream (a
/// service feeding lines as they happen) still gets each decision as its line arrives.
extension EvaluationRun {
    /// Bytes read at a time from a file; a pipe gives what it holds.
    static let parallelChunkBytes = 1 << 20
    /// Fewer lines than this are decided on this thread: threads would cost more than they save.
    static let parallelMinimumLines = 64

    mutating func processLinesInParallel(_ input: InputFile, prefix: [UInt8], atEnd: Bool) throws(IOFailure) {
        var splitter = LineSplitter(maxLineBytes: Self.maxRecordBytes)
        let name = input.name
        // Two read buffers in turn: one is read into while the other's lines are decided.
        var buffers = [[UInt8]](repeating: [UInt8](repeating: 0, count: Self.parallelChunkBytes), count: 2)
        var current = 0
        var inFlight: ChunkDecisions?
        var lines: [LineSplitter.Line] = []
        splitter.feed(prefix[...]) { lines.append($0) }
        var ended = atEnd
        while true {
            if !ended {
                if !input.hasBytesReady() {
                    // Nothing to read yet: write all there is before waiting for more.
                    if let chunk = inFlight {
                        chunk.wait()
                        try write(chunk, from: name)
                        inFlight = nil
                    }
                    try records(lines, from: name)
                    try out.flush()
                    lines.removeAll(keepingCapacity: true)
                }
                let count = try input.read(into: &buffers[current])
                if count == 0 {
                    ended = true
                } else {
                    splitter.feed(buffers[current][..<count]) { lines.append($0) }
                }
            }
            if ended { splitter.finish { lines.append($0) } }
            if lines.count >= Self.parallelMinimumLines {
                let started = ChunkDecisions(lines: lines, set: set, explain: explain, workers: workers)
                lines = []
                if let previous = inFlight {
                    previous.wait()
                    try write(previous, from: name)
                }
                inFlight = started
                current ^= 1
            }
            if ended { break }
        }
        if let last = inFlight {
            last.wait()
            try write(last, from: name)
        }
        // A last few lines, after all that was in flight.
        try records(lines, from: name)
    }

    /// Writes a decided chunk in input order; lines the workers left get their records here.
    private mutating func write(_ chunk: ChunkDecisions, from name: String) throws(IOFailure) {
        for share in chunk.shares {
            if !share.ends.contains(nil) {
                // Every line decided: the share's bytes go out as they are.
                records += share.ends.count
                try out.write(share.bytes[...])
                continue
            }
            var written = 0
            var decided = 0
            for (offset, end) in share.ends.enumerated() {
                if let end {
                    decided = end
                    records += 1
                    continue
                }
                out.bytes.append(contentsOf: share.bytes[written..<decided])
                written = decided
                try record(chunk.lines[share.lines.lowerBound + offset], from: name)
            }
            out.bytes.append(contentsOf: share.bytes[written..<decided])
        }
        try out.flush()
        progress?.update(records: records, failures: failures)
    }
}
