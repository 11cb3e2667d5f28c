import Foundation
import Testing

/// The README's excerpt of `describe` is a piece of the golden, word for word.
@Suite struct DescribeReadmeTests {
    @Test func readmeExcerptIsInTheGolden() throws {
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let marker = "<!-- describe excerpt: Tests/CLITests/Inputs/describe/marketplace.md -->\n```markdown\n"
        let start = try #require(readme.range(of: marker), "the README has no describe excerpt")
        let end = try #require(readme.range(of: "\n```\n", range: start.upperBound..<readme.endIndex))
        let excerpt = String(readme[start.upperBound..<end.lowerBound])
        let golden = try String(contentsOf: CLI.packageRoot.appendingPathComponent(CLI.inputs + "/describe/marketplace.md"), encoding: .utf8)
        #expect(excerpt.count > 200)
        #expect(golden.contains(excerpt), "the README's excerpt is not in marketplace.md")
    }
}
