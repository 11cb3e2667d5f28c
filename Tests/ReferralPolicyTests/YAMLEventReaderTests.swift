import Foundation
import Testing
@testable import ReferralPolicy

/// The loader reads a usual policy straight from libyaml's events (`YAMLLoader.EventReader`)
/// and anything else the general way (Yams' node tree and the converter). Whatever the event
/// reader reads must be what the general way reads, node for node, with its places and styles,
/// and without a diagnostic; whatever the general way reports on, the event reader leaves to it.
@Suite struct YAMLEventReaderTests {
    /// Every YAML file of the package: the shipped policies, the examples, the diagnostic cases,
    /// the hostile policies, the fuzzers' regressions, the schema's mistakes.
    static let files: [String] = {
        let root = T.packageRoot
        var found: [String] = []
        for folder in ["policies", "examples", "bench", "fixtures", "fuzz", "Tests"] {
            guard let walk = FileManager.default.enumerator(atPath: root + "/" + folder) else { continue }
            while let name = walk.nextObject() as? String {
                if name.hasSuffix(".yaml") || name.hasSuffix(".yml") { found.append(folder + "/" + name) }
            }
        }
        return found.sorted()
    }()

    /// The node as text: kind, place, style and children, so two trees compare as two strings.
    static func dump(_ node: YNode?) -> String {
        guard let node else { return "nil" }
        let at = "@\(node.location.line):\(node.location.column)"
        switch node.kind {
        case .scalar(let text, let quoted):
            return "\(quoted ? "q" : "p")\(at)\(text.debugDescription)"
        case .sequence(let items):
            return "[\(at) " + items.map { dump($0) }.joined(separator: ", ") + "]"
        case .mapping(let pairs):
            return "{\(at) " + pairs.map { dump($0.key) + ": " + dump($0.value) }.joined(separator: ", ") + "}"
        }
    }

    /// What each way reads from `text`: the event reader's tree (nil when it leaves the text to
    /// the general way), and the general way's tree and diagnostics.
    static func bothWays(_ text: String, limits: LoadLimits = .default) -> (fast: YNode?, general: YNode?, diagnostics: [Diagnostic])? {
        let loader = YAMLLoader(text: text, limits: limits, file: "p.yaml")
        let screened = TextScreen(text: text, limits: limits, file: "p.yaml").scan()
        guard screened.problem == nil else { return nil }  // the screen's, before either way
        let source = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        let general = loader.loadGenerally(source, aliases: screened.aliases)
        return (YAMLLoader.EventReader.read(source, limits: limits), general.root, general.diagnostics)
    }

    static func expectSame(_ text: String, _ name: String, limits: LoadLimits = .default) {
        guard let read = bothWays(text, limits: limits), let fast = read.fast else { return }
        #expect(read.diagnostics.isEmpty, "\(name): the event reader read a text the general way reports on")
        #expect(dump(fast) == dump(read.general), "\(name)")
    }

    @Test func theFilesOfThePackageReadAlike() {
        #expect(Self.files.count > 100)
        var readFast = 0
        for file in Self.files {
            // (A few hostile files are not UTF-8: the loader stops before either way.)
            guard let data = FileManager.default.contents(atPath: T.packageRoot + "/" + file),
                  let text = String(validating: data, as: UTF8.self) else { continue }
            Self.expectSame(text, file)
            if Self.bothWays(text)?.fast != nil { readFast += 1 }
        }
        // Most files are usual policies: the event reader reads them itself.
        #expect(readFast > Self.files.count / 2)
    }

    @Test func theShippedPoliciesAndExamplesAreReadStraightFromEvents() throws {
        let usual = Self.files.filter { $0.hasPrefix("policies/") || $0.hasPrefix("examples/") }
        #expect(!usual.isEmpty)
        for file in usual {
            let text = try String(contentsOfFile: T.packageRoot + "/" + file, encoding: .utf8)
            #expect(Self.bothWays(text)?.fast != nil, "\(file)")
        }
    }

    @Test func theHostileCasesReadAlike() {
        for (name, text, _) in HostilePolicyTests.cases { Self.expectSame(text, name) }
    }

    /// Styles, places and shapes the event reader reads itself, each against the general way.
    @Test(arguments: [
        "a: 1\nb: 'two'\nc: \"three\"\nd: |\n  four\ne: >\n  five\n",
        "list:\n  - x\n  - y: 1\n    z: 2\n  - [p, q]\n  - {r: s}\n",
        "é: ü\nkey: \"tab\\there\"\nempty:\nnull: ~\n",
        "\u{FEFF}program: with a byte-order mark\n",
        "---\nprogram: explicit start\n...\n",
        "k1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk10: 10\nk11: 11\n",
        "e\u{301}: decomposed\n\u{E9}x: composed\n",
        "nested:\n  - - - deep\n",
        "# only a comment\n",
        "plain scalar root\n",
    ])
    func usualShapesReadAlike(_ text: String) {
        Self.expectSame(text, text.debugDescription)
    }

    /// Texts the general way reports on, or reads with a diagnostic: the event reader leaves each to it.
    @Test(arguments: [
        "a: 1\na: 2\n",
        "list:\n  - id: a\n    x: 1\n    id: b\n",
        "k1: 1\nk2: 2\nk3: 3\nk4: 4\nk5: 5\nk6: 6\nk7: 7\nk8: 8\nk9: 9\nk1: 10\n",
        "a: 1\n'a': 2\n",
        "e\u{301}: 1\n\u{E9}: 2\n",
        "base: &b {x: 1}\nother: *b\n",
        "a: !!str 1\n",
        "a: !custom 1\n",
        "<<: {x: 1}\n",
        "a: 1\n---\nb: 2\n",
        "a: [1, 2\n",
        "",
        "\u{2063}0\u{2063}a: 1\n",
        "? [a, b]\n: c\n",
    ])
    func unusualTextsAreLeftToTheGeneralWay(_ text: String) {
        let source = text.unicodeScalars.first == "\u{FEFF}" ? String(text.unicodeScalars.dropFirst()) : text
        #expect(YAMLLoader.EventReader.read(source, limits: .default) == nil, "\(text.debugDescription)")
    }

    /// The limits on nodes and depth: past them, the general way (which reports them).
    @Test func pastTheLimitsTheGeneralWayReads() {
        let text = "a:\n  b:\n    c: [1, 2, 3]\n"
        // Ten nodes (keys count), five levels deep (the list's items).
        #expect(YAMLLoader.EventReader.read(text, limits: LoadLimits(maxDepth: 5, maxNodes: 10)) != nil)
        #expect(YAMLLoader.EventReader.read(text, limits: LoadLimits(maxDepth: 4, maxNodes: 10)) == nil)
        #expect(YAMLLoader.EventReader.read(text, limits: LoadLimits(maxDepth: 5, maxNodes: 9)) == nil)
        Self.expectSame(text, "limits", limits: LoadLimits(maxDepth: 5, maxNodes: 10))
        #expect(Self.bothWays(text, limits: LoadLimits(maxDepth: 4, maxNodes: 10))?.diagnostics.isEmpty == false)
        #expect(Self.bothWays(text, limits: LoadLimits(maxDepth: 5, maxNodes: 9))?.diagnostics.isEmpty == false)
    }
}
