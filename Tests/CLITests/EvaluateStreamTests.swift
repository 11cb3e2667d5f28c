import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How `evaluate` tells one document from JSON Lines, and what a stream is owed: a damaged
/// first line does not turn a stream into one document, a complete line is decided without
/// waiting for the next, blank lines are records, and a killed run leaves whole records.
@Suite struct EvaluateStreamTests {
    static let policy = ["--policy", CLI.program]
    static let damagedFolder = CLI.inputs + "/damaged-first-line"

    /// Every damaged first line kept under `Inputs/damaged-first-line/` (one per `.txt` file).
    static let damagedCases: [String] = {
        let folder = CLI.packageRoot.appendingPathComponent(damagedFolder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted()
    }()

    static func damagedLine(_ name: String) throws -> String {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(damagedFolder + "/" + name), encoding: .utf8)
        return String(text.dropLast())  // the file's newline
    }

    static func batchLines() throws -> [String] {
        try (1...5).map { try CLI.inputLine("batch.jsonl", $0) }
    }

    @Test func theDamagedFirstLinesAreThere() {
        #expect(Self.damagedCases.count >= 19, "\(Self.damagedCases)")
    }

    // MARK: - A damaged first line

    /// However the first line is cut short, the input stays JSON Lines: every line gets its
    /// record, the first an error record, exactly as with `--jsonl`; from standard
    /// input and from a file whose name does not say JSON Lines.
    @Test(arguments: damagedCases, [0, 1, 5])
    func aDamagedFirstLineDoesNotTurnAStreamIntoADocument(damaged: String, following: Int) throws {
        let good = Array(try Self.batchLines().prefix(following))
        let text = ([try Self.damagedLine(damaged)] + good).joined(separator: "\n") + "\n"
        let forced = try CLI.run(["evaluate", "--jsonl"] + Self.policy, stdin: text)
        let auto = try CLI.run(["evaluate"] + Self.policy, stdin: text)
        #expect(auto.stdout == forced.stdout, "\(damaged)\n\(auto)")
        #expect(auto.stderr == forced.stderr)
        #expect(auto.status == 3)
        #expect(auto.lines.count == 1 + following, "\(auto)")
        #expect(auto.lines.first?.hasPrefix(#"{"line":1,"#) == true, "\(auto)")
        #expect(auto.lines.first?.contains(#""error":{"code":"#) == true, "\(auto)")
        let decided = try CLI.run(["evaluate"] + Self.policy + [CLI.inputs + "/batch.jsonl"]).lines
        #expect(Array(auto.lines.dropFirst()) == Array(decided.prefix(following)))
        #expect(auto.stderr == "referral-policy: 1 of \(1 + following) record\(following == 0 ? "" : "s") could not be decided (the first at <stdin>:1)\n")

        let scratch = try Scratch()
        let file = try scratch.write("stream.json", text)
        let named = try CLI.run(["evaluate"] + Self.policy + [file])
        #expect(named.stdout == forced.stdout)
    }

    /// A damaged first line on a pipe that stays open: its record comes as soon as the next
    /// line shows it cannot be continued, and that line's decision with it.
    @Test func aDamagedFirstLineOnAnOpenPipeIsAnsweredWithoutTheEnd() throws {
        var child = try Child(Self.policy)
        defer { child.stop() }
        try child.send(try Self.damagedLine("cut-after-a-comma.txt") + "\n" + CLI.inputLine("batch.jsonl", 1) + "\n")
        #expect(try child.reader.next(timeout: 60).hasPrefix(#"{"line":1,"error":{"code":"invalid_json""#))
        #expect(try child.reader.next(timeout: 60).hasPrefix(#"{"referral_id":"r-1","#))
        try child.send(try CLI.inputLine("batch.jsonl", 2) + "\n")
        #expect(try child.reader.next(timeout: 60).hasPrefix(#"{"referral_id":"r-2","#))
        #expect(child.finish() == 3)
    }

    // MARK: - Documents

    @Test func aPrettyDocumentMayHaveBlankLinesAroundIt() throws {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(CLI.inputs + "/qualified.json"), encoding: .utf8)
        let plain = try CLI.run(["evaluate"] + Self.policy, stdin: text)
        let padded = try CLI.run(["evaluate"] + Self.policy, stdin: "\n \n" + text + "\n\t\n\n")
        #expect(padded.status == 0, "\(padded)")
        #expect(padded.stdout == plain.stdout)
        #expect(plain.stdout.hasPrefix("{\n  \"referral_id\": \"r-1\""))
    }

    /// A pretty document with every kind of JSON token (each string escape, `null`, `true`,
    /// `false`, empty and nested containers, compact and spaced) is still one document.
    @Test func everyKindOfTokenKeepsAPrettyDocumentOneDocument() throws {
        let file = CLI.inputs + "/every-json-token.json"
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(file), encoding: .utf8)
        for result in [try CLI.run(["evaluate"] + Self.policy + [file]),
                       try CLI.run(["evaluate"] + Self.policy, stdin: text)] {
            #expect(result.status == 0, "\(result)")
            #expect(result.stdout.hasPrefix(#"""
                {
                  "referral_id": "r-\"1\" \\ / \u0008\u000c\u000a\u000d\u0009 é 😀",
                  "referral_type": "client",
                """#), "\(result)")
            #expect(result.stdout.contains(#"  "status": "qualified","#))
        }
        // Numbers in every form, and `null`: JSON, so one document (with one error record).
        let numbers = "{\n  \"id\": 1.5e3,\n  \"n\": [-0, 0.25, 1E+2, 2e-1, 10, null, true, false, {}, []]\n}\n"
        let result = try CLI.run(["evaluate"] + Self.policy, stdin: numbers)
        #expect(result.status == 3)
        #expect(result.stdout == """
            {
              "error": {
                "code": "invalid_snapshot",
                "message": "expected text, found a number",
                "path": "id"
              }
            }

            """)
    }

    /// A multi-line document that does not parse as one (cut short, or followed by more) is
    /// JSON Lines: each of its lines gets a record, as `--jsonl` gives.
    @Test(arguments: ["truncated", "followed by more"])
    func aMultiLineInputThatIsNotOneValueIsReadAsLines(kind: String) throws {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(CLI.inputs + "/qualified.json"), encoding: .utf8)
        let lines = text.split(separator: "\n")
        let input = kind == "truncated"
            ? lines.prefix(lines.count / 2).joined(separator: "\n") + "\n"
            : text + text
        let forced = try CLI.run(["evaluate", "--jsonl"] + Self.policy, stdin: input)
        let auto = try CLI.run(["evaluate"] + Self.policy, stdin: input)
        #expect(auto.stdout == forced.stdout)
        #expect(auto.lines.count == input.split(separator: "\n", omittingEmptySubsequences: false).count - 1)
        #expect(auto.lines.first == #"{"line":1,"error":{"code":"invalid_json","message":"unexpected end of input (truncated?)"}}"#)
    }

    /// The pretty document with every kind of token, cut short anywhere after its first line
    /// (inside a string, an escape, a number, a literal, between tokens): JSON Lines, as with
    /// `--jsonl`, never one document.
    @Test func aPrettyDocumentCutShortAnywhereIsReadAsLines() throws {
        let file = CLI.packageRoot.appendingPathComponent(CLI.inputs + "/every-json-token.json")
        let bytes = Array(try Data(contentsOf: file))
        let firstLine = try #require(bytes.firstIndex(of: UInt8(ascii: "\n")))
        // Up to the closing brace, which is left out: the value never closes.
        for cut in stride(from: firstLine + 1, to: bytes.count - 1, by: 17) {
            let text = String(decoding: bytes[..<cut], as: UTF8.self)
            let forced = try CLI.run(["evaluate", "--jsonl"] + Self.policy, stdin: text)
            let auto = try CLI.run(["evaluate"] + Self.policy, stdin: text)
            #expect(auto.stdout == forced.stdout, "cut at byte \(cut)")
            #expect(auto.lines.first?.hasPrefix(#"{"line":1,"#) == true, "cut at byte \(cut)")
        }
    }

    // MARK: - Lines, one at a time

    /// A service writes one snapshot and waits for its answer: the decision comes without a
    /// second line or the end of the input, as JSON and as text.
    @Test(arguments: [[String](), ["--format", "text"], ["--jsonl"]])
    func oneCompleteLineOnAnOpenPipeIsDecidedAtOnce(options: [String]) throws {
        var child = try Child(Self.policy + options)
        defer { child.stop() }
        try child.send(try CLI.inputLine("batch.jsonl", 2) + "\n")
        let first = try child.reader.next(timeout: 60)
        if options.isEmpty || options == ["--jsonl"] {
            #expect(first.hasPrefix(#"{"referral_id":"r-2","#), "\(first)")
        } else {
            #expect(first.hasPrefix("r-2"), "\(first)")
        }
        #expect(child.finish() == 0)
    }

    @Test func aSingleLineIsJSONLinesWhereverItComesFrom() throws {
        let line = try CLI.inputLine("batch.jsonl", 2)
        let scratch = try Scratch()
        let named = try scratch.write("one.json", line + "\n")
        let expected = try CLI.run(["evaluate", "--jsonl"] + Self.policy, stdin: line + "\n")
        #expect(expected.lines.count == 1)
        for result in [try CLI.run(["evaluate"] + Self.policy, stdin: line + "\n"),
                       try CLI.run(["evaluate"] + Self.policy, stdin: line),  // no newline
                       try CLI.run(["evaluate"] + Self.policy + [named])] {
            #expect(result.stdout == expected.stdout, "\(result)")
        }
    }

    // MARK: - Blank lines

    /// Input of blank lines only: each blank line is a record, from standard input as from a
    /// file, named as JSON Lines or not.
    @Test func blankLinesAreRecordsEvenWhenThereIsNothingElse() throws {
        let blank = "\n \n\t\r\n"
        let empty = #"{"line":%d,"error":{"code":"invalid_json","message":"empty line: each line of JSON Lines input must hold one snapshot"}}"#
        let expected = (1...3).map { String(format: empty, $0) }
        let scratch = try Scratch()
        for result in [try CLI.run(["evaluate"] + Self.policy, stdin: blank),
                       try CLI.run(["evaluate"] + Self.policy + [try scratch.write("blank.json", blank)]),
                       try CLI.run(["evaluate"] + Self.policy + [try scratch.write("blank.jsonl", blank)])] {
            #expect(result.status == 3, "\(result)")
            #expect(result.lines == expected, "\(result)")
            #expect(result.stderr.hasPrefix("referral-policy: 3 of 3 records could not be decided (the first at "))
        }
    }

    // MARK: - kill -9

    /// A run killed while its output pipe is full (blocked in a write) leaves only whole
    /// records in the pipe: each write ends at a record's end and is small enough for the
    /// kernel to write it whole.
    @Test func aKilledRunLeavesWholeRecords() throws {
        let lines = try Self.batchLines()
        let text = (0..<40_000).map { lines[$0 % 5] }.joined(separator: "\n") + "\n"
        let scratch = try Scratch()
        let file = try scratch.write("long.jsonl", text)
        var child = try Child(Self.policy + [file])
        defer { child.stop() }
        #expect(try child.reader.next(timeout: 60).hasPrefix(#"{"referral_id":"r-1","#))
        // Stop reading until the pipe is (nearly) full, so the run waits inside a write.
        #expect(try child.waitForFullOutputPipe(timeout: 60))
        kill(child.process.processIdentifier, SIGKILL)
        child.process.waitUntilExit()
        let rest = child.reader.drain()
        #expect(rest.last == UInt8(ascii: "\n"), "the output ends mid-record")
        let records = rest.split(separator: UInt8(ascii: "\n"))
        #expect(!records.isEmpty)
        for record in records {
            #expect((try? JSONSerialization.jsonObject(with: Data(record))) != nil)
        }
    }
}

/// `referral-policy evaluate` as a child process with its standard input and output on pipes
/// that the test holds open.
struct Child {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    var reader: LineReader

    init(_ arguments: [String]) throws {
        process.executableURL = try CLI.executable()
        process.arguments = ["evaluate"] + arguments
        process.currentDirectoryURL = CLI.packageRoot
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        reader = LineReader(descriptor: output.fileHandleForReading.fileDescriptor)
        try process.run()
    }

    func send(_ text: String) throws {
        try input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    /// Closes standard input and returns the exit status.
    func finish() -> Int32 {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func stop() {
        if process.isRunning { process.terminate() }
    }

    /// Waits until the output pipe has less room left than one write of the child's may take
    /// (4,096 bytes), so the child is waiting to write; false when that does not happen in time.
    func waitForFullOutputPipe(timeout seconds: Int) throws -> Bool {
        let deadline = Date().addingTimeInterval(TimeInterval(seconds))
        let descriptor = output.fileHandleForReading.fileDescriptor
        #if os(Linux)
        let capacity = Int(fcntl(descriptor, 1032))  // F_GETPIPE_SZ
        #else
        let capacity = 16_384
        #endif
        while Date() < deadline {
            var unread: Int32 = 0
            guard ioctl(descriptor, UInt(FIONREAD), &unread) == 0 else { return false }
            if Int(unread) > capacity - 4_096 { return true }
            if !process.isRunning { return false }
            usleep(10_000)
        }
        return false
    }
}
