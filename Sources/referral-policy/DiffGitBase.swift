import Foundation
import ReferralPolicy

/// `--base git:REV` or `git:REV:PATH`: the base policy as it was at a git revision. The
/// files are `git ls-tree` lists under PATH (NEW's path when none is given), read with
/// `git show REV:./FILE` and loaded under the name `REV:FILE`, so diagnostics and the rule
/// diff say where in history each rule stands.
struct DiffGitBase {
    let revision: String
    let path: String

    /// Reads `git:REV` (with `defaultPath`) or `git:REV:PATH`; nil when `spec` does not start with `git:`.
    init?(_ spec: String, defaultPath: String) {
        guard spec.hasPrefix("git:") else { return nil }
        let rest = spec.dropFirst(4)
        if let colon = rest.firstIndex(of: ":") {
            revision = String(rest[..<colon])
            path = String(rest[rest.index(after: colon)...])
        } else {
            revision = String(rest)
            path = defaultPath
        }
    }

    /// Why the base could not be read from git: a usage error (exit 2).
    struct Failure: Error {
        let message: String
    }

    /// The policy files at the revision, loaded and made into a set.
    func load() throws(Failure) -> DiffPolicies {
        guard !revision.isEmpty else { throw Failure(message: "`--base git:` needs a revision, e.g. git:origin/main") }
        let verify = Self.git(["rev-parse", "--verify", "--quiet", "\(revision)^{commit}"])
        guard verify.status == 0 else {
            if verify.status == 127 || verify.launchFailed { throw Failure(message: "cannot run `git`: \(verify.stderr)") }
            let why = verify.stderr.isEmpty ? "" : ": \(verify.stderr.trimmingCharacters(in: .whitespacesAndNewlines))"
            throw Failure(message: "git revision `\(revision)` not found\(why)")
        }
        var clean = path
        while clean.hasSuffix("/"), clean.count > 1 { clean.removeLast() }
        let listed = Self.git(["ls-tree", "-r", "--name-only", revision, "--", clean])
        guard listed.status == 0 else {
            throw Failure(message: "cannot list `\(path)` at `\(revision)`: \(listed.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        let names = listed.stdout.split(separator: "\n").map(String.init)
        let files: [String]
        if names == [clean] {
            files = names
        } else {
            files = names.filter { name in
                let lower = name.lowercased()
                return (lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")) && !lower.hasSuffix(".tests.yaml") && !lower.hasSuffix(".tests.yml")
            }.sorted()
        }
        guard !files.isEmpty else {
            throw Failure(message: names.isEmpty ? "`\(path)` does not exist at git revision `\(revision)`"
                : "no policy files (`*.yaml`, `*.yml`) in `\(path)` at git revision `\(revision)`")
        }
        var results: [PolicyLoadResult] = []
        for file in files {
            let shown = Self.git(["show", "\(revision):./\(file)"])
            guard shown.status == 0 else {
                throw Failure(message: "cannot read `\(file)` at `\(revision)`: \(shown.stderr.trimmingCharacters(in: .whitespacesAndNewlines))")
            }
            results.append(Policy.load(yaml: shown.stdout, file: "\(revision):\(file)"))
        }
        return DiffPolicies(results)
    }

    private struct Output {
        var status: Int32
        var stdout: String
        var stderr: String
        var launchFailed = false
    }

    /// Runs `git arguments…` in the current folder.
    private static func git(_ arguments: [String]) -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return Output(status: 127, stdout: "", stderr: "\(error)", launchFailed: true)
        }
        // Read both pipes to their end before waiting, so a large file cannot fill a pipe.
        final class Box: @unchecked Sendable { var data = Data() }
        let errBox = Box()
        let group = DispatchGroup()
        let errHandle = err.fileHandleForReading
        group.enter()
        DispatchQueue.global().async {
            errBox.data = errHandle.readDataToEndOfFile()
            group.leave()
        }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errBox.data, as: UTF8.self))
    }
}
