import Foundation

/// Finds policy files: each path is a file, or a folder searched for `*.yaml` / `*.yml`.
enum PolicyFiles {
    /// Expands `paths` into policy files in a stable order, with a diagnostic for each
    /// path that does not exist and for a folder that holds no policy file.
    static func expand(_ paths: [String], extensions: Set<String> = ["yaml", "yml"],
                       excluding: (String) -> Bool = { _ in false }) -> (paths: [String], problems: [Diagnostic]) {
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
                    let full = path.hasSuffix("/") ? path + relative : path + "/" + relative
                    if extensions.contains(ext), !excluding(full) { inFolder.append(full) }
                }
            }
            if inFolder.isEmpty {
                problems.append(Diagnostic(code: .noPolicyFiles, message: "no policy files (`*.yaml`, `*.yml`) in `\(path)`",
                                           location: nil, help: "name a policy file or a folder that holds some", file: path))
            }
            found += inFolder.sorted()
        }
        return (found, problems)
    }
}
