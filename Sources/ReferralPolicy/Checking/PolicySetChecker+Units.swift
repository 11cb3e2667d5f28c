/// Units across the versions of one program: a unit code means the same amounts in every
/// version, since any version's limits count the past rewards recorded in it.
extension PolicySetChecker {
    static func checkUnits(_ policies: [Policy]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        var first: [String: (decimals: Int, version: String)] = [:]
        for policy in policies {
            for unit in policy.model.units {
                guard let earlier = first[unit.code] else {
                    first[unit.code] = (unit.decimals, policy.identity.version)
                    continue
                }
                if earlier.decimals != unit.decimals {
                    out.append(DiagnosticText.unitDiffersBetweenVersions(unit.code, decimals: unit.decimals, earlier: earlier.version,
                                                                         earlierDecimals: earlier.decimals)
                        .at(unit.location, file: policy.file))
                }
            }
        }
        return out
    }
}
