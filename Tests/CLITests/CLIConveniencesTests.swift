import Foundation
import Testing

/// What the command offers around its output: `--version`, shell completions, and colour on a
/// terminal (`--color auto|always|never`, `NO_COLOR`).
@Suite struct CLIConveniencesTests {
    @Test func versionIsOneSemanticVersionEverywhere() throws {
        let root = try CLI.run(["--version"])
        #expect(root.status == 0, "\(root)")
        let version = root.stdout.trimmingCharacters(in: .newlines)
        #expect(version.split(separator: ".").count == 3 && version.split(separator: ".").allSatisfy { Int($0) != nil }, "\(version)")
        // The SARIF log names the same version.
        let sarif = try CLI.run(["validate", "--format", "sarif", CLI.program])
        #expect(sarif.stdout.contains("\"version\": \"\(version)\""))
    }

    @Test(arguments: ["bash", "zsh", "fish"])
    func completionScriptsCompletePolicyAndInputFiles(shell: String) throws {
        let result = try CLI.run(["--generate-completion-script", shell])
        #expect(result.status == 0, "\(result)")
        for word in ["validate", "evaluate", "test", "format", "color", "always", "sarif"] {
            #expect(result.stdout.contains(word), "\(shell): \(word)")
        }
        for extensionName in ["yaml", "yml", "jsonl", "ndjson"] {
            #expect(result.stdout.contains(extensionName), "\(shell): .\(extensionName)")
        }
    }

    @Test func bashCompletesPolicyPathsByExtension() throws {
        let result = try CLI.run(["--generate-completion-script", "bash"])
        #expect(result.stdout.contains("-fX '!*.@(yaml|yml)'"))
        #expect(result.stdout.contains("-fX '!*.@(json|jsonl|ndjson)'"))
    }

    static let red = "\u{1B}[1;31m"

    @Test func colourIsOffWhenPipedAndOnWhenAsked() throws {
        let piped = try CLI.run(["validate", ValidateCommandTests.invalid])
        #expect(!piped.stdout.contains("\u{1B}"))
        let always = try CLI.run(["validate", "--color", "always", ValidateCommandTests.invalid])
        #expect(always.stdout.hasPrefix("Tests/CLITests/Inputs/invalid/policy.yaml:10:5: \(Self.red)error[RP101]\u{1B}[0m: unknown key"))
        // Take the colour away and the text is the plain text, byte for byte.
        #expect(Self.stripped(always.stdout) == piped.stdout)
        let never = try CLI.run(["validate", "--color", "never", ValidateCommandTests.invalid])
        #expect(never.stdout == piped.stdout)
        let json = try CLI.run(["validate", "--color", "always", "--format", "json", ValidateCommandTests.invalid])
        #expect(!json.stdout.contains("\u{1B}"))
    }

    @Test func evaluateStatusesAreColoured() throws {
        let pending = "fixtures/client-pending/snapshot.json", qualified = "fixtures/client-qualified/snapshot.json"
        let always = try CLI.run(["evaluate", "--policy", "policies/", "--format", "text", "--color", "always", pending, qualified])
        #expect(always.stdout.hasPrefix("r-2002 (client): \u{1B}[1;33mpending\u{1B}[0m\n"))
        #expect(always.stdout.contains("r-2001 (client): \u{1B}[1;32mqualified on "))
        let plain = try CLI.run(["evaluate", "--policy", "policies/", "--format", "text", pending, qualified])
        #expect(!plain.stdout.contains("\u{1B}"))
        #expect(Self.stripped(always.stdout) == plain.stdout)
        let json = try CLI.run(["evaluate", "--policy", "policies/", "--color", "always", pending])
        #expect(!json.stdout.contains("\u{1B}"))
    }

    @Test func testOutcomesAreColoured() throws {
        let dir = try TestCommandTests.folder(TestCommandTests.passing)
        let always = try CLI.run(["test", "--color", "always"], in: dir.url)
        #expect(always.stdout.hasPrefix("\u{1B}[1;32mPASS\u{1B}[0m policy.tests.yaml:2:5: "))
        #expect(always.lines.last == "\u{1B}[1;32m3 passed, 0 failed\u{1B}[0m")
        let plain = try CLI.run(["test"], in: dir.url)
        #expect(Self.stripped(always.stdout) == plain.stdout)
    }

    /// `auto` colours on a terminal (run under `script`, which gives the command a pseudo-
    /// terminal) unless `NO_COLOR` is set.
    @Test func autoColoursATerminalUnlessNoColor() throws {
        let binary = try CLI.executable().path
        let command = "'\(binary)' validate \(ValidateCommandTests.invalid)"
        let terminal = try Self.underTerminal(command, environment: ["NO_COLOR": nil])
        #expect(terminal.contains("\(Self.red)error[RP101]"), "\(terminal)")
        let noColor = try Self.underTerminal(command, environment: ["NO_COLOR": "1"])
        #expect(noColor.contains("error[RP101]"), "\(noColor)")
        #expect(!noColor.contains("\u{1B}["), "\(noColor)")
        let never = try Self.underTerminal(command + " --color never", environment: ["NO_COLOR": nil])
        #expect(!never.contains("\u{1B}["), "\(never)")
    }

    /// Runs `command` with a pseudo-terminal as its standard output (util-linux `script`).
    static func underTerminal(_ command: String, environment: [String: String?]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["script", "-qec", command, "/dev/null"]
        process.currentDirectoryURL = CLI.packageRoot
        var merged = ProcessInfo.processInfo.environment
        merged["TERM"] = "xterm"
        for (name, value) in environment { merged[name] = value }
        process.environment = merged
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// The text without ANSI colour sequences.
    static func stripped(_ text: String) -> String {
        var out = ""
        var scalars = text.unicodeScalars.makeIterator()
        while let s = scalars.next() {
            if s == "\u{1B}" {
                while let t = scalars.next(), t != "m" {}
                continue
            }
            out.unicodeScalars.append(s)
        }
        return out
    }
}
