import Foundation

/// Finds policy files: each path is a file, or a folder searched for `*.yaml` / `*.yml`.
enum PolicyFiles {
    /// Policy files, or the policy test files that sit beside them (`*.tests.yaml`).
    enum Kind { case policies, tests }

    /// Test files end in `.tests.yaml` or `.tests.yml`; they are never loaded as policies.
    static func isTestFile(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".tests.yaml") || lower.hasSuffix(".tests.yml")
    }

    /// Expands `paths` into policy files in a stable order, with a diagnostic for each
    /// path that does not exist and for a folder that holds no policy file.
    static func expand(_ paths: [String], extensions: Set<String> = ["yaml", "yml"], kind: Kind = .policies)
        -> (paths: [String], problems: [Diagnostic])
    {
        var found: [String] = []
        var problems: [Diagnostic] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(Diagnostic(code: .unreadableFile, message: "no such file or folder `\(path)`",
                                           location: nil, help: "check the path", file: path))
                continue
            }
            guard isDirectory.boolValue else {
                found.append(path)
                continue
            }
            var inFolder: [String] = []
            if let walker = fm.enumerator(atPath: path) {
                while let relative = walker.nextObject() as? String {
                    let ext = (relative as NSString).pathExtension.lowercased()
                    let full = path == "." ? relative : path.hasSuffix("/") ? path + relative : path + "/" + relative
                    if extensions.contains(ext), isTestFile(full) == (kind == .tests) { inFolder.append(full) }
                }
            }
            if inFolder.isEmpty {
                let what = kind == .tests ? "policy test files (`*.tests.yaml`)" : "policy files (`*.yaml`, `*.yml`)"
                problems.append(Diagnostic(code: .noPolicyFiles, message: "no \(what) in `\(path)`",
                                           location: nil, help: "name a file or a folder that holds some", file: path))
            }
            found += inFolder.sorted()
        }
        return (found, problems)
    }
}
