import Foundation
import Testing

/// `referral-policy describe`: the whole text, Markdown and HTML, of the shipped program, the
/// benchmark's policy and the example policies, compared with the goldens in
/// `Inputs/describe/`. To accept a change in wording, run the tests with `UPDATE_GOLDENS=1`
/// and read the diff as the people who will read the text would.
@Suite struct DescribeCommandTests {
    static let cases: [(golden: String, paths: [String])] = [
        ("marketplace", ["policies/"]),
        ("workload", ["bench/workload.yaml"]),
        ("cli-test-program", [CLI.program]),
        ("warning", [CLI.inputs + "/warning/policy.yaml"]),
        ("everything", [CLI.inputs + "/describe/everything.yaml"]),
        ("dropbox", ["examples/dropbox/"]),
        ("payoneer", ["examples/payoneer/"]),
        ("calendar", [CLI.inputs + "/describe/calendar.yaml"]),
        ("revolut", ["examples/revolut/"]),
    ]

    static func compare(_ actual: String, golden: String) throws {
        let url = CLI.packageRoot.appendingPathComponent(CLI.inputs + "/describe/" + golden)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDENS"] != nil {
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "\(golden) differs (UPDATE_GOLDENS=1 swift test --filter DescribeCommandTests rewrites it)")
    }

    @Test(arguments: cases.map(\.golden))
    func markdown(_ golden: String) throws {
        let paths = try #require(Self.cases.first { $0.golden == golden }).paths
        let result = try CLI.run(["describe"] + paths)
        #expect(result.status == 0, "\(result)")
        #expect(result.stderr.isEmpty)
        try Self.compare(result.stdout, golden: golden + ".md")
    }

    @Test(arguments: ["marketplace", "everything"])
    func html(_ golden: String) throws {
        let paths = try #require(Self.cases.first { $0.golden == golden }).paths
        let result = try CLI.run(["describe", "--format", "html"] + paths)
        #expect(result.status == 0, "\(result)")
        try Self.compare(result.stdout, golden: golden + ".html")
    }

    /// Every element the page opens is closed, in order: a browser shows it as the goldens say.
    @Test(arguments: ["marketplace", "everything"])
    func htmlElementsAreBalanced(_ golden: String) throws {
        let html = try String(contentsOf: CLI.packageRoot.appendingPathComponent(CLI.inputs + "/describe/\(golden).html"), encoding: .utf8)
        var open: [String] = []
        var rest = Substring(html)
        while let lt = rest.firstIndex(of: "<") {
            let gt = try #require(rest[lt...].firstIndex(of: ">"))
            let tag = rest[rest.index(after: lt)..<gt]
            rest = rest[rest.index(after: gt)...]
            if tag.hasPrefix("!") { continue }
            let name = String(tag.split(separator: " ").first ?? "")
            if ["meta", "br"].contains(name) { continue }
            if name.hasPrefix("/") {
                #expect(open.popLast() == String(name.dropFirst()), "</\(name.dropFirst())> closes the wrong element")
            } else {
                open.append(name)
            }
        }
        #expect(open.isEmpty, "never closed: \(open)")
        #expect(!html.contains("<script"), "the page has no scripts")
    }

    @Test func invalidPolicyIsNotDescribed() throws {
        let result = try CLI.run(["describe", CLI.inputs + "/invalid/policy.yaml"])
        #expect(result.status == 1, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("error[RP101]: unknown key `windw` in referral type `client`"))
    }

    @Test func missingPathIsAUsageError() throws {
        let result = try CLI.run(["describe", "no-such-policy.yaml"])
        #expect(result.status == 2, "\(result)")
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no such file or folder `no-such-policy.yaml`"))
    }

    @Test func unknownFormatIsAUsageError() throws {
        let result = try CLI.run(["describe", "--format", "pdf", "policies/"])
        #expect(result.status == 2, "\(result)")
    }
}
