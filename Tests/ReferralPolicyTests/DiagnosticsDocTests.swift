import Foundation
import Testing
import ReferralPolicy

/// `docs/diagnostics.md` stays true: one section per code with its severity, every policy
/// excerpt is a slice of the test case it names, and every reported text is that case's
/// expected text (which `DiagnosticsTests` checks against the library).
@Suite struct DiagnosticsDocTests {
    static let doc: [String] = {
        let url = DiagnosticsTests.folder.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/diagnostics.md")
        return ((try? String(contentsOf: url, encoding: .utf8)) ?? "").components(separatedBy: "\n")
    }()

    /// The fenced blocks of the document with the line just before them (skipping blank lines).
    static func blocks() -> [(lead: String, info: String, lines: [String])] {
        var out: [(String, String, [String])] = []
        var lead = ""
        var index = 0
        while index < doc.count {
            let line = doc[index]
            if line.hasPrefix("```") {
                let info = String(line.dropFirst(3))
                var body: [String] = []
                index += 1
                while index < doc.count, !doc[index].hasPrefix("```") { body.append(doc[index]); index += 1 }
                out.append((lead, info, body))
                lead = ""
            } else if !line.isEmpty {
                lead = line
            }
            index += 1
        }
        return out
    }

    static func quoted(after prefix: String, in line: String) -> String? {
        guard line.hasPrefix(prefix) else { return nil }
        return line.dropFirst(prefix.count).split(separator: "`").first.map(String.init)
    }

    @Test func oneSectionPerCode() {
        for code in DiagnosticCode.allCases {
            guard let heading = Self.doc.firstIndex(of: "## \(code.rawValue) \(code.name)") else {
                Issue.record("no section `## \(code.rawValue) \(code.name)`")
                continue
            }
            let severity = Self.doc[heading...].first { $0.hasPrefix("**Severity:**") }
            #expect(severity == "**Severity:** \(code.defaultSeverity.rawValue)", "\(code.rawValue)")
        }
    }

    @Test func excerptsComeFromTheirCases() throws {
        var checked = 0
        for block in Self.blocks() where block.info == "yaml" {
            let file = try #require(Self.quoted(after: "In `", in: block.lead), "a yaml block without `In `file`:` before it")
            let text = String(decoding: try Data(contentsOf: DiagnosticsTests.folder.appendingPathComponent(file)), as: UTF8.self)
            let lines = text.components(separatedBy: "\n")
            let found = (0...max(0, lines.count - block.lines.count)).contains { start in
                Array(lines[start..<min(lines.count, start + block.lines.count)]) == block.lines
            }
            #expect(found, "the excerpt is not a slice of \(file):\n\(block.lines.joined(separator: "\n"))")
            checked += 1
        }
        #expect(checked >= 50)
    }

    @Test func reportedTextIsTheCasesExpectedText() {
        var checked = 0
        for block in Self.blocks() where block.info == "text" {
            guard let name = Self.quoted(after: "The checker reports (case `", in: block.lead) else { continue }
            #expect(block.lines.joined(separator: "\n") == DiagnosticsTests.expected(name), "\(name)")
            checked += 1
        }
        #expect(checked >= 60)
    }

    /// The file-system examples (RP008, RP009) are the tool's own text, for a folder `drafts`
    /// and a file `policies/marketplace-v3.yaml` given relative to where it runs.
    @Test func fileSystemExamplesAreTheToolsText() throws {
        let tmp = try DiagnosticsTests.TemporaryFolder()
        try FileManager.default.createDirectory(atPath: tmp.path + "/drafts", withIntermediateDirectories: true)
        try Data("notes\n".utf8).write(to: URL(fileURLWithPath: tmp.path + "/drafts/README.md"))
        let cases = [("DiagnosticsTests.folderWithoutPolicies", "drafts"), ("DiagnosticsTests.missingPath", "policies/marketplace-v3.yaml")]
        for (source, path) in cases {
            let block = try #require(Self.blocks().first { $0.info == "text" && $0.lead.contains(source) }, "no example from \(source)")
            let text = PolicySet.load(paths: [tmp.path + "/" + path]).diagnostics.map(\.description).joined(separator: "\n")
            #expect(block.lines.joined(separator: "\n") == text.replacingOccurrences(of: tmp.path + "/", with: ""), "\(source)")
        }
    }
}
