import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// load → parse → check → compile, collecting every diagnostic on the way.
enum PolicyPipeline {
    static func run(path: String, limits: LoadLimits) -> PolicyLoadResult {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            return PolicyLoadResult(policy: nil, diagnostics: [DiagnosticText.noSuchPolicyFile(path).at(nil, file: path)], source: "")
        }
        if isFolder.boolValue {
            return PolicyLoadResult(policy: nil, diagnostics: [DiagnosticText.folderIsNotAPolicyFile(path).at(nil, file: path)], source: "")
        }
        let bytes: [UInt8]
        switch readFile(path, maxBytes: limits.maxFileBytes) {
        case .bytes(let read):
            bytes = read
        case .tooLarge(let size):
            return PolicyLoadResult(policy: nil, diagnostics: [
                DiagnosticText.fileTooLarge(bytes: size, limit: limits.maxFileBytes).at(nil, file: path)], source: "")
        case .unreadable:
            return PolicyLoadResult(policy: nil, diagnostics: [DiagnosticText.cannotReadFile(path).at(nil, file: path)], source: "")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let data = Data(bytes)
            let (line, column) = firstInvalidUTF8(data)
            return PolicyLoadResult(policy: nil, diagnostics: [DiagnosticText.notUTF8.at(SourceLocation(line: line, column: column), file: path)],
                                    source: String(decoding: data, as: UTF8.self))
        }
        return run(text: text, file: path, limits: limits, hashing: bytes)
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
    static func readFile(_ path: String, maxBytes: Int) -> FileRead {
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

    static func run(text: String, file: String?, limits: LoadLimits, hashing: [UInt8]? = nil) -> PolicyLoadResult {
        let (root, loadDiagnostics) = YAMLLoader(text: text, limits: limits, file: file).load()
        var diagnostics = loadDiagnostics
        guard let root else { return PolicyLoadResult(policy: nil, diagnostics: diagnostics.sortedAndLimited(limits), source: text) }
        if diagnostics.contains(where: { $0.code == .limitExceeded }) {
            return PolicyLoadResult(policy: nil, diagnostics: diagnostics.sortedAndLimited(limits), source: text)
        }
        var parser = PolicyParser(file: file, limits: limits)
        let model = parser.parse(root)
        diagnostics += parser.diagnostics
        guard let model else { return PolicyLoadResult(policy: nil, diagnostics: diagnostics.sortedAndLimited(limits), source: text) }
        var checker = PolicyChecker(model: model, file: file)
        let checked = checker.check()
        // A rule that did not parse leaves a gap; "pays no reward" or "unused" about that gap is noise.
        let hadErrors = diagnostics.hasErrors || checked.hasErrors
        diagnostics += checked.filter { !(hadErrors && ($0.code == .noRewards || $0.code == .unusedDefinition)) }
        diagnostics = diagnostics.sortedAndLimited(limits)
        if diagnostics.hasErrors { return PolicyLoadResult(policy: nil, diagnostics: diagnostics, source: text) }
        let bytes = hashing ?? Array(text.utf8)
        let identity = PolicyIdentity(program: model.program, version: model.version, contentHash: "sha256:" + SHA256.hex(bytes))
        guard let compiled = PlanCompiler(model: model, identity: identity, file: file).compile() else {
            diagnostics.append(DiagnosticText.couldNotCompile.at(nil, file: file))
            return PolicyLoadResult(policy: nil, diagnostics: diagnostics, source: text)
        }
        return PolicyLoadResult(policy: Policy(compiled: compiled, model: model), diagnostics: diagnostics, source: text)
    }

    /// Line and column of the first byte that breaks UTF-8.
    static func firstInvalidUTF8(_ data: Data) -> (Int, Int) {
        var line = 1, column = 1
        var i = data.startIndex
        while i < data.endIndex {
            let b = data[i]
            var width = 1
            if b >= 0x80 {
                width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 0
                if width == 0 || i + width > data.endIndex { return (line, column) }
                if String(validating: data[i..<(i + width)], as: UTF8.self) == nil { return (line, column) }
            }
            if b == 10 { line += 1; column = 1 } else { column += 1 }
            i += width
        }
        return (line, column)
    }
}
