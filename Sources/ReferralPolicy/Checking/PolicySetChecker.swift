/// Checks that versions loaded together form one program whose periods neither overlap nor
/// leave a gap.
enum PolicySetChecker {
    static func check(_ policies: [Policy]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        guard let first = policies.first else { return out }
        for policy in policies.dropFirst() where policy.identity.program != first.identity.program {
            out.append(DiagnosticText.mixedPrograms(policy.file ?? policy.identity.version, program: policy.identity.program,
                                                    first: first.identity.program)
                .at(policy.model.programLocation, file: policy.file))
        }
        var seen: [String: Policy] = [:]
        for policy in policies {
            if let earlier = seen[policy.identity.version] {
                out.append(DiagnosticText.duplicateVersion(policy.identity.version, earlier: earlier.file ?? "another policy")
                    .at(policy.model.versionLocation, file: policy.file))
            } else {
                seen[policy.identity.version] = policy
            }
            if policy.effective.basis != first.effective.basis {
                out.append(DiagnosticText.mixedBases(policy.effective.basis.rawValue, first: first.effective.basis.rawValue,
                                                     in: first.file ?? first.identity.version)
                    .at(policy.model.effectiveLocation, file: policy.file))
            }
            if zoneName(policy) != zoneName(first) {
                out.append(DiagnosticText.mixedTimeZones(zoneName(policy), first: zoneName(first), in: first.file ?? first.identity.version)
                    .at(policy.model.timeZone?.location ?? policy.model.programLocation, file: policy.file))
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
                out.append(DiagnosticText.overlappingVersions(b.identity.version, earlier: a.identity.version, earlierUntil: aUntil)
                    .at(b.model.effectiveLocation, file: b.file))
            } else if bStart > aEnd, let until = a.effective.until, let from = b.effective.from {
                // Referees who sign up (or referrals decided) in between belong to no version.
                out.append(DiagnosticText.gapBetweenVersions(b.identity.version, earlier: a.identity.version,
                                                             gapFrom: "\(until)", gapUntil: "\(from)")
                    .at(b.model.effectiveLocation, file: b.file))
            }
        }
        out += checkUnits(policies)
        return out
    }

    /// The zone a version reads its dates in: `UTC` for every zone that is UTC at every instant.
    private static func zoneName(_ policy: Policy) -> String {
        guard let zone = policy.model.timeZone, zone.rules != nil else { return "UTC" }
        return zone.name
    }
}
