import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `evaluate`'s progress line on standard error: forced on with `--progress`, off with
/// `--no-progress`, and by default shown on a terminal (for a long batch), never when
/// standard error is a file or a pipe.
@Suite struct EvaluateProgressTests {
    static let policy = ["--policy", CLI.program]

    /// `count` lines of the test batch, every 97th replaced by a line that is not JSON.
    static func stream(_ count: Int) throws -> String {
        let lines = try (1...5).map { try CLI.inputLine("batch.jsonl", $0) }
        return (1...count).map { $0 % 97 == 0 ? "not json" : lines[($0 - 1) % 5] }.joined(separator: "\n") + "\n"
    }

    /// The counts of a progress line: records, decided, failed; nil when it is not one.
    static func counts(_ line: Substring) -> [Int]? {
        let pattern = #"referral-policy: ([0-9,]+) records?, ([0-9,]+) decided, ([0-9,]+) failed \(([0-9,]+) records/s\)"#
        guard let regex = try? Regex(pattern), let match = try? regex.wholeMatch(in: line) else { return nil }
        return (1...3).compactMap { match.output[$0].substring.flatMap { Int($0.replacingOccurrences(of: ",", with: "")) } }
    }

    @Test func forcedOnItEndsWithTheFinalCounts() throws {
        let result = try CLI.run(["evaluate", "--progress"] + Self.policy, stdin: try Self.stream(6_000))
        #expect(result.status == 3)
        #expect(result.lines.count == 6_000)
        var lines = result.stderr.split(separator: "\n")
        #expect(lines.last == "referral-policy: 61 of 6000 records could not be decided (the first at <stdin>:97)")
        lines.removeLast()
        // Updates while the run goes on (as many as it took half-seconds), then the final counts.
        let counts = lines.map(Self.counts)
        #expect(counts.allSatisfy { $0 != nil }, "\(result.stderr)")
        #expect(counts.last == [6_000, 5_939, 61], "\(result.stderr)")
        let records = counts.compactMap { $0?.first }
        #expect(records == records.sorted())
    }

    @Test func oneRecordForcedOn() throws {
        let result = try CLI.run(["evaluate", "--progress"] + Self.policy + [CLI.inputs + "/qualified.json"])
        #expect(result.status == 0)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result)")
        #expect(lines.first.flatMap(Self.counts) == [1, 1, 0], "\(result)")
    }

    @Test(arguments: [[], ["--no-progress"]])
    func noneWhenStandardErrorIsAFileOrAPipe(options: [String]) throws {
        let result = try CLI.run(["evaluate"] + options + Self.policy, stdin: try Self.stream(6_000))
        #expect(result.status == 3)
        #expect(result.stderr == "referral-policy: 61 of 6000 records could not be decided (the first at <stdin>:97)\n")
    }

    /// On a terminal a long batch gets the line, rewritten in place and ended with a newline;
    /// `--no-progress` keeps the terminal quiet.
    @Test(arguments: [true, false])
    func onATerminalForALongBatch(shown: Bool) throws {
        let scratch = try Scratch()
        let input = try scratch.write("long.jsonl", try Self.stream(12_000))
        let terminal = try Terminal()
        let process = Process()
        process.executableURL = try CLI.executable()
        process.arguments = ["evaluate"] + (shown ? [] : ["--no-progress"]) + Self.policy + [input]
        process.currentDirectoryURL = CLI.packageRoot
        process.standardOutput = FileHandle.nullDevice
        process.standardError = terminal.secondary
        try process.run()
        terminal.closeSecondary()
        let text = terminal.readAll()
        process.waitUntilExit()
        #expect(process.terminationStatus == 3)
        let failures = "referral-policy: 123 of 12000 records could not be decided (the first at \(input):97)\r\n"
        #expect(text.hasSuffix(failures), "\(text.debugDescription)")
        if shown {
            let progress = text.dropLast(failures.count)
            #expect(progress.hasPrefix("\r"), "\(text.debugDescription)")
            #expect(progress.hasSuffix("\u{1B}[K\r\n"), "\(text.debugDescription)")
            let updates = progress.dropLast("\u{1B}[K\r\n".count).dropFirst().components(separatedBy: "\u{1B}[K\r")
            #expect(updates.last.flatMap { Self.counts($0[...]) } == [12_000, 11_877, 123], "\(text.debugDescription)")
            #expect(updates.allSatisfy { Self.counts($0[...]) != nil }, "\(text.debugDescription)")
        } else {
            #expect(text == failures, "\(text.debugDescription)")
        }
    }
}

/// A pseudo-terminal: a child's standard error on `secondary` is a terminal (`isatty`), and
/// what it writes there is read from the primary side.
final class Terminal {
    private let primary: Int32
    let secondary: FileHandle

    struct Unavailable: Error {}

    init() throws {
        #if os(Linux)
        // posix_openpt and friends are hidden from Swift by Glibc's feature macros; these are
        // the ioctls they make (the same numbers on x86_64 and arm64).
        primary = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard primary >= 0, ioctl(primary, UInt(0x4004_5431), &unlock) == 0,  // TIOCSPTLCK
              ioctl(primary, UInt(0x8004_5430), &number) == 0 else {  // TIOCGPTN
            throw Unavailable()
        }
        let name = "/dev/pts/\(number)"
        #else
        primary = posix_openpt(O_RDWR | O_NOCTTY)
        guard primary >= 0, grantpt(primary) == 0, unlockpt(primary) == 0, let cName = ptsname(primary) else {
            throw Unavailable()
        }
        let name = String(cString: cName)
        #endif
        let descriptor = open(name, O_RDWR | O_NOCTTY)
        guard descriptor >= 0 else { throw Unavailable() }
        secondary = FileHandle(fileDescriptor: descriptor, closeOnDealloc: true)
    }

    deinit {
        close(primary)
    }

    /// Closes this process's copy of the secondary side, so reading ends when the child's does.
    func closeSecondary() {
        try? secondary.close()
    }

    /// Everything written to the terminal until every secondary side is closed.
    func readAll() -> String {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(primary, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }  // EIO once the child has closed its side
            bytes += chunk[..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
