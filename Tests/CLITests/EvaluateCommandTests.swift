import Foundation
import Testing

/// `referral-policy evaluate`: one document, JSON Lines on standard input and from files,
/// bad lines, every format, `--explain`, `--summary`, and each exit code.
@Suite struct EvaluateCommandTests {
    static let policy = ["--policy", CLI.program]
    static let qualified = CLI.inputs + "/qualified.json"
    static let batch = CLI.inputs + "/batch.jsonl"
    static let hashV1 = "sha256:f135accac9ec47590343faf506dc722d6278dc2db355f9f84b5c4cb88e7842c9"
    static let hashV2 = "sha256:04c8828180b721520513134e77e36eb072899fd43e07353c52f27a0d98dcc6c1"

    static let prettyQualified = """
        {
          "referral_id": "r-1",
          "referral_type": "client",
          "policy": {
            "program": "cli-test",
            "version": "2",
            "content_hash": "\(hashV2)"
          },
          "as_of": "2025-08-20T00:00:00Z",
          "status": "qualified",
          "qualified_at": "2025-07-15T10:00:00Z",
          "rewards": [
            {
              "rule": "client.referrer_cash",
              "beneficiary": "referrer",
              "kind": "cash",
              "amount": "150.00",
              "amount_minor": 15000,
              "currency": "USD",
              "earned_at": "2025-07-15T10:00:00Z",
              "payable_at": "2025-07-29T10:00:00Z"
            },
            {
              "rule": "client.referee_credit",
              "beneficiary": "referee",
              "kind": "credit",
              "amount": "20.00",
              "amount_minor": 2000,
              "currency": "USD",
              "earned_at": "2025-07-15T10:00:00Z",
              "payable_at": "2025-07-15T10:00:00Z",
              "expires_at": "2025-10-13T10:00:00Z"
            }
          ],
          "progress": []
        }

        """

    static let compactPending = """
        {"referral_id":"r-2","referral_type":"client","policy":{"program":"cli-test","version":"2","content_hash":"\(hashV2)"},\
        "as_of":"2025-08-20T00:00:00Z","status":"pending","rewards":[],"progress":[{"requirement":"client.spent_enough",\
        "description":"Spend $500","event_type":"spent","unit":"money","have":32000,"need":50000,"currency":"USD",\
        "deadline":"2025-08-31T00:00:00Z"}]}
        """

    // MARK: - One document

    @Test func aSnapshotFileGivesOnePrettyDecision() throws {
        let result = try CLI.run(["evaluate"] + Self.policy + [Self.qualified])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == Self.prettyQualified)
        #expect(result.stderr == "")
    }

    @Test(arguments: [[], ["-"]])
    func standardInputIsReadWhenNoFileOrDashIsGiven(inputs: [String]) throws {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(Self.qualified), encoding: .utf8)
        let result = try CLI.run(["evaluate"] + Self.policy + inputs, stdin: text)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == Self.prettyQualified)
    }

    /// One compact line is JSON Lines (its decision is one compact line), so that a stream's
    /// first line is answered without waiting to see whether a second comes.
    @Test func aSingleCompactLineIsJSONLines() throws {
        let line = try CLI.inputLine("batch.jsonl", 2) + "\n"
        let auto = try CLI.run(["evaluate"] + Self.policy, stdin: line)
        #expect(auto.stdout == Self.compactPending + "\n", "\(auto)")
        let forced = try CLI.run(["evaluate", "--jsonl"] + Self.policy, stdin: line)
        #expect(forced.stdout == Self.compactPending + "\n")
        let scratch = try Scratch()
        let named = try scratch.write("one.jsonl", line)
        let byName = try CLI.run(["evaluate"] + Self.policy + [named])
        #expect(byName.stdout == Self.compactPending + "\n")
    }

    @Test func aByteOrderMarkOrCRLFLineEndsDoNotGetInTheWay() throws {
        let text = try String(contentsOf: CLI.packageRoot.appendingPathComponent(Self.qualified), encoding: .utf8)
        let windows = "\u{FEFF}" + text.split(separator: "\n", omittingEmptySubsequences: false).joined(separator: "\r\n")
        let result = try CLI.run(["evaluate"] + Self.policy, stdin: windows)
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == Self.prettyQualified)
        let lines = "\u{FEFF}" + (try CLI.inputLine("batch.jsonl", 2)) + "\r\n" + (try CLI.inputLine("batch.jsonl", 2)) + "\r\n"
        let stream = try CLI.run(["evaluate"] + Self.policy, stdin: lines)
        #expect(stream.status == 0, "\(stream)")
        #expect(stream.lines == [Self.compactPending, Self.compactPending])
    }

    @Test func emptyInputDecidesNothing() throws {
        let result = try CLI.run(["evaluate"] + Self.policy, stdin: "")
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == "")
        #expect(result.stderr == "")
    }

    @Test func aDocumentThatCannotBeDecidedGetsAnErrorRecordAndExitThree() throws {
        let result = try CLI.run(["evaluate"] + Self.policy, stdin: "{\n  \"id\": 1\n}\n")
        #expect(result.status == 3, "\(result)")
        #expect(result.stdout == """
            {
              "error": {
                "code": "invalid_snapshot",
                "message": "expected text, found a number",
                "path": "id"
              }
            }

            """)
        #expect(result.stderr == "referral-policy: 1 of 1 record could not be decided (the first at <stdin>)\n")
    }

    // MARK: - JSON Lines

    @Test func jsonLinesGiveOneCompactDecisionPerLineInOrder() throws {
        let result = try CLI.run(["evaluate"] + Self.policy + [Self.batch])
        #expect(result.status == 0, "\(result)")
        let records = try Self.records(result)
        #expect(records.map { $0["referral_id"] as? String } == ["r-1", "r-2", "r-3", "r-4", "r-5"])
        #expect(records.map { $0["status"] as? String } == ["qualified", "pending", "qualified", "not_eligible", "expired"])
        #expect(records.map { ($0["policy"] as? [String: Any])?["version"] as? String } == ["2", "2", "1", "2", "2"])
        #expect(result.lines[1] == Self.compactPending)
    }

    @Test func badLinesGetErrorRecordsInPlaceAndTheRestAreDecided() throws {
        let stdin = [
            try CLI.inputLine("batch.jsonl", 1),
            "not json",
            "",
            #"{"id":"r-x","type":"boat","as_of":"2025-08-01T00:00:00Z","referrer":{"id":"u-1"},"referee":{"id":"u-2","signup_at":"2025-07-05T00:00:00Z"}}"#,
            #"{"id":"r-y","type":"client","as_of":"2025-08-01T00:00:00Z","referrer":{"id":"u-1"},"referee":{"id":"u-2","signup_at":"2025-07-05T00:00:00Z"},"events":[{"type":"spent","at":"yesterday"}]}"#,
            try CLI.inputLine("batch.jsonl", 2) + "\r",  // CRLF line ending
            try CLI.inputLine("batch.jsonl", 3),  // the last line has no newline
        ].joined(separator: "\n")
        let result = try CLI.run(["evaluate"] + Self.policy, stdin: stdin)
        #expect(result.status == 3, "\(result)")
        let lines = result.lines
        #expect(lines.count == 7)
        #expect(Array(lines.dropFirst().prefix(4)) == [
            #"{"line":2,"error":{"code":"invalid_json","message":"expected a value at byte 0"}}"#,
            #"{"line":3,"error":{"code":"invalid_json","message":"empty line: each line of JSON Lines input must hold one snapshot"}}"#,
            #"{"line":4,"referral_id":"r-x","error":{"code":"unknown_referral_type","message":"unknown referral type `boat`; this policy defines `client`","path":"type"}}"#,
            #"{"line":5,"error":{"code":"invalid_snapshot","message":"expected an instant like `2025-03-01T12:00:00Z`, found `yesterday`","path":"events[0].at"}}"#,
        ])
        #expect(lines[5] == Self.compactPending)
        #expect(lines.first?.hasPrefix(#"{"referral_id":"r-1","#) == true)
        #expect(lines.last?.hasPrefix(#"{"referral_id":"r-3","#) == true)
        #expect(result.stderr == "referral-policy: 4 of 7 records could not be decided (the first at <stdin>:2)\n")
    }

    /// A stream long enough to be decided in chunks on several threads (lines split across
    /// reads, bad lines among them) gives the same records, in the same order, as each line
    /// decided alone.
    @Test(arguments: [false, true])
    func aLongStreamIsDecidedInOrderOnEveryCore(fromStandardInput: Bool) throws {
        let batch = try CLI.run(["evaluate"] + Self.policy + [Self.batch])
        let decided = batch.lines
        #expect(decided.count == 5)
        let count = 6_000
        var input: [String] = []
        var expected: [String] = []
        for k in 1...count {
            if k % 97 == 0 {
                input.append("not json")
                expected.append(#"{"line":\#(k),"error":{"code":"invalid_json","message":"expected a value at byte 0"}}"#)
            } else {
                input.append(try CLI.inputLine("batch.jsonl", (k - 1) % 5 + 1))
                expected.append(decided[(k - 1) % 5])
            }
        }
        let text = input.joined(separator: "\n") + "\n"
        let result: CLI.Result
        if fromStandardInput {
            result = try CLI.run(["evaluate"] + Self.policy, stdin: text)
        } else {
            let scratch = try Scratch()
            let file = scratch.url.appendingPathComponent("long.jsonl")
            try Data(text.utf8).write(to: file)
            result = try CLI.run(["evaluate"] + Self.policy + [file.path])
        }
        #expect(result.status == 3)
        #expect(result.lines.count == count)
        #expect(result.lines == expected)
        #expect(result.stderr.hasPrefix("referral-policy: \(count / 97) of \(count) records could not be decided (the first at "))
    }

    @Test func aTruncatedLastLineGetsAnErrorRecord() throws {
        let whole = try CLI.inputLine("batch.jsonl", 1)
        let stdin = whole + "\n" + String(whole.prefix(whole.count / 2))  // cut off mid-record, no newline
        let result = try CLI.run(["evaluate", "--jsonl"] + Self.policy, stdin: stdin)
        #expect(result.status == 3, "\(result)")
        #expect(result.lines.count == 2)
        #expect(result.lines.first?.hasPrefix(#"{"referral_id":"r-1","#) == true)
        #expect(result.lines.last == #"{"line":2,"error":{"code":"invalid_json","message":"unexpected end of input (truncated?)"}}"#)
    }

    @Test func aLineLongerThanTheLimitGetsATooLargeRecord() throws {
        let long = String(repeating: "x", count: 16 << 20 + 1)
        let stdin = [try CLI.inputLine("batch.jsonl", 1), long, try CLI.inputLine("batch.jsonl", 2)].joined(separator: "\n")
        let result = try CLI.run(["evaluate"] + Self.policy, stdin: stdin + "\n")
        #expect(result.status == 3)
        #expect(result.lines.count == 3)
        #expect(result.lines.dropFirst().first == #"{"line":2,"error":{"code":"too_large","message":"the line is longer than 16777216 bytes"}}"#)
        #expect(result.lines.last == Self.compactPending)
    }

    @Test func severalInputsGiveJSONLinesInInputOrder() throws {
        let result = try CLI.run(["evaluate"] + Self.policy + [Self.qualified, Self.batch, "-"],
                                 stdin: try CLI.inputLine("batch.jsonl", 4))
        #expect(result.status == 0, "\(result)")
        #expect(try Self.records(result).map { $0["referral_id"] as? String } == ["r-1", "r-1", "r-2", "r-3", "r-4", "r-5", "r-4"])
    }

    @Test func decisionsAreWrittenBeforeTheInputEnds() throws {
        for forced in [true, false] {
            let process = Process()
            process.executableURL = try CLI.executable()
            process.arguments = ["evaluate"] + Self.policy + (forced ? ["--jsonl"] : [])
            process.currentDirectoryURL = CLI.packageRoot
            let input = Pipe()
            let output = Pipe()
            process.standardInput = input
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            try process.run()
            defer { if process.isRunning { process.terminate() } }
            var reader = LineReader(descriptor: output.fileHandleForReading.fileDescriptor)
            // Without --jsonl the shape is known as soon as the first line's value closes.
            let first = [1]
            for n in first {
                input.fileHandleForWriting.write(Data((try CLI.inputLine("batch.jsonl", n) + "\n").utf8))
            }
            for n in first {
                let line = try reader.next(timeout: 60)
                #expect(line.hasPrefix("{\"referral_id\":\"r-\(n)\""), "forced: \(forced)")
            }
            let n = first.count + 1
            input.fileHandleForWriting.write(Data((try CLI.inputLine("batch.jsonl", n) + "\n").utf8))
            #expect(try reader.next(timeout: 60).hasPrefix("{\"referral_id\":\"r-\(n)\""))
            try input.fileHandleForWriting.close()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
    }

    // MARK: - Formats

    @Test func explainAddsEveryRuleChecked() throws {
        let result = try CLI.run(["evaluate", "--explain"] + Self.policy + [Self.qualified])
        #expect(result.status == 0, "\(result)")
        let decision = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let explanation = try #require(decision["explanation"] as? [[String: Any]])
        #expect(explanation.map { $0["rule"] as? String }.contains("came_through_link"))
        #expect(explanation.allSatisfy { $0["kind"] is String && $0["held"] is Bool && $0["saw"] is String })
        let plain = try CLI.run(["evaluate"] + Self.policy + [Self.qualified])
        #expect(!plain.stdout.contains("explanation"))

        let text = try CLI.run(["evaluate", "--explain", "--format", "text"] + Self.policy + [Self.qualified])
        #expect(text.stdout.contains("""
              explanation:
                held   version cli-test@2: 
            """))
        #expect(text.stdout.contains("    held   eligibility came_through_link: referee.attribution is `link`; must be in [\"link\"]\n"))
    }

    @Test func textIsForAPerson() throws {
        let result = try CLI.run(["evaluate", "--format", "text"] + Self.policy + [Self.batch])
        #expect(result.status == 0, "\(result)")
        #expect(result.stdout == """
            r-1 (client): qualified on 2025-07-15
              policy cli-test version 2, as of 2025-08-20T00:00:00Z
              rewards:
                $150.00 cash to the referrer, payable 2025-07-29, rule client.referrer_cash
                $20.00 credit to the referee, payable 2025-07-15, expires 2025-10-13, rule client.referee_credit

            r-2 (client): pending
              policy cli-test version 2, as of 2025-08-20T00:00:00Z
              still to do:
                client.spent_enough: spent $320.00 of $500.00, 11 days left (Spend $500)

            r-3 (client): qualified on 2025-06-05
              policy cli-test version 1, as of 2025-06-10T00:00:00Z
              rewards:
                $100.00 cash to the referrer, payable 2025-06-05, rule client.referrer_cash

            r-4 (client): not eligible: rule came_through_link failed
              policy cli-test version 2, as of 2025-08-20T00:00:00Z

            r-5 (client): expired: the window closed before every requirement was met
              policy cli-test version 2, as of 2025-09-01T00:00:00Z
              not done in time:
                client.spent_enough: spent $100.00 of $500.00, deadline passed 2025-07-31 (Spend $500)

            """)
    }

    @Test func textShowsBadLinesInPlace() throws {
        let stdin = [try CLI.inputLine("batch.jsonl", 4), "[1, 2]", try CLI.inputLine("batch.jsonl", 4)].joined(separator: "\n")
        let result = try CLI.run(["evaluate", "--format", "text"] + Self.policy, stdin: stdin)
        #expect(result.status == 3)
        #expect(result.stdout == """
            r-4 (client): not eligible: rule came_through_link failed
              policy cli-test version 2, as of 2025-08-20T00:00:00Z

            line 2: could not be decided: invalid_snapshot: expected a snapshot object, found an array

            r-4 (client): not eligible: rule came_through_link failed
              policy cli-test version 2, as of 2025-08-20T00:00:00Z

            """)
    }

    @Test func summaryAddsUpEachReferrersReferrals() throws {
        let text = try CLI.run(["evaluate", "--summary", "--format", "text"] + Self.policy + [Self.batch])
        #expect(text.status == 0, "\(text)")
        #expect(text.stdout == """
            u-1: 3 referrals: 1 qualified, 1 pending, 0 expired, 1 not eligible, 0 reversed
              owed in USD: $150.00 cash, $0.00 credit
              pending r-2 (client), still to do:
                client.spent_enough: spent $320.00 of $500.00, 11 days left (Spend $500)
              not eligible: came_through_link (1)
            u-2: 2 referrals: 1 qualified, 0 pending, 1 expired, 0 not eligible, 0 reversed
              owed in USD: $100.00 cash, $0.00 credit

            """)
        let json = try CLI.run(["evaluate", "--summary"] + Self.policy + [Self.batch])
        #expect(json.status == 0, "\(json)")
        let document = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let referrers = try #require(document["referrers"] as? [[String: Any]])
        #expect(referrers.map { $0["referrer_id"] as? String } == ["u-1", "u-2"])
        #expect(referrers.map { $0["qualified"] as? Int } == [1, 1])
        #expect(referrers.map { $0["pending"] as? Int } == [1, 0])
        #expect(referrers.map { $0["expired"] as? Int } == [0, 1])
        #expect(referrers.map { $0["not_eligible"] as? Int } == [1, 0])
        let owed = referrers.map { ($0["owed"] as? [[String: Any]])?.first?["cash_minor"] as? Int }
        #expect(owed == [15_000, 10_000])
        let pending = try #require((referrers.first?["pending_referrals"] as? [[String: Any]])?.first)
        #expect(pending["referral_id"] as? String == "r-2")
        #expect((pending["progress"] as? [[String: Any]])?.first?["have"] as? Int == 32_000)
        #expect(document["undecided"] as? Int == 0)
    }

    @Test func summaryCountsRecordsThatCouldNotBeDecided() throws {
        let stdin = [try CLI.inputLine("batch.jsonl", 1), "oops"].joined(separator: "\n")
        let result = try CLI.run(["evaluate", "--summary"] + Self.policy, stdin: stdin)
        #expect(result.status == 3, "\(result)")
        #expect(result.stdout.hasSuffix("  \"undecided\": 1\n}\n"))
        #expect(result.stderr == "referral-policy: 1 of 2 records could not be decided (the first at <stdin>:2)\n")
    }

    // MARK: - Policies and exit codes

    @Test func anInvalidPolicyDecidesNothingAndExitsOne() throws {
        let result = try CLI.run(["evaluate", "--policy", CLI.inputs + "/invalid/policy.yaml", Self.qualified])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout == "")
        let validate = try CLI.run(["validate", CLI.inputs + "/invalid/policy.yaml"])
        #expect(result.stderr == validate.stdout)
    }

    @Test func warningsGoToStandardErrorAndFailOnlyWhenStrict() throws {
        let warning = ["--policy", CLI.inputs + "/warning/policy.yaml"]
        let snapshot = try CLI.inputLine("batch.jsonl", 2)
        let relaxed = try CLI.run(["evaluate"] + warning, stdin: snapshot)
        #expect(relaxed.status == 0, "\(relaxed)")
        #expect(relaxed.stdout.contains(#""status":"pending""#))
        #expect(relaxed.stderr.contains("warning[RP506]"))
        let strict = try CLI.run(["evaluate", "--strict"] + warning, stdin: snapshot)
        #expect(strict.status == 1, "\(strict)")
        #expect(strict.stdout == "")
        #expect(strict.stderr.contains("error[RP506]"))
    }

    @Test func aMissingPolicyOrAFolderWithoutPoliciesIsExitTwo() throws {
        let missing = try CLI.run(["evaluate", "--policy", "no/such/folder", Self.qualified])
        #expect(missing.status == 2, "\(missing)")
        #expect(missing.stdout == "")
        #expect(missing.stderr.hasPrefix("no/such/folder: error[RP008]: no such file or folder `no/such/folder`\n"))
        let scratch = try Scratch()
        let empty = try CLI.run(["evaluate", "--policy", scratch.url.path, Self.qualified])
        #expect(empty.status == 2, "\(empty)")
        #expect(empty.stderr.contains("error[RP009]"))
    }

    @Test func anInputThatCannotBeReadIsExitTwoBeforeAnythingIsDecided() throws {
        let result = try CLI.run(["evaluate"] + Self.policy + [Self.qualified, "no/such/snapshot.json"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout == "")
        #expect(result.stderr == "referral-policy: cannot read `no/such/snapshot.json`: No such file or directory\n")
        let folder = try CLI.run(["evaluate"] + Self.policy + [CLI.inputs])
        #expect(folder.status == 2)
        #expect(folder.stderr == "referral-policy: cannot read `\(CLI.inputs)`: it is a folder; name the snapshot files in it\n")
    }

    @Test(arguments: [
        ["evaluate", Self.qualified],  // no --policy
        ["evaluate", "--policy", CLI.program, "--format", "yaml", Self.qualified],
        ["evaluate", "--policy", CLI.program, "--summary", "--explain", Self.qualified],
        ["evaluate", "--policy", CLI.program, "-", "-"],
    ])
    func usageErrorsAreExitTwo(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout == "")
        #expect(result.stderr.contains("Usage: referral-policy evaluate"))
    }

    // MARK: - Helpers

    /// Each line of standard output as a JSON object.
    static func records(_ result: CLI.Result) throws -> [[String: Any]] {
        try result.lines.map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }
}

/// Reads lines from a pipe with a deadline, so a test fails instead of hanging when the
/// command holds its output back.
struct LineReader {
    let descriptor: Int32
    private var buffer: [UInt8] = []

    struct TimedOut: Error {}

    init(descriptor: Int32) {
        self.descriptor = descriptor
    }

    mutating func next(timeout seconds: Int32) throws -> String {
        let deadline = Date().addingTimeInterval(TimeInterval(seconds))
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffer[..<newline], as: UTF8.self)
                buffer.removeSubrange(...newline)
                return line
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { throw TimedOut() }
            var pfd = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, Int32(left * 1000)) > 0 else { throw TimedOut() }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard n > 0 else { throw TimedOut() }
            buffer += chunk[..<n]
        }
    }

    /// Everything not yet returned, up to the end of the pipe.
    mutating func drain() -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            buffer += chunk[..<n]
        }
        defer { buffer = [] }
        return buffer
    }
}
