import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Finds policy files: each path is a file, or a folder searched for `*.yaml` / `*.yml`.
package enum PolicyFiles {
    /// Policy files, or the policy test files that sit beside them (`*.tests.yaml`).
    package enum Kind { case policies, tests }

    /// Test files end in `.tests.yaml` or `.tests.yml`; they are never loaded as policies.
    static func isTestFile(_ path: String) -> Bool {
        let lower = path.lowercased()
        return lower.hasSuffix(".tests.yaml") || lower.hasSuffix(".tests.yml")
    }

    /// The extensions of policy files (made once, not for each call).
    package static let policyExtensions: Set<String> = ["yaml", "yml"]

    /// Expands `paths` into policy files in a stable order, with a diagnostic for each
    /// path that does not exist and for a folder that holds no policy file.
    package static func expand(_ paths: [String], extensions: Set<String> = policyExtensions, kind: Kind = .policies)
        -> (paths: [String], problems: [Diagnostic])
    {
        var found: [String] = []
        var problems: [Diagnostic] = []
        let fm = FileManager.default
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                problems.append(DiagnosticText.noSuchPath(path).at(nil, file: path))
                continue
            }
            guard isDirectory.boolValue else {
                found.append(path)
                continue
            }
            // A folder that cannot be listed (no permission) is unreadable, not empty; so is a
            // sub-folder that cannot be listed.
            var unreadable: [String] = []
            guard (try? fm.contentsOfDirectory(atPath: path)) != nil else {
                problems.append(DiagnosticText.unreadableFolder(path).at(nil, file: path))
                continue
            }
            var inFolder: [String] = []
            let root = URL(fileURLWithPath: path)
            let walker = fm.enumerator(at: root, includingPropertiesForKeys: nil, options: []) { url, _ in
                unreadable.append(url.path)
                return true
            }
            let rootPath = root.standardizedFileURL.path
            while let url = walker?.nextObject() as? URL {
                let standardized = url.standardizedFileURL.path
                guard standardized.hasPrefix(rootPath) else { continue }
                let relative = String(standardized.dropFirst(rootPath.count)).drop { $0 == "/" }
                let ext = (relative as NSString).pathExtension.lowercased()
                let full = path == "." ? String(relative) : path.hasSuffix("/") ? path + relative : path + "/" + relative
                if extensions.contains(ext), isTestFile(full) == (kind == .tests) { inFolder.append(full) }
            }
            for folder in unreadable.sorted() { problems.append(DiagnosticText.unreadableFolder(folder).at(nil, file: folder)) }
            if inFolder.isEmpty, unreadable.isEmpty {
                problems.append(DiagnosticText.noPolicyFiles(in: path, tests: kind == .tests).at(nil, file: path))
            }
            found += inFolder.sorted()
        }
        return (found, problems)
    }

    /// A policy file's bytes, or why not.
    enum FileRead {
        case bytes([UInt8])
        /// Larger than the limit: its size, in bytes.
        case tooLarge(Int)
        case unreadable
    }

    /// Reads a file with `stat`, `open` and `read` (what `FileManager`'s attributes and
    /// `Data(contentsOf:)` did before, without their URL, attribute dictionary and casts): its size
    /// first, as `stat` gives it (a symbolic link's target's), checked against `maxBytes`.
    static func contents(of path: String, maxBytes: Int) -> FileRead {
        var status = stat()
        guard stat(path, &status) == 0 else { return .unreadable }
        let size = Int(status.st_size)
        if size > maxBytes { return .tooLarge(size) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .unreadable }
        defer { close(descriptor) }
        // One byte more than the size, so that the first read can meet the end.
        var bytes = [UInt8](repeating: 0, count: max(size, 0) + 1)
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: bytes.count)) }
            let got = bytes.withUnsafeMutableBytes { buffer in read(descriptor, buffer.baseAddress! + count, buffer.count - count) }
            if got < 0 {
                if errno == EINTR { continue }
                return .unreadable
            }
            if got == 0 { break }
            count += got
        }
        bytes.removeLast(bytes.count - count)
        return .bytes(bytes)
    }
}
