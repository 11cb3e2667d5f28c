import Foundation

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
        switch PolicyFiles.contents(of: path, maxBytes: limits.maxFileBytes) {
        case .bytes(let read):
            bytes = read
        case .tooLarge(let size):
            return PolicyLoadResult(policy: nil, diagnostics: [
                DiagnosticText.fileTooLarge(bytes: size, limit: limits.maxFileBytes).at(nil, file: path)], source: "")
        case .unreadable:
            return PolicyLoadResult(policy: nil, diagnostics: [DiagnosticText.cannotReadFile(path).at(nil, file: path)], source: "")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let (line, column) = firstInvalidUTF8(bytes)
            return PolicyLoadResult(policy: nil, diagnostics: [DiagnosticText.notUTF8.at(SourceLocation(line: line, column: column), file: path)],
                                    source: String(decoding: bytes, as: UTF8.self))
        }
        return run(text: text, file: path, limits: limits, hashing: bytes)
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
    static func firstInvalidUTF8(_ data: [UInt8]) -> (Int, Int) {
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
