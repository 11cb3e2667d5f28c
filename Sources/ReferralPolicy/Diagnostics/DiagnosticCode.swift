/// The stable code of every diagnostic ReferralPolicy reports.
///
/// Codes never change meaning; `docs/diagnostics.md` has one section per code.
/// RP0xx: the file as YAML; RP1xx: structure; RP2xx: names and references;
/// RP3xx: money; RP4xx: time; RP5xx: logic; RP6xx: sets of policy versions; RP7xx: policy test files.
public enum DiagnosticCode: String, Sendable, Hashable, CaseIterable {
    case yamlSyntax = "RP001"
    case rootNotMapping = "RP002"
    case multipleDocuments = "RP003"
    case emptyPolicy = "RP004"
    case limitExceeded = "RP005"
    case invalidText = "RP006"
    case unsupportedYAML = "RP007"
    case unreadableFile = "RP008"
    case noPolicyFiles = "RP009"

    case unknownKey = "RP101"
    case missingKey = "RP102"
    case duplicateKey = "RP103"
    case wrongType = "RP104"
    case invalidValue = "RP105"
    case duplicateID = "RP106"
    case invalidID = "RP107"
    case conflictingKeys = "RP108"
    case misplacedKey = "RP109"

    case undefinedEventType = "RP201"
    case undefinedField = "RP202"
    case undefinedRequirement = "RP203"
    case fieldTypeMismatch = "RP204"

    case amountTooPrecise = "RP301"
    case negativeAmount = "RP302"
    case amountOverflow = "RP303"
    case unknownCurrency = "RP304"
    case mixedCurrencies = "RP305"
    case invalidPercent = "RP306"
    case percentBelowOne = "RP307"
    case invalidUnitCode = "RP310"
    case unitShadowsCurrency = "RP311"
    case unitDecimals = "RP312"

    case invalidDate = "RP401"
    case emptyWindow = "RP402"
    case negativeDuration = "RP403"
    case emptyEffectivePeriod = "RP404"
    case longDuration = "RP405"

    case tiersOutOfOrder = "RP501"
    case unreachableTier = "RP502"
    case unreachableRule = "RP503"
    case alwaysMet = "RP504"
    case noRewards = "RP505"
    case unusedDefinition = "RP506"
    case unpaidFirstTier = "RP507"
    case commaInValue = "RP508"
    case countryCode = "RP509"
    case settingWithoutEffect = "RP510"

    case overlappingVersions = "RP601"
    case mixedPrograms = "RP602"
    case duplicateVersion = "RP603"
    case mixedBases = "RP604"
    case gapBetweenVersions = "RP605"
    case unitDiffersBetweenVersions = "RP610"

    case unknownRule = "RP701"
    case invalidTestSnapshot = "RP702"
    case unknownVersion = "RP703"
    case duplicateCaseName = "RP704"

    /// A short name for the code, as in `docs/diagnostics.md`.
    public var name: String {
        switch self {
        case .yamlSyntax: "yaml-syntax"
        case .rootNotMapping: "root-not-mapping"
        case .multipleDocuments: "multiple-documents"
        case .emptyPolicy: "empty-policy"
        case .limitExceeded: "limit-exceeded"
        case .invalidText: "invalid-text"
        case .unsupportedYAML: "unsupported-yaml"
        case .unreadableFile: "unreadable-file"
        case .noPolicyFiles: "no-policy-files"
        case .unknownKey: "unknown-key"
        case .missingKey: "missing-key"
        case .duplicateKey: "duplicate-key"
        case .wrongType: "wrong-type"
        case .invalidValue: "invalid-value"
        case .duplicateID: "duplicate-id"
        case .invalidID: "invalid-id"
        case .conflictingKeys: "conflicting-keys"
        case .misplacedKey: "misplaced-key"
        case .undefinedEventType: "undefined-event-type"
        case .undefinedField: "undefined-field"
        case .undefinedRequirement: "undefined-requirement"
        case .fieldTypeMismatch: "field-type-mismatch"
        case .amountTooPrecise: "amount-too-precise"
        case .negativeAmount: "negative-amount"
        case .amountOverflow: "amount-overflow"
        case .unknownCurrency: "unknown-currency"
        case .mixedCurrencies: "mixed-currencies"
        case .invalidPercent: "invalid-percent"
        case .percentBelowOne: "percent-below-one"
        case .invalidUnitCode: "invalid-unit-code"
        case .unitShadowsCurrency: "unit-shadows-currency"
        case .unitDecimals: "unit-decimals"
        case .invalidDate: "invalid-date"
        case .emptyWindow: "empty-window"
        case .negativeDuration: "negative-duration"
        case .emptyEffectivePeriod: "empty-effective-period"
        case .longDuration: "long-duration"
        case .tiersOutOfOrder: "tiers-out-of-order"
        case .unreachableTier: "unreachable-tier"
        case .unreachableRule: "unreachable-rule"
        case .alwaysMet: "always-met"
        case .noRewards: "no-rewards"
        case .unusedDefinition: "unused-definition"
        case .unpaidFirstTier: "unpaid-first-tier"
        case .commaInValue: "comma-in-value"
        case .countryCode: "country-code"
        case .settingWithoutEffect: "setting-without-effect"
        case .overlappingVersions: "overlapping-versions"
        case .mixedPrograms: "mixed-programs"
        case .duplicateVersion: "duplicate-version"
        case .mixedBases: "mixed-bases"
        case .gapBetweenVersions: "gap-between-versions"
        case .unitDiffersBetweenVersions: "unit-differs-between-versions"
        case .unknownRule: "unknown-rule"
        case .invalidTestSnapshot: "invalid-test-snapshot"
        case .unknownVersion: "unknown-version"
        case .duplicateCaseName: "duplicate-case-name"
        }
    }

    /// Warnings point at something suspicious that still compiles; everything else is an error.
    public var defaultSeverity: Diagnostic.Severity {
        switch self {
        case .unreachableTier, .unreachableRule, .alwaysMet, .noRewards, .unusedDefinition, .percentBelowOne, .longDuration,
             .unpaidFirstTier, .commaInValue, .countryCode, .gapBetweenVersions, .settingWithoutEffect: .warning
        default: .error
        }
    }
}
