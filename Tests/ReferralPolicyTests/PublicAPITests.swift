import Foundation
import Testing

/// The public API of the two libraries, `ReferralPolicy` and `ReferralPolicyTesting`, as the
/// compiler sees it, is the list committed in `Tests/ReferralPolicyTests/Inputs/public-api.txt`
/// (`docs/architecture.md`, "The public API", says what it is for): a declaration made public,
/// changed or taken out shows here as a difference. After a deliberate change,
/// `UPDATE_PUBLIC_API=1 swift test --filter PublicAPITests` writes the list afresh; read its diff.
///
/// The list comes from the symbol graphs of the modules `swift test` has just built
/// (`swift-symbolgraph-extract`, the tool `swift package dump-symbol-graph` runs), one line per
/// public symbol, members of extensions to other modules' types included. Symbol graphs leave
/// out a symbol named after its module followed by `Version` (a rule meant for the generated
/// `<Module>VersionNumber`), so `ReferralPolicyVersion.current` is public but not listed.
@Suite struct PublicAPITests {
    static let modules = ["ReferralPolicy", "ReferralPolicyTesting"]
    static let committed = T.packageRoot + "/Tests/ReferralPolicyTests/Inputs/public-api.txt"

    @Test(.enabled(if: SymbolGraph.supported, "symbol graphs are read here on Linux only"))
    func thePublicAPIIsTheCommittedList() throws {
        let build = try #require(SymbolGraph.Build.find(), "no built module ReferralPolicy.swiftmodule near \(SymbolGraph.executable)")
        var text = """
            # The public API of ReferralPolicy and ReferralPolicyTesting, one symbol a line: kind, path, declaration.
            # Written by `UPDATE_PUBLIC_API=1 swift test --filter PublicAPITests`; PublicAPITests compares it with the build.

            """
        for module in Self.modules {
            text += "\n# \(module)\n" + (try build.publicSymbols(of: module)).joined(separator: "\n") + "\n"
        }
        if ProcessInfo.processInfo.environment["UPDATE_PUBLIC_API"] != nil {
            try text.write(toFile: Self.committed, atomically: true, encoding: .utf8)
        }
        let expected = try String(contentsOfFile: Self.committed, encoding: .utf8)
        let lines = Set(text.split(separator: "\n")), expectedLines = Set(expected.split(separator: "\n"))
        let added = lines.subtracting(expectedLines).sorted(), removed = expectedLines.subtracting(lines).sorted()
        if added.isEmpty, removed.isEmpty {
            #expect(text == expected)
        } else {
            Issue.record("""
                the public API is not the committed list (UPDATE_PUBLIC_API=1 swift test --filter PublicAPITests writes it, \
                if the change is meant):
                \((added.map { "+ \($0)" } + removed.map { "- \($0)" }).joined(separator: "\n"))
                """)
        }
    }
}

/// Reading the public symbols of a module built by `swift build` or `swift test`.
enum SymbolGraph {
    #if os(Linux)
    static let supported = true
    #else
    static let supported = false
    #endif

    /// The running test executable (`.build/<triple>/debug/ReferralPolicyPackageTests.xctest`).
    static var executable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// A build folder: its `Modules/` and the flags the modules were compiled with that the
    /// extractor needs too (the module maps of C dependencies: Yams' CYaml).
    struct Build {
        let modules: String
        let moduleMaps: [String]
        let tool: String

        /// The build folder of the running tests: the nearest folder above the test executable
        /// with `Modules/ReferralPolicy.swiftmodule`.
        static func find() -> Build? {
            var folder = URL(fileURLWithPath: SymbolGraph.executable).deletingLastPathComponent()
            for _ in 0..<3 {
                let modules = folder.appendingPathComponent("Modules")
                if FileManager.default.fileExists(atPath: modules.appendingPathComponent("ReferralPolicy.swiftmodule").path) {
                    guard let tool = SymbolGraph.tool() else { return nil }
                    return Build(modules: modules.path, moduleMaps: moduleMaps(configuration: folder), tool: tool)
                }
                folder = folder.deletingLastPathComponent()
            }
            return nil
        }

        /// The `-fmodule-map-file=` flags in SwiftPM's build manifest (`.build/debug.yaml` for
        /// the `debug` folder), found in the folders above the configuration's folder.
        static func moduleMaps(configuration folder: URL) -> [String] {
            var above = folder.deletingLastPathComponent()
            for _ in 0..<3 {
                let manifest = above.appendingPathComponent(folder.lastPathComponent + ".yaml").path
                if let text = try? String(contentsOfFile: manifest, encoding: .utf8) {
                    let flag = "-fmodule-map-file="
                    var found: Set<String> = []
                    var rest = text[...]
                    while let range = rest.range(of: flag) {
                        let path = rest[range.upperBound...].prefix { $0 != "\"" && $0 != "," && $0 != " " && $0 != "\n" }
                        found.insert(String(path))
                        rest = rest[range.upperBound...]
                    }
                    return found.sorted()
                }
                above = above.deletingLastPathComponent()
            }
            return []
        }

        /// One line per public symbol of `module`, sorted: `kind  path  :: declaration`.
        func publicSymbols(of module: String) throws -> [String] {
            let output = FileManager.default.temporaryDirectory.appendingPathComponent("rp-symbols-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: output) }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = ["-module-name", module, "-I", modules, "-minimum-access-level", "public",
                                 "-skip-synthesized-members", "-output-dir", output.path]
                + moduleMaps.flatMap { ["-Xcc", "-fmodule-map-file=" + $0] }
            let errors = Pipe()
            process.standardError = errors
            try process.run()
            let message = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw Failure(description: "\(tool) failed for \(module): " + String(decoding: message, as: UTF8.self))
            }
            var lines: [String] = []
            // `<module>.symbols.json`, and `<module>@<Other>.symbols.json` for extensions of
            // other modules' types (`String`, `Array`), listed under that module's name.
            for file in try FileManager.default.contentsOfDirectory(atPath: output.path).sorted()
            where file == module + ".symbols.json" || file.hasPrefix(module + "@") {
                let extended = file.hasPrefix(module + "@")
                    ? String(file.dropFirst(module.count + 1).dropLast(".symbols.json".count)) + "." : ""
                let data = try Data(contentsOf: output.appendingPathComponent(file))
                guard let graph = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                    throw Failure(description: "\(file) is not a symbol graph")
                }
                for symbol in graph["symbols"] as? [[String: Any]] ?? [] {
                    let kind = ((symbol["kind"] as? [String: Any])?["identifier"] as? String ?? "?")
                        .replacingOccurrences(of: "swift.", with: "")
                    let path = extended + ((symbol["pathComponents"] as? [String]) ?? []).joined(separator: ".")
                    let fragments = symbol["declarationFragments"] as? [[String: Any]] ?? []
                    let declaration = fragments.map { $0["spelling"] as? String ?? "" }.joined()
                    lines.append("\(kind.padding(toLength: 14, withPad: " ", startingAt: 0)) \(path)  ::  \(declaration)")
                }
            }
            return lines.sorted()
        }
    }

    /// `swift-symbolgraph-extract` from the `PATH`, or else from the toolchain whose Swift
    /// runtime this process runs on (`<toolchain>/usr/lib/swift/linux/libswiftCore.so`).
    static func tool() -> String? {
        let name = "swift-symbolgraph-extract"
        var folders = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        if let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8),
           let line = maps.split(separator: "\n").first(where: { $0.hasSuffix("/libswiftCore.so") }),
           let slash = line.firstIndex(of: "/") {
            let runtime = URL(fileURLWithPath: String(line[slash...]))
            folders.append((0..<4).reduce(runtime) { url, _ in url.deletingLastPathComponent() }.appendingPathComponent("bin").path)
        }
        return folders.map { $0 + "/" + name }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }
}
