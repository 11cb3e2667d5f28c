import ReferralPolicy

/// One side of a diff, loaded: the set when every file compiled and the versions fit
/// together, every diagnostic, and the files' text for quoting source lines.
struct DiffPolicies {
    var set: PolicySet?
    var diagnostics: [Diagnostic]
    var sources: [String: String]
    var fileCount: Int

    /// A side loaded from paths, as `--policy` takes them.
    init(_ loaded: PolicySetLoadResult) {
        set = loaded.set
        diagnostics = loaded.diagnostics
        sources = [:]
        for file in loaded.files {
            var paths = Set(file.diagnostics.compactMap(\.file))
            if let path = file.policy?.file { paths.insert(path) }
            for path in paths { sources[path] = file.source }
        }
        fileCount = loaded.files.count
    }

    /// A side loaded file by file (from git).
    init(_ files: [PolicyLoadResult]) {
        diagnostics = files.flatMap(\.diagnostics)
        sources = [:]
        for file in files {
            var paths = Set(file.diagnostics.compactMap(\.file))
            if let path = file.policy?.file { paths.insert(path) }
            for path in paths { sources[path] = file.source }
        }
        fileCount = files.count
        let policies = files.compactMap(\.policy)
        set = nil
        if !diagnostics.hasErrors, !policies.isEmpty {
            let made = PolicySet.make(policies)
            set = made.set
            diagnostics += made.diagnostics
        }
    }
}
