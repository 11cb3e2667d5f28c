/// RP5xx: logic (rules that never apply or always do), and RP6xx: versions loaded together.
extension DiagnosticText {
    static func tiersOutOfOrder(_ id: String, startsAt: String, before: String) -> DiagnosticText {
        DiagnosticText(.tiersOutOfOrder, "tier `\(id)` starts at \(startsAt), not above the tier before it (\(before))",
                       help: "list tiers from the lowest `at_least` to the highest")
    }

    static func unreachableTier(_ id: String, threshold: String, next: String) -> DiagnosticText {
        DiagnosticText(.unreachableTier, "tier `\(id)` is never reached",
                       help: "qualifying already needs \(threshold), where tier `\(next)` applies; remove the tier or lower the requirement")
    }

    static func neverChecked(_ id: String, blocker: String) -> DiagnosticText {
        DiagnosticText(.unreachableRule, "eligibility rule `\(id)` is never checked", help: "`\(blocker)` before it fails for every referral")
    }

    static func listsNoValues(_ id: String, field: String) -> DiagnosticText {
        DiagnosticText(.unreachableRule, "eligibility rule `\(id)` lists no values, so no referral is ever eligible",
                       help: "list the values `\(field)` may have")
    }

    static func zeroMaximum(_ id: String) -> DiagnosticText {
        DiagnosticText(.unreachableRule, "reward `\(id)` has `max: 0`, so it never pays anything", help: "raise `max`, or remove the reward")
    }

    static func limitAllowsNothing(_ id: String, kind: RewardKind?) -> DiagnosticText {
        guard let kind else {
            return DiagnosticText(.unreachableRule, "limit `\(id)` allows nothing, so no referrer reward is ever paid",
                                  help: "raise the limit, or remove the referrer rewards")
        }
        return DiagnosticText(.unreachableRule, "limit `\(id)` allows nothing, so no referrer \(kind.rawValue) reward is ever paid",
                              help: "raise the limit, or remove the referrer \(kind.rawValue) rewards")
    }

    static func alwaysMet(_ id: String) -> DiagnosticText {
        DiagnosticText(.alwaysMet, "requirement `\(id)` asks for at least 0, so it always holds", help: "raise `at_least`, or remove the requirement")
    }

    static func noRewards(_ type: String) -> DiagnosticText {
        DiagnosticText(.noRewards, "referral type `\(type)` pays no reward", help: "add a reward under `rewards:`, or remove the type")
    }

    static func unusedEventType(_ name: String) -> DiagnosticText {
        DiagnosticText(.unusedDefinition, "event type `\(name)` is declared but no rule uses it", help: "remove it, or use it in a requirement or reversal")
    }

    static func unusedAttribute(_ name: String) -> DiagnosticText {
        DiagnosticText(.unusedDefinition, "attribute `\(name)` is declared but no rule uses it",
                       help: "remove it, or use it in an eligibility rule or a `where` filter")
    }

    /// The first tier starts above what qualifying needs: a referral can qualify and be paid nothing.
    static func unpaidFirstTier(_ id: String, startsAt: String, requirement: String, needs: String, needsPlain: String) -> DiagnosticText {
        DiagnosticText(.unpaidFirstTier,
                       "the first tier `\(id)` starts at \(startsAt), but `\(requirement)` qualifies a referral from \(needs), so one that qualifies below \(startsAt) is paid nothing",
                       help: "start the first tier at `at_least: \(needsPlain)`, or raise the requirement; to pay nothing below \(startsAt) on purpose, add a first tier with `at_least: \(needsPlain)` and `amount: 0`")
    }

    /// `in: link, code` is one text value, `"link, code"`.
    static func commaInValue(_ key: String, _ text: String) -> DiagnosticText {
        let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        return DiagnosticText(.commaInValue, "`\(key): \(clip(text))` is one value, the text `\(clip(text))`, not a list of \(parts.count)",
                              help: "for a list write `\(key): [\(clip(parts.joined(separator: ", ")))]`; to mean the text itself, quote it: `\(key): [\"\(clip(text))\"]`")
    }

    /// Countries written other than as snapshots send them (two capital letters, ISO 3166-1).
    static func countryCode(_ values: [String], field: String) -> DiagnosticText {
        let shown = list(values.prefix(8).map { clip($0) }) + (values.count > 8 ? ", …" : "")
        let upper = values.map { $0.uppercased() }
        let fixable = upper.allSatisfy { $0.unicodeScalars.count == 2 && $0.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) } }
        let fix = fixable ? "write " + list(upper.prefix(8)) : "write two-letter codes, e.g. `US` for the United States"
        let one = values.count == 1
        return DiagnosticText(.countryCode,
                              "\(shown) \(one ? "is not a country code" : "are not country codes") as snapshots send `\(field)` (two capital letters), so \(one ? "it never matches" : "they never match")",
                              help: "\(fix); if snapshots really send \(one ? "it" : "them") so, quote \(one ? "it" : "them") (`\"\(clip(values[0]))\"`) to say so")
    }

    // MARK: RP6xx versions

    static func mixedPrograms(_ file: String, program: String, first: String) -> DiagnosticText {
        DiagnosticText(.mixedPrograms, "`\(file)` is program `\(program)`, not `\(first)`",
                       help: "load one program's versions together; evaluate other programs separately")
    }

    static func duplicateVersion(_ version: String, earlier: String) -> DiagnosticText {
        DiagnosticText(.duplicateVersion, "version `\(version)` is also defined in `\(earlier)`", help: "give each version its own `version`")
    }

    static func mixedBases(_ basis: String, first: String, in file: String) -> DiagnosticText {
        DiagnosticText(.mixedBases, "`effective.decided_by` is `\(basis)` here but `\(first)` in `\(file)`",
                       help: "all versions of a program must pick their referrals by the same date")
    }

    static func overlappingVersions(_ later: String, earlier: String, earlierUntil: String) -> DiagnosticText {
        DiagnosticText(.overlappingVersions, "version `\(later)` starts before version `\(earlier)` ends (\(earlierUntil))",
                       help: "set `effective.until` of version `\(earlier)` to `effective.from` of version `\(later)`")
    }

    static func gapBetweenVersions(_ later: String, earlier: String, gapFrom: String, gapUntil: String) -> DiagnosticText {
        DiagnosticText(.gapBetweenVersions,
                       "no version is in force from \(gapFrom) (when version `\(earlier)` ends) until \(gapUntil) (when version `\(later)` starts), so referrals that fall in it are never decided",
                       help: "set `effective.from` of version `\(later)` to \(gapFrom); to pause the program on purpose, add a version for the pause whose rewards pay `amount: 0`")
    }
}

import Foundation
