import Foundation
import Testing
@testable import ReferralPolicy

/// The library's diagnostic rendering: the same text, JSON, GitHub and SARIF output the CLI
/// prints, lines found through one line table per file, and text from policies escaped.
@Suite struct DiagnosticRendererTests {
    static let policy = "program: demo\r\nversion: \"1\"\n\twindw: 1\nlast line"

    @Test func sourceTextFindsEveryLineByIndex() {
        let source = SourceText(Self.policy)
        #expect(source.lineCount == 4)
        #expect(source.line(1) == "program: demo")  // the \r of \r\n is not part of the line
        #expect(source.line(2) == "version: \"1\"")
        #expect(source.line(3) == "\twindw: 1")
        #expect(source.line(4) == "last line")
        #expect(source.line(0) == nil)
        #expect(source.line(5) == nil)
        let empty = SourceText("")
        #expect(empty.lineCount == 1)
        #expect(empty.line(1) == "")
        let trailing = SourceText("a\né\n")
        #expect(trailing.line(2) == "é")
        #expect(trailing.line(3) == "")
        // The breaks the YAML parser counts: a lone CR, CR LF, NEL, LS, PS.
        let breaks = SourceText("a\rb\r\nc\u{85}d\u{2028}e\u{2029}f\r\r\ng")
        #expect((1...breaks.lineCount).map { breaks.line($0).map(String.init) } == ["a", "b", "c", "d", "e", "f", "", "g"])
    }

    /// Line numbers agree with the ones the loader reports when lines end in a lone CR.
    @Test func linesBreakWhereTheParserBreaksThem() {
        let text = "program: demo\rversion: \"1\"\rcurrency: USD\rwindw: 1\n"
        let loaded = Policy.load(yaml: text, file: "cr.yaml")
        let windw = loaded.diagnostics.first { $0.message.contains("windw") }
        #expect(windw?.location == SourceLocation(line: 4, column: 1))
        let rendered = DiagnosticRenderer(diagnostics: windw.map { [$0] } ?? [], sources: ["cr.yaml": text], fileCount: 1).render(.text)
        #expect(rendered.contains("   4 | windw: 1\n     | ^\n"), "\(rendered)")
    }

    @Test func textMatchesTheCLIWordForWord() {
        let d = Diagnostic(code: .unknownKey, message: "unknown key `windw` in the policy", location: SourceLocation(line: 3, column: 2),
                           help: "did you mean `window`?", file: "p.yaml")
        let renderer = DiagnosticRenderer(diagnostics: [d], sources: ["p.yaml": Self.policy], fileCount: 1)
        #expect(renderer.render(.text) == """
            p.yaml:3:2: error[RP101]: unknown key `windw` in the policy
               3 | \twindw: 1
                 | \t^
                 = help: did you mean `window`?

            1 file checked: 1 error, 0 warnings

            """)
        #expect(renderer.render(d) + "\n1 file checked: 1 error, 0 warnings\n" == renderer.render(.text))
        #expect(d.location?.snippet(in: SourceText(Self.policy)) == "\twindw: 1\n\t^")
        var colored = renderer
        colored.colored = true
        #expect(colored.render(d).hasPrefix("p.yaml:3:2: \u{1B}[1;31merror[RP101]\u{1B}[0m: unknown key"))
    }

    @Test func diagnosticsWithoutAPlaceOrSource() {
        let diagnostics = [
            Diagnostic(code: .unreadableFile, message: "no such file or folder `x.yaml`", location: nil, help: "check the path", file: "x.yaml"),
            Diagnostic(code: .overlappingVersions, message: "versions overlap", location: SourceLocation(line: 9, column: 1)),
            Diagnostic(code: .unusedDefinition, message: "unused", location: SourceLocation(line: 99, column: 1), file: "p.yaml"),
        ]
        let renderer = DiagnosticRenderer(diagnostics: diagnostics, sources: ["p.yaml": Self.policy], fileCount: 2)
        #expect(renderer.render(.text) == """
            x.yaml: error[RP008]: no such file or folder `x.yaml`
              = help: check the path

            9:1: error[RP601]: versions overlap

            p.yaml:99:1: warning[RP506]: unused

            2 files checked: 2 errors, 1 warning

            """)
        #expect(renderer.render(.github) == """
            ::error file=x.yaml,title=RP008::no such file or folder `x.yaml`%0Ahelp: check the path
            ::error line=9,col=1,title=RP601::versions overlap
            ::warning file=p.yaml,line=99,col=1,title=RP506::unused
            2 files checked: 2 errors, 1 warning

            """)
    }

    @Test func controlCharactersAreShownEscapedAndTheCaretFollows() {
        let text = "key: \"a\u{1B}[2Jb\": x\u{7F}\u{9B}y\u{202E}z"
        let d = Diagnostic(code: .invalidValue, message: "bad \u{1B}[31mred\r\n::warning::x", location: SourceLocation(line: 1, column: 14),
                           help: "fix\u{2028}it", file: "dir\n\"q\"\\.yaml")
        let renderer = DiagnosticRenderer(diagnostics: [d], sources: ["dir\n\"q\"\\.yaml": text], fileCount: 1)
        #expect(renderer.render(d) == """
            "dir\\u{A}\\"q\\"\\\\.yaml":1:14: error[RP105]: bad \\u{1B}[31mred\\u{D}\\u{A}::warning::x
               1 | key: "a\\u{1B}[2Jb": x\\u{7F}\\u{9B}y\\u{202E}z
                 |                   ^
                 = help: fix\\u{2028}it

            """)
        #expect(TerminalText.escaped("plain\ttab é 😀") == "plain\ttab é 😀")
        #expect(TerminalText.path("policies/a b.yaml") == "policies/a b.yaml")
    }

    @Test func aLongLineIsQuotedAroundTheColumn() {
        let line = String(repeating: "a", count: 500) + "KEY" + String(repeating: "b", count: 500)
        let source = SourceText(line)
        let snippet = SourceLocation(line: 1, column: 501).snippetParts(in: source)
        #expect(snippet?.line == "…" + String(repeating: "a", count: 60) + "KEY" + String(repeating: "b", count: 96) + "…")
        #expect(snippet?.caret == String(repeating: " ", count: 61) + "^")
        let start = SourceLocation(line: 1, column: 1).snippetParts(in: source)
        #expect(start?.line == String(repeating: "a", count: 160) + "…")
        #expect(start?.caret == "^")
        let past = SourceLocation(line: 1, column: 9).snippetParts(in: SourceText("short"))
        #expect(past?.caret == "        ^")
    }

    /// Issue 11: 48,000 diagnostics in one file rendered by index (one line table), each with
    /// its own line quoted.
    @Test func manyDiagnosticsEachQuoteTheirOwnLine() {
        let count = 48_000
        var text = ""
        for i in 1...count { text += "k\(i): 1\n" }
        let diagnostics = (1...count).map { i in
            Diagnostic(code: .unknownKey, message: "unknown key `k\(i)`", location: SourceLocation(line: i, column: 1), file: "big.yaml")
        }
        let out = DiagnosticRenderer(diagnostics: diagnostics, sources: ["big.yaml": text], fileCount: 1).render(.text)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == count * 4 + 2)
        #expect(lines[4 * 41_999 + 1] == "   42000 | k42000: 1")
        #expect(lines.last == "")
        #expect(lines[lines.count - 2] == "1 file checked: 48000 errors, 0 warnings")
    }

    @Test func jsonEscapesWhatATerminalWouldActOn() {
        let d = Diagnostic(code: .unknownKey, message: "a\u{1B}b\u{9B}c\u{2028}d\u{202E}e\tf", location: nil)
        let json = DiagnosticRenderer(diagnostics: [d], sources: [:], fileCount: 0).render(.json)
        #expect(json.contains(#""message": "a\u001bb\u009bc\u2028d\u202ee\u0009f""#))
        let decoded = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        #expect(((decoded?["diagnostics"] as? [[String: Any]])?.first?["message"] as? String) == d.message)
    }

    /// Every code's SARIF help link is a section `docs/diagnostics.md` has (`## RP101 unknown-key`).
    @Test func everyCodeHasItsDocumentedAnchor() throws {
        let doc = try String(contentsOfFile: T.packageRoot + "/docs/diagnostics.md", encoding: .utf8)
        let headings = Set(doc.split(separator: "\n").filter { $0.hasPrefix("## ") }.map { $0.dropFirst(3).lowercased().replacingOccurrences(of: " ", with: "-") })
        for code in DiagnosticCode.allCases {
            #expect(headings.contains(DiagnosticRenderer.documentationAnchor(code)), "\(code.rawValue)")
        }
    }

    @Test func sarifURIsArePercentEncoded() {
        #expect(SARIFLog.uri("policies/marketplace-v2.yaml") == "policies/marketplace-v2.yaml")
        #expect(SARIFLog.uri("./a b/c%d#e?.yaml") == "a%20b/c%25d%23e%3F.yaml")
        #expect(SARIFLog.uri("/abs/é.yaml") == "file:///abs/%C3%A9.yaml")
    }
}
