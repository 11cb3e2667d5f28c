import Dispatch
import ReferralPolicy

#if canImport(Glibc)
import Glibc
#endif

/// Decides the records of one `evaluate` run, in input order, and writes each decision (or
/// error record) as it goes. Holds one chunk of input and one partial line at a time, so
/// memory does not grow with a stream's length (`--summary` keeps one summary per referrer).
struct EvaluationRun {
    enum Output {
        /// Decisions as JSON: pretty for a lone document, else one compact line per record.
        case json
        /// Decisions for a person.
        case text
        /// Nothing per record; per-referrer summaries at the end.
        case summary
    }

    let set: PolicySet
    let explain: Bool
    let output: Output
    /// Inputs are JSON Lines whatever they look like (`--jsonl`).
    let forceLines: Bool
    /// The run has exactly one input: a lone document there gets a pretty decision.
    let singleInput: Bool

    /// Largest record (a line, or a whole document) read; a larger one gets a `too_large` record.
    static let maxRecordBytes = 16 << 20

    var out = OutputBuffer()
    var records = 0
    private(set) var failures = 0
    /// Where the first record that could not be decided is: `batch.jsonl:3`.
    private(set) var firstFailure: String?
    private(set) var summaries = ReferrerSummary.Aggregator()
    private var chunk = [UInt8](repeating: 0, count: 1 << 18)
    /// Threads that decide a chunk's lines side by side; output stays in input order.
    let workers = max(1, min(8, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))))
    private var textRecords = 0
    /// The progress line on standard error, when one is shown.
    var progress: ProgressLine?

    /// Colour for statuses in text output (`--color`; plain when standard output is no terminal).
    var style = TerminalStyle.plain
    /// The program's local dates, for text output.
    private let dates: LocalDates

    init(set: PolicySet, explain: Bool, output: Output, forceLines: Bool, singleInput: Bool) {
        self.set = set
        self.dates = set.localDates
        self.explain = explain
        self.output = output
        self.forceLines = forceLines
        self.singleInput = singleInput
    }

    // MARK: - Reading

    /// Reads `input` to its end, deciding each record.
    mutating func process(_ input: InputFile) throws(IOFailure) {
        let (shape, prefix, atEnd) = try InputShape.read(input, forceLines: forceLines, maxBytes: Self.maxRecordBytes, chunk: &chunk)
        switch shape {
        case .lines:
            try processLines(input, prefix: prefix, atEnd: atEnd)
        case .document:
            try processDocument(input, prefix: prefix, atEnd: atEnd)
        }
        try out.flush()
    }

    private mutating func processLines(_ input: InputFile, prefix: [UInt8], atEnd: Bool) throws(IOFailure) {
        if output == .json, workers > 1 {
            try processLinesInParallel(input, prefix: prefix, atEnd: atEnd)
            return
        }
        var splitter = LineSplitter(maxLineBytes: Self.maxRecordBytes)
        let name = input.name
        var batch: [LineSplitter.Line] = []
        splitter.feed(prefix[...]) { line in batch.append(line) }
        try records(batch, from: name)
        try out.flush()
        if !atEnd {
            while true {
                let count = try input.read(into: &chunk)
                if count == 0 { break }
                batch.removeAll(keepingCapacity: true)
                splitter.feed(chunk[..<count]) { line in batch.append(line) }
                try records(batch, from: name)
                try out.flush()
            }
        }
        batch.removeAll(keepingCapacity: true)
        splitter.finish { line in batch.append(line) }
        try records(batch, from: name)
    }

    /// Decides the lines of one chunk on this thread, in order.
    mutating func records(_ lines: [LineSplitter.Line], from name: String) throws(IOFailure) {
        for line in lines { try record(line, from: name) }
        progress?.update(records: records, failures: failures)
    }

    mutating func record(_ line: LineSplitter.Line, from name: String) throws(IOFailure) {
        switch line {
        case .text(let bytes, let number):
            if bytes.allSatisfy(InputShape.isBlank) {
                fail(EvaluationError(.invalidJSON, "empty line: each line of JSON Lines input must hold one snapshot"),
                     line: number, referralID: nil, source: name, pretty: false)
            } else {
                decide(bytes, line: number, source: name, pretty: false)
            }
        case .tooLong(let number):
            fail(EvaluationError(.tooLarge, "the line is longer than \(Self.maxRecordBytes) bytes"),
                 line: number, referralID: nil, source: name, pretty: false)
        }
        try out.flushIfFull()
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
        let pretty = singleInput
        if tooLarge {
            fail(EvaluationError(.tooLarge, "the document is larger than \(Self.maxRecordBytes) bytes"),
                 line: nil, referralID: nil, source: input.name, pretty: pretty)
        } else {
            decide(document[...], line: nil, source: input.name, pretty: pretty)
        }
    }

    // MARK: - Deciding

    /// Decides one record and writes its decision, or its error record.
    private mutating func decide(_ bytes: ArraySlice<UInt8>, line: Int?, source: String, pretty: Bool) {
        records += 1
        let snapshot: Snapshot
        do {
            snapshot = try set.decodeSnapshot(bytes)
        } catch {
            fail(error, line: line, referralID: nil, source: source, pretty: pretty, counted: true)
            return
        }
        do {
            let decision = try set.evaluate(snapshot, explain: explain)
            switch output {
            case .json:
                DecisionEncoder.append(decision, to: &out.bytes, pretty: pretty)
                out.bytes.append(UInt8(ascii: "\n"))
            case .text:
                separateTextRecord()
                out.append(DecisionTextRenderer.render(decision, style: style, dates: dates))
            case .summary:
                try summaries.add(decision, referrerID: snapshot.referrer.id)
            }
        } catch {
            fail(error, line: line, referralID: snapshot.id, source: source, pretty: pretty, counted: true)
        }
    }

    /// Writes the error record of a record that could not be decided, in its place.
    private mutating func fail(_ error: EvaluationError, line: Int?, referralID: String?, source: String,
                               pretty: Bool, counted: Bool = false) {
        if !counted { records += 1 }
        failures += 1
        if firstFailure == nil { firstFailure = line.map { "\(source):\($0)" } ?? source }
        switch output {
        case .json:
            out.append(DecisionEncoder.errorRecord(error, line: line, referralID: referralID, pretty: pretty))
            out.append("\n")
        case .text:
            separateTextRecord()
            let head = switch (referralID, line) {
            case let (id?, line?): "\(id) (line \(line)): "
            case let (id?, nil): "\(id): "
            case let (nil, line?): "line \(line): "
            case (nil, nil): ""
            }
            out.append("\(head)could not be decided: \(error)\n")
        case .summary:
            break
        }
    }

    /// A blank line between the text of two records.
    private mutating func separateTextRecord() {
        if textRecords > 0 { out.append("\n") }
        textRecords += 1
    }

    // MARK: - Finishing

    /// Writes the summaries (for `--summary`) and flushes.
    mutating func finish(summaryFormat: EvaluateFormat) throws(IOFailure) {
        if output == .summary {
            let all = summaries.summaries
            switch summaryFormat {
            case .json: out.append(SummaryRenderer.json(all, undecided: failures))
            case .text: out.append(SummaryRenderer.text(all, undecided: failures, dates: dates))
            }
        }
        try out.flush()
        progress?.finish(records: records, failures: failures)
    }
}
