import Foundation
import Testing
@testable import ReferralPolicy

/// Hostile and broken policy files: each gets a diagnostic with a place, never a crash.
/// (How long each takes is printed by `scripts/hostile-timings.sh`, not asserted here.)
@Suite struct HostilePolicyTests {
    /// A frozen copy of the example's version 2, so that edits to the example do not move these places.
    static let example: String = (try? String(contentsOfFile: T.packageRoot + "/Tests/ReferralPolicyTests/Inputs/hostile-base.yaml",
                                              encoding: .utf8)) ?? ""

    /// Anchors referencing anchors, 9 wide and 12 deep: 9^12 nodes if expanded.
    static let aliasBomb: String = {
        var text = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n"
        for i in 1..<12 {
            let ref = Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ")
            text += "a\(i): &a\(i) [\(ref)]\n"
        }
        return text + "program: x\n"
    }()

    static func edited(_ from: String, _ to: String) -> String { example.replacingOccurrences(of: from, with: to) }

    static let cases: [(String, String, String)] = [
        ("alias bomb", aliasBomb, """
        alias bomb.yaml:6:10: error[RP005]: the policy expands to more than 100000 YAML nodes
          help: YAML aliases (`*name`) count each time they are used; write the policy without nested aliases
        """),
        ("deep flow nesting", String(repeating: "[", count: 100_000), """
        deep flow nesting.yaml:1:33: error[RP005]: the policy nests deeper than 32 levels
          help: a policy needs only a few levels; check the brackets
        """),
        ("deep block nesting", (0..<200).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n"), """
        deep block nesting.yaml:32:32: error[RP005]: the policy nests deeper than 32 levels
          help: a policy needs only a few levels; check the indentation
        """),
        ("deep dashes", String(repeating: "- ", count: 5000) + "x", """
        deep dashes.yaml:1:1999: error[RP005]: the policy nests deeper than the YAML parser allows
          help: a policy needs only a few levels; check the indentation and `- ` markers
        """),
        ("very large file", "program: x\n" + String(repeating: "# filler line to make the file very large\n", count: 30_000), """
        very large file.yaml: error[RP005]: the policy file is 1260011 bytes, more than the limit of 1048576
          help: split the program into smaller files, or raise `LoadLimits.maxFileBytes`
        """),
        ("very long line", "program: " + String(repeating: "x", count: 20_000) + "\n", """
        very long line.yaml:1:1: error[RP005]: line 1 is longer than 16384 bytes
          help: break the value over several lines
        """),
        ("empty file", "", """
        empty file.yaml:1:1: error[RP004]: the policy file is empty
          help: a policy starts with `program:`, `version:` and `referral_types:`
        """),
        ("only comments", "# a policy to come\n# soon\n", """
        only comments.yaml:1:1: error[RP004]: the policy file is empty
          help: a policy starts with `program:`, `version:` and `referral_types:`
        """),
        ("only a byte-order mark", "\u{FEFF}", """
        only a byte-order mark.yaml:1:1: error[RP004]: the policy file is empty
          help: a policy starts with `program:`, `version:` and `referral_types:`
        """),
        ("list root", "- program: x\n- version: 1\n", """
        list root.yaml:1:1: error[RP002]: a policy must be a mapping of keys, found a list
          help: start the file with `program:`, `version:`, `currency:`, `events:` and `referral_types:`
        """),
        ("scalar root", "just some words", """
        scalar root.yaml:1:1: error[RP002]: a policy must be a mapping of keys, found text
          help: start the file with `program:`, `version:`, `currency:`, `events:` and `referral_types:`
        """),
        ("two documents", example + "---\nprogram: other\n", """
        two documents.yaml:139:1: error[RP003]: a policy file holds one YAML document, found a second
          help: remove the `---` or put each version in its own file
        """),
        ("NUL byte", "program: a\u{0}b\n", """
        NUL byte.yaml:1:11: error[RP006]: the file holds a NUL byte
          help: policy files are UTF-8 text; remove the character
        """),
        ("control character", "program: a\u{7}b\n", """
        control character.yaml:1:11: error[RP006]: the file holds control character U+0007
          help: policy files are UTF-8 text; remove the character
        """),
        ("tab indentation", "program: a\nevents:\n\tearned: {}\n", """
        tab indentation.yaml:3:1: error[RP001]: invalid YAML: found character that cannot start any token
          help: indent with spaces; YAML does not allow tabs for indentation
        """),
        ("unclosed bracket", "program: [a, b\nversion: 1\n", """
        unclosed bracket.yaml:2:8: error[RP001]: invalid YAML: did not find expected ',' or ']'
          help: close the bracket that opens at line 1, or add the missing `,`
        """),
        ("unclosed quote", "program: \"abc\nversion: 1\n", """
        unclosed quote.yaml:1:10: error[RP001]: invalid YAML: this quoted text is never closed
          help: add the closing quote, or remove the opening one
        """),
        ("duplicate keys", edited("    window:\n      days: 90\n", "    window:\n      days: 90\n    window:\n      days: 30\n"), """
        duplicate keys.yaml:79:5: error[RP103]: duplicate key `window`
          help: `window` is already set at line 77; remove one of them
        """),
        ("python tag", "program: !!python/object:os.system x\n", """
        python tag.yaml:1:10: error[RP007]: YAML tags (`!…`) are not supported
          help: remove the tag; policy values are plain text, numbers, true/false, lists and mappings
        """),
        ("custom tag", edited("currency: USD", "currency: !custom USD"), """
        custom tag.yaml:10:11: error[RP007]: YAML tags (`!…`) are not supported
          help: remove the tag; policy values are plain text, numbers, true/false, lists and mappings
        """),
        ("merge key", edited("  - id: monthly_burst\n", "  - id: monthly_burst\n    <<: {kind: credit}\n"), """
        merge key.yaml:69:5: error[RP007]: merge keys (`<<`) are not supported
          help: write the keys out; a reviewer should see every rule where it applies
        """),
        ("number too large", edited("max_rewards: 20", "max_rewards: 99999999999999999999999"), """
        number too large.yaml:66:18: error[RP303]: `max_rewards` is too large: `99999999999999999999999`
          help: use a number below 9223372036854775807
        """),
        ("too many decimals", edited("amount: 50.00", "amount: 50.005"), """
        too many decimals.yaml:134:17: error[RP301]: `amount` `50.005` is finer than USD allows (2 decimals)
          help: round it to 2 decimals
        """),
        ("negative amount and duration", edited("amount: 50.00", "amount: -50.00").replacingOccurrences(of: "hold_days: 30", with: "hold_days: -3"), """
        negative amount and duration.yaml:129:20: error[RP403]: `hold_days` cannot be negative: `-3`
          help: write a number of days, 0 or more
        negative amount and duration.yaml:134:17: error[RP302]: `amount` cannot be negative: `-50.00`
          help: amounts are 0 or more
        """),
        ("impossible date", edited("from: 2025-07-01", "from: 2025-02-30"), """
        impossible date.yaml:12:9: error[RP401]: `effective.from` is not a valid date: `2025-02-30`
          help: write a date that exists, `2025-07-01`, or an instant, `2025-07-01T00:00:00Z`
        """),
        ("unknown currency", edited("currency: USD", "currency: USDD"), """
        unknown currency.yaml:10:11: error[RP304]: unknown currency `USDD`
          help: did you mean `USD`?
        """),
    ]

    @Test(arguments: cases)
    func rejectedWithAPlace(name: String, text: String, expected: String) {
        let result = Policy.load(yaml: text, file: "\(name).yaml")
        #expect(result.policy == nil)
        let actual = result.diagnostics.map(\.description).joined(separator: "\n")
        #expect(actual == expected)
    }

    /// Hostile policy files kept as inputs (`Inputs/hostile-policies/<name>.yaml`), each with the
    /// whole text of its diagnostics (`<name>.expected`): every one is refused with a place.
    /// `REFERRAL_POLICY_UPDATE_FIXTURES=1` rewrites the `.expected` files; review the diff.
    static let folder = T.packageRoot + "/Tests/ReferralPolicyTests/Inputs/hostile-policies"
    static let files: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()

    @Test(arguments: files)
    func hostileFile(_ name: String) throws {
        let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: "\(Self.folder)/\(name).yaml")), as: UTF8.self)
        let result = Policy.load(yaml: text, file: "\(name).yaml")
        #expect(result.policy == nil)
        #expect(!result.diagnostics.isEmpty && result.diagnostics.allSatisfy { $0.location != nil }, "every diagnostic has a place")
        let actual = result.diagnostics.map(\.description).joined(separator: "\n")
        let expectedPath = "\(Self.folder)/\(name).expected"
        if ProcessInfo.processInfo.environment["REFERRAL_POLICY_UPDATE_FIXTURES"] == "1" {
            try (actual + "\n").write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: expectedPath, encoding: .utf8)
        #expect(actual + "\n" == expected)
    }

    @Test func hostileFilesFound() {
        #expect(Self.files.count >= 15)
    }

    /// Thousands of unknown keys: the first 100 diagnostics, then one that counts the rest.
    /// (`scripts/hostile-timings.sh` times the 48,000, 10,000 anchors and 40,000 keys
    /// after 600 KB of comments as whole processes; these are smaller so the suite stays quick.)
    @Test func manyUnknownKeysAreCapped() {
        let text = Self.example + (0..<4_800).map { "k\($0): 1\n" }.joined()
        let result = Policy.load(yaml: text, file: "keys.yaml")
        #expect(result.diagnostics.count == 101)
        #expect(result.diagnostics.last?.description == """
        keys.yaml:239:1: error[RP005]: 4700 more problems in this file are not listed (the first 100 are)
          help: fix the problems listed and check again, or raise `LoadLimits.maxDiagnostics`
        """)
    }

    /// 10,000 anchors on unknown keys, and 40,000 keys after 600 KB of comments: capped too.
    @Test func anchorsAndCommentsAreCapped() {
        let anchors = "program: x\nversion: '1'\n" + (0..<2_000).map { "k\($0): &a\($0) v\n" }.joined()
        let a = Policy.load(yaml: anchors, file: "anchors.yaml").diagnostics
        #expect(a.count == 101)
        #expect(a.last?.message == "1903 more problems in this file are not listed (the first 100 are)")
        let comments = String(repeating: "# " + String(repeating: "c", count: 78) + "\n", count: 7_500)
            + "program: x\nversion: '1'\n" + (0..<4_000).map { "k\($0): 1\n" }.joined()
        let c = Policy.load(yaml: comments, file: "comments.yaml").diagnostics
        #expect(c.count == 101)
        #expect(c.first?.location == SourceLocation(line: 7_501, column: 1))
    }

    /// Many duplicate keys: each is reported where it stands; past 100 passes (or 4 MiB of
    /// parsing again), one diagnostic says so, at the last one found.
    @Test func manyDuplicateKeys() {
        let text = "program: x\nversion: '1'\n" + (0..<50).map { "k\($0): 1\nk\($0): 2\n" }.joined()
        let result = Policy.load(yaml: text, file: "dups.yaml", limits: LoadLimits(maxDiagnostics: 1_000))
        #expect(result.policy == nil)
        let duplicates = result.diagnostics.filter { $0.code == .duplicateKey }
        #expect(duplicates.map(\.location) == (0..<50).map { SourceLocation(line: 4 + 2 * $0, column: 1) })
        #expect(duplicates.last?.help == "`k49` is already set at line 101; remove one of them")
        // 150 in one block mapping are found in one pass (101 diagnostics: the cap).
        let block = "program: x\n" + (0..<150).map { "k\($0): 1\nk\($0): 2\n" }.joined()
        let blockResult = Policy.load(yaml: block, file: "dups.yaml").diagnostics
        #expect(blockResult.count == 101)
        #expect(blockResult.filter { $0.code == .duplicateKey }.first?.location == SourceLocation(line: 3, column: 1))
        // In a flow mapping each duplicate takes a pass; past the bound, one located diagnostic.
        let flow = "program: x\nm: {" + (0..<150).map { "k\($0): 1, k\($0): 2" }.joined(separator: ", ") + "}\n"
        let flowResult = Policy.load(yaml: flow, file: "dups.yaml").diagnostics
        #expect(flowResult.map(\.code) == [.limitExceeded])
        #expect(flowResult.first?.location?.line == 2)
        #expect(flowResult.first?.message == "the policy has more than 100 duplicate keys")
    }

    /// The screen that refuses alias keys, explicit keys, tags and `%TAG` before parsing reads
    /// block scalars, quotes and plain text as text: look-alikes there are accepted.
    @Test func textThatLooksLikeRefusedSyntaxIsAccepted() throws {
        let text = try String(contentsOfFile: T.packageRoot + "/Tests/ReferralPolicyTests/Inputs/syntax-lookalikes.yaml", encoding: .utf8)
        let result = Policy.load(yaml: text, file: "lookalikes.yaml")
        #expect(result.diagnostics.map(\.description) == [])
        #expect(result.policy != nil)
    }

    @Test func byteOrderMarkIsAccepted() {
        let result = Policy.load(yaml: "\u{FEFF}" + Self.example, file: "bom.yaml")
        #expect(!result.diagnostics.hasErrors)
        #expect(result.policy != nil)
    }

    @Test func bytesThatAreNotUTF8() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rp-latin1-\(UUID().uuidString).yaml").path
        try Data("program: caf".utf8 + [0xE9] + Array("\nversion: 1\n".utf8)).write(to: URL(fileURLWithPath: path))
        let result = Policy.load(contentsOf: path)
        #expect(result.diagnostics.map(\.description) == ["""
        \(path):1:13: error[RP006]: the file is not UTF-8 text
          help: save the policy as UTF-8
        """])
    }

    @Test func tooManyRules() {
        var limits = LoadLimits.default
        limits.maxRules = 3
        let result = Policy.load(yaml: Self.example, file: "many.yaml", limits: limits)
        #expect(result.diagnostics.map(\.description) == ["""
        many.yaml:7:1: error[RP005]: the policy has 16 rules, more than the limit of 3
          help: split the program, or raise `LoadLimits.maxRules`
        """])
    }

    @Test func limitsCanBeRaised() {
        var limits = LoadLimits.default
        limits.maxLineBytes = 50_000
        let result = Policy.load(yaml: Self.example.replacingOccurrences(of: "description: Freelancer and client referrals from 1 July 2025",
                                                                       with: "description: " + String(repeating: "x", count: 20_000)),
                                 file: "long.yaml", limits: limits)
        #expect(result.policy != nil)
    }
}
