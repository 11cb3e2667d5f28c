import Foundation
import ReferralPolicy

#if canImport(Glibc)
import Glibc
#endif

/// Reads the inputs of one `diff` run and hands their records, a chunk at a time, to the
/// library's ``ImpactAnalyzer``, which decides each with both policies on every core. Writes
/// the changed referrals to `--records` as each chunk is done. Memory holds one chunk.
struct DiffRun {
    var analyzer: ImpactAnalyzer
    /// Inputs are JSON Lines whatever they look like (`--jsonl`).
    let forceLines: Bool
    /// Where `--records` goes.
    let recordsFile: FileHandle?

    /// Largest record (a line, or a whole document) read, as for `evaluate`.
    static let maxRecordBytes = 16 << 20
    /// Bytes read at a time.
    static let chunkBytes = 1 << 20

    private var chunk = [UInt8](repeating: 0, count: DiffRun.chunkBytes)

    init(analyzer: ImpactAnalyzer, forceLines: Bool, recordsFile: FileHandle?) {
        self.analyzer = analyzer
        self.forceLines = forceLines
        self.recordsFile = recordsFile
    }

    /// Reads `input` to its end, deciding each record with both sides.
    mutating func process(_ input: InputFile) throws(IOFailure) {
        let (shape, prefix, atEnd) = try InputShape.read(input, forceLines: forceLines, maxBytes: Self.maxRecordBytes, chunk: &chunk)
        if shape == .lines {
            try processLines(input, prefix: prefix, atEnd: atEnd)
        } else {
            try processDocument(input, prefix: prefix, atEnd: atEnd)
        }
    }

    private mutating func processLines(_ input: InputFile, prefix: [UInt8], atEnd: Bool) throws(IOFailure) {
        var splitter = LineSplitter(maxLineBytes: Self.maxRecordBytes)
        var batch: [ImpactInput] = []
        func add(_ line: LineSplitter.Line) {
            switch line {
            case .text(let bytes, let number):
                if bytes.allSatisfy(InputShape.isBlank) {
                    batch.append(ImpactInput(bytes: [], line: number, problem: EvaluationError(
                        .invalidJSON, "empty line: each line of JSON Lines input must hold one snapshot")))
                } else {
                    batch.append(ImpactInput(bytes: bytes, line: number))
                }
            case .tooLong(let number):
                batch.append(ImpactInput(bytes: [], line: number, problem: EvaluationError(
                    .tooLarge, "the line is longer than \(Self.maxRecordBytes) bytes")))
            }
        }
        splitter.feed(prefix[...], add)
        try decide(&batch, from: input.name)
        if !atEnd {
            while true {
                let count = try input.read(into: &chunk)
                if count == 0 { break }
                splitter.feed(chunk[..<count], add)
                try decide(&batch, from: input.name)
            }
        }
        splitter.finish(add)
        try decide(&batch, from: input.name)
    }

    private mutating func processDocument(_ input: InputFile, prefix: [UInt8], atEnd: Bool) throws(IOFailure) {
        var document = prefix
        var tooLarge = document.count > Self.maxRecordBytes
        if !atEnd {
            while true {
                let count = try input.read(into: &chunk)
                if count == 0 { break }
                if !tooLarge { document += chunk[..<count] }
                tooLarge = tooLarge || document.count > Self.maxRecordBytes
                if tooLarge { document = [] }
            }
        }
        var batch: [ImpactInput] = []
        if tooLarge {
            batch.append(ImpactInput(bytes: [], line: nil, problem: EvaluationError(
                .tooLarge, "the document is larger than \(Self.maxRecordBytes) bytes")))
        } else if document.contains(where: { !InputShape.isBlank($0) }) {
            batch.append(ImpactInput(bytes: document[...], line: nil))
        }
        try decide(&batch, from: input.name)
    }

    /// Decides a batch with both sides, writes its changed referrals to `--records`, empties it.
    private mutating func decide(_ batch: inout [ImpactInput], from name: String) throws(IOFailure) {
        guard !batch.isEmpty else { return }
        let changed = analyzer.add(batch, source: name)
        batch.removeAll(keepingCapacity: true)
        guard let recordsFile, !changed.isEmpty else { return }
        let text = Self.recordLines(changed, workers: analyzer.workers)
        do {
            try recordsFile.write(contentsOf: text)
        } catch {
            throw IOFailure(message: "cannot write the --records file: \(error.localizedDescription)")
        }
    }

    /// The `--records` lines of a batch's changed referrals, in order: contiguous shares
    /// encoded side by side, as many as there are workers (one for a few).
    static func recordLines(_ changed: [ChangedReferral], workers: Int) -> Data {
        final class Part: @unchecked Sendable {
            var text = ""
        }
        let parts = (0..<max(1, min(workers, changed.count / 64))).map { _ in Part() }
        DispatchQueue.concurrentPerform(iterations: parts.count) { w in
            var text = ""
            for referral in changed[(changed.count * w / parts.count)..<(changed.count * (w + 1) / parts.count)] {
                text += ImpactReport.json(referral)
                text += "\n"
            }
            parts[w].text = text
        }
        var data = Data()
        for part in parts { data.append(contentsOf: part.text.utf8) }
        return data
    }
}
