/// Checks that versions loaded together form one program whose periods do not overlap.
enum PolicySetChecker {
    static func check(_ policies: [Policy]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        guard let first = policies.first else { return out }
        for policy in policies.dropFirst() where policy.identity.program != first.identity.program {
            out.append(Diagnostic(
                code: .mixedPrograms,
                message: "`\(policy.file ?? policy.identity.version)` is program `\(policy.identity.program)`, not `\(first.identity.program)`",
                location: policy.compiled.programLocation,
                help: "load one program's versions together; evaluate other programs separately",
                file: policy.file))
        }
        var seen: [String: Policy] = [:]
        for policy in policies {
            if let earlier = seen[policy.identity.version] {
                out.append(Diagnostic(
                    code: .duplicateVersion,
                    message: "version `\(policy.identity.version)` is also defined in `\(earlier.file ?? "another policy")`",
                    location: policy.compiled.versionLocation, help: "give each version its own `version`",
                    file: policy.file))
            } else {
                seen[policy.identity.version] = policy
            }
            if policy.effective.basis != first.effective.basis {
                out.append(Diagnostic(
                    code: .mixedBases,
                    message: "`effective.decided_by` is `\(policy.effective.basis.rawValue)` here but `\(first.effective.basis.rawValue)` in `\(first.file ?? first.identity.version)`",
                    location: policy.compiled.effectiveLocation,
                    help: "all versions of a program must pick their referrals by the same date", file: policy.file))
            }
        }
        let ordered = policies.sorted {
            ($0.effective.from?.secondsSinceEpoch ?? .min) < ($1.effective.from?.secondsSinceEpoch ?? .min)
        }
        for (a, b) in zip(ordered, ordered.dropFirst()) {
            let aEnd = a.effective.until?.secondsSinceEpoch ?? .max
            let bStart = b.effective.from?.secondsSinceEpoch ?? .min
            if bStart < aEnd {
                let aUntil = a.effective.until.map { "until \($0)" } ?? "with no end"
                out.append(Diagnostic(
                    code: .overlappingVersions,
                    message: "version `\(b.identity.version)` starts before version `\(a.identity.version)` ends (\(aUntil))",
                    location: b.compiled.effectiveLocation,
                    help: "set `effective.until` of version `\(a.identity.version)` to `effective.from` of version `\(b.identity.version)`",
                    file: b.file))
            }
        }
        return out
    }
}
