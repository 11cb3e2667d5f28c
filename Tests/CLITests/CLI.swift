import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the built `referral-policy` executable as a process, from the package root, so that
/// paths in its output are the relative paths the tests pass.
enum CLI {
    /// The package's root folder (this file is `Tests/CLITests/CLI.swift`).
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The test inputs, relative to the package root.
    static let inputs = "Tests/CLITests/Inputs"
    /// The two-version test program.
    static let program = inputs + "/program"

    struct Result: CustomStringConvertible {
        var status: Int32
        var stdout: String
        var stderr: String

        var description: String { "exit \(status)\n--- stdout\n\(stdout)--- stderr\n\(stderr)" }

        /// Standard output split into lines (without the last, empty, one).
        var lines: [String] {
            var lines = stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if lines.last == "" { lines.removeLast() }
            return lines
        }
    }

    struct ExecutableNotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "the `referral-policy` executable was not found (set REFERRAL_POLICY_BIN); looked in:\n"
                + searched.joined(separator: "\n")
        }
    }

    /// The executable `swift build`/`swift test` built: beside the test bundle (its products
    /// folder), else `.build/debug`; `REFERRAL_POLICY_BIN` overrides both.
    static func executable() throws -> URL {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["REFERRAL_POLICY_BIN"], !path.isEmpty {
            candidates.append(URL(fileURLWithPath: path))
        }
        var starts = [Bundle.main.bundleURL]
        if let executable = Bundle.main.executableURL { starts.append(executable) }
        if let first = CommandLine.arguments.first { starts.append(URL(fileURLWithPath: first)) }
        for start in starts {
            var folder = start.deletingLastPathComponent()
            for _ in 0..<4 {  // macOS: …/debug/X.xctest/Contents/MacOS/X
                candidates.append(folder.appendingPathComponent("referral-policy"))
                folder = folder.deletingLastPathComponent()
            }
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/referral-policy"))
        let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
        guard let found else { throw ExecutableNotFound(searched: candidates.map(\.path)) }
        return found
    }

    /// Runs `referral-policy arguments…` with `stdin` as its standard input (empty when nil)
    /// and returns its exit status and output. Output goes through files, so a large output
    /// cannot fill a pipe and stall the test. `environment` adds to (or, with nil values,
    /// removes from) the test's own environment.
    static func run(_ arguments: [String], stdin: String? = nil, in directory: URL = packageRoot,
                    environment: [String: String?] = [:]) throws -> Result {
        let scratch = try Scratch()
        let inURL = scratch.url.appendingPathComponent("stdin")
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        try Data((stdin ?? "").utf8).write(to: inURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let input = try FileHandle(forReadingFrom: inURL)
        let output = try FileHandle(forWritingTo: outURL)
        let errors = try FileHandle(forWritingTo: errURL)
        defer {
            try? input.close()
            try? output.close()
            try? errors.close()
        }
        let process = Process()
        process.executableURL = try executable()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty {
            var merged = ProcessInfo.processInfo.environment
            for (name, value) in environment { merged[name] = value }
            process.environment = merged
        }
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// A line of a file under `Inputs/`.
    static func inputLine(_ file: String, _ number: Int) throws -> String {
        let text = try String(contentsOf: packageRoot.appendingPathComponent(inputs + "/" + file), encoding: .utf8)
        let lines = text.split(separator: "\n").map(String.init)
        return try #require(lines.indices.contains(number - 1) ? lines[number - 1] : nil)
    }
}

/// A temporary folder, removed when the value goes away.
final class Scratch {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("referral-policy-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }

    /// Writes `text` to `name` in the folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file.path
    }
}
