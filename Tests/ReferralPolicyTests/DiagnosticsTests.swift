import Foundation
import Testing
import ReferralPolicy

/// Every diagnostic code, provoked by a small policy, compared as whole rendered text
/// (`file:line:col: severity[CODE]: message` and the help line), so that a change in
/// wording or position shows up as a failing case.
///
/// Cases live in `Diagnostics/`:
/// - `<case>.yaml` is one policy, loaded with `Policy.load(yaml:file:)` as `<case>.yaml`;
/// - `<case>/` is a folder of policy versions, each loaded as `<case>/<name>.yaml` (they must
///   compile), then put together with `PolicySet.make`;
/// - `<case>.expected` is every diagnostic's `description`, one after the other, in the order
///   the library returns them (the file's diagnostics, then the set's).
///
/// To add a case, write the policy, run the tests, check the text the failure shows, and save
/// it as `<case>.expected`.
@Suite struct DiagnosticsTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Diagnostics")

    /// The case names: each `.yaml` file and each folder in `Diagnostics/`.
    static let cases: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.compactMap { name -> String? in
            if name.hasSuffix(".yaml") { return String(name.dropLast(".yaml".count)) }
            var isFolder: ObjCBool = false
            let path = folder.appendingPathComponent(name).path
            return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) && isFolder.boolValue ? name : nil
        }.sorted()
    }()

    /// The rendered diagnostics of a case: one policy, or a set of versions.
    static func render(_ name: String) throws -> String {
        let single = folder.appendingPathComponent("\(name).yaml")
        if FileManager.default.fileExists(atPath: single.path) {
            // Read as bytes: a case may hold a NUL or a control character on purpose.
            let text = String(decoding: try Data(contentsOf: single), as: UTF8.self)
            return Policy.load(yaml: text, file: "\(name).yaml").diagnostics.map(\.description).joined(separator: "\n")
        }
        let versions = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(name).path)
            .filter { $0.hasSuffix(".yaml") }.sorted()
        var diagnostics: [Diagnostic] = []
        var policies: [Policy] = []
        for version in versions {
            let text = try String(contentsOf: folder.appendingPathComponent("\(name)/\(version)"), encoding: .utf8)
            let result = Policy.load(yaml: text, file: "\(name)/\(version)")
            diagnostics += result.diagnostics
            if let policy = result.policy { policies.append(policy) }
        }
        #expect(policies.count == versions.count, "every version of a set case must compile on its own")
        diagnostics += PolicySet.make(policies).diagnostics
        return diagnostics.map(\.description).joined(separator: "\n")
    }

    static func expected(_ name: String) -> String? {
        guard let text = try? String(contentsOf: folder.appendingPathComponent("\(name).expected"), encoding: .utf8) else {
            return nil
        }
        return text.hasSuffix("\n") ? String(text.dropLast()) : text
    }

    /// `REFERRAL_POLICY_UPDATE_FIXTURES=1` rewrites the `.expected` files; review the diff.
    @Test(arguments: cases)
    func renderedDiagnostics(_ name: String) throws {
        let actual = try Self.render(name)
        if ProcessInfo.processInfo.environment["REFERRAL_POLICY_UPDATE_FIXTURES"] == "1" {
            try (actual + "\n").write(to: Self.folder.appendingPathComponent("\(name).expected"), atomically: true, encoding: .utf8)
        }
        guard let expected = Self.expected(name) else {
            Issue.record("no \(name).expected; the diagnostics are:\n\(actual)")
            return
        }
        #expect(actual == expected)
    }

    @Test func casesFound() {
        #expect(Self.cases.count >= 60)
    }

    /// Every code is provoked somewhere: by a case, or by the file-system tests below.
    @Test func everyCodeHasACase() {
        var seen: Set<String> = ["RP008", "RP009"]  // need real paths: see the tests below
        seen.formUnion(["RP701", "RP702", "RP703", "RP704"])  // test-file codes: PolicyTestsTests
        seen.insert("RP421")  // needs a machine without the tz database: TimeZoneCommandTests
        for name in Self.cases {
            guard let text = Self.expected(name) else { continue }
            for code in DiagnosticCode.allCases where text.contains("[\(code.rawValue)]:") { seen.insert(code.rawValue) }
        }
        let missing = DiagnosticCode.allCases.map(\.rawValue).filter { !seen.contains($0) }
        #expect(missing == [])
    }

    /// The corpus of realistic mistakes (`mistake-*.yaml`, issue 13: indentation, values written
    /// the way people write them, typos, suspicious numbers), each one mistake in an otherwise
    /// valid program. None passes silently, every diagnostic has a place and a help line, and
    /// none is a knock-on: each case reports one diagnostic. (Their `.expected` files hold the
    /// places and the words; `renderedDiagnostics` compares them.)
    @Test func mistakeCorpus() throws {
        let names = Self.cases.filter { $0.hasPrefix("mistake-") }
        #expect(names.count >= 40)
        var placed = 0, helped = 0, single = 0
        for name in names {
            let text = String(decoding: try Data(contentsOf: Self.folder.appendingPathComponent("\(name).yaml")), as: UTF8.self)
            let diagnostics = Policy.load(yaml: text, file: "\(name).yaml").diagnostics
            #expect(!diagnostics.isEmpty, "\(name) passes silently")
            if !diagnostics.isEmpty, diagnostics.allSatisfy({ $0.location != nil }) { placed += 1 }
            if !diagnostics.isEmpty, diagnostics.allSatisfy({ $0.help != nil }) { helped += 1 }
            if diagnostics.count == 1 { single += 1 } else { Issue.record("\(name): \(diagnostics.count) diagnostics for one mistake") }
        }
        #expect(placed == names.count)
        #expect(helped == names.count)
        #expect(single == names.count)
    }

    // MARK: - Cases that need the file system or other limits

    /// A fresh folder for one test; removed when the test ends.
    final class TemporaryFolder {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "referral-policy-tests-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }

        /// `text` with this folder's path written as `$TMP`, so the expected text is stable.
        func relative(_ text: String) -> String { text.replacingOccurrences(of: path, with: "$TMP") }
    }

    @Test func missingPath() throws {
        let tmp = try TemporaryFolder()
        let result = PolicySet.load(paths: [tmp.path + "/policies/marketplace-v3.yaml"])
        #expect(result.set == nil)
        #expect(tmp.relative(result.diagnostics.map(\.description).joined(separator: "\n")) == """
            $TMP/policies/marketplace-v3.yaml: error[RP008]: no such file or folder `$TMP/policies/marketplace-v3.yaml`
              help: check the path
            """)
    }

    @Test func folderWithoutPolicies() throws {
        let tmp = try TemporaryFolder()
        try Data("notes\n".utf8).write(to: URL(fileURLWithPath: tmp.path + "/README.md"))
        let result = PolicySet.load(paths: [tmp.path])
        #expect(result.set == nil)
        #expect(tmp.relative(result.diagnostics.map(\.description).joined(separator: "\n")) == """
            $TMP: error[RP009]: no policy files (`*.yaml`, `*.yml`) in `$TMP`
              help: name a file or a folder that holds some
            """)
    }

    /// A folder that cannot be listed is unreadable (RP008), not a folder without policies.
    /// (Root may list any folder, so this runs only for other users.)
    @Test(.enabled(if: getuid() != 0)) func unreadableFolder() throws {
        let tmp = try TemporaryFolder()
        let folder = tmp.path + "/locked"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("program: x\n".utf8).write(to: URL(fileURLWithPath: folder + "/v1.yaml"))
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder) }
        let result = PolicySet.load(paths: [folder])
        #expect(tmp.relative(result.diagnostics.map(\.description).joined(separator: "\n")) == """
            $TMP/locked: error[RP008]: cannot read the folder `$TMP/locked`
              help: check that the folder exists and that you may list and read it
            """)
    }

    @Test func fileThatIsNotUTF8() throws {
        let tmp = try TemporaryFolder()
        // A Latin-1 `é` (0xE9) in the description: not UTF-8.
        try Data("program: demo\ndescription: caf".utf8 + [0xE9] + Data("\n".utf8))
            .write(to: URL(fileURLWithPath: tmp.path + "/latin1.yaml"))
        let result = Policy.load(contentsOf: tmp.path + "/latin1.yaml")
        #expect(tmp.relative(result.diagnostics.map(\.description).joined(separator: "\n")) == """
            $TMP/latin1.yaml:2:17: error[RP006]: the file is not UTF-8 text
              help: save the policy as UTF-8
            """)
    }

    @Test func sizeLimits() {
        let policy = "program: demo\nversion: \"1\"\ndescription: \(String(repeating: "a", count: 200))\n"
        let small = Policy.load(yaml: policy, file: "big.yaml", limits: LoadLimits(maxFileBytes: 100))
        #expect(small.diagnostics.map(\.description).joined(separator: "\n") == """
            big.yaml: error[RP005]: the policy file is 241 bytes, more than the limit of 100
              help: split the program into smaller files, or raise `LoadLimits.maxFileBytes`
            """)
        let short = Policy.load(yaml: policy, file: "long-line.yaml", limits: LoadLimits(maxLineBytes: 80))
        #expect(short.diagnostics.map(\.description).joined(separator: "\n") == """
            long-line.yaml:3:1: error[RP005]: line 3 is longer than 80 bytes
              help: break the value over several lines
            """)
    }

    @Test func ruleLimit() throws {
        let text = String(decoding: try Data(contentsOf: Self.folder.appendingPathComponent("rp503-unreachable-eligibility-rule.yaml")),
                          as: UTF8.self)
        let result = Policy.load(yaml: text, file: "rules.yaml", limits: LoadLimits(maxRules: 3))
        #expect(result.policy == nil)
        #expect(result.diagnostics.map(\.description).joined(separator: "\n") == """
            rules.yaml:2:1: error[RP005]: the policy has 4 rules, more than the limit of 3
              help: split the program, or raise `LoadLimits.maxRules`
            rules.yaml:9:12: warning[RP503]: eligibility rule `from_partners` lists no values, so no referral is ever eligible
              help: list the values `referee.attribution` may have
            rules.yaml:11:5: warning[RP503]: eligibility rule `not_sanctioned` is never checked
              help: `from_partners` before it fails for every referral
            """)
    }

    /// A "billion laughs" file is stopped after `maxNodes` nodes, long before it is expanded,
    /// at the alias whose copy crosses the limit: the eighth `*d` of line 7 (each copies 11,111
    /// nodes, and 12,356 come before them).
    @Test func aliasBomb() {
        var text = "program: demo\nversion: \"1\"\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        var previous = "a"
        for name in ["b", "c", "d", "e", "f", "g", "h", "i"] {
            text += "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
            previous = name
        }
        let result = Policy.load(yaml: text, file: "bomb.yaml")
        #expect(result.policy == nil)
        #expect(result.diagnostics.map(\.code) == [.limitExceeded])
        #expect(result.diagnostics.first?.message == "the policy expands to more than 100000 YAML nodes")
        #expect(result.diagnostics.first?.location == SourceLocation(line: 7, column: 36))
    }
}
