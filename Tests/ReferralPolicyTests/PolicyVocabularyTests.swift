import Foundation
import Testing
@testable import ReferralPolicy

/// The language's words live in `PolicyVocabulary` and its wording in `DiagnosticText`: the
/// reference documents every word, and the loader and checker compose no message of their own.
@Suite struct PolicyVocabularyTests {
    static let reference = (try? String(contentsOfFile: T.packageRoot + "/docs/policy-language.md", encoding: .utf8)) ?? ""

    /// Every key of every part, every requirement and reward form, limit period and built-in
    /// field is in `docs/policy-language.md`.
    @Test func everyWordIsDocumented() {
        typealias V = PolicyVocabulary
        var words = Set(V.Context.allCases.flatMap(\.keys))
        words.formUnion(V.RequirementForm.names + V.RewardForm.names + V.LimitPeriod.names + V.WindowWord.names + V.MilestoneWord.names)
        words.formUnion(V.BuiltInField.names + V.SelfReferral.names + Comparison.allCases.map(\.rawValue))
        let missing = words.filter { !Self.reference.contains("`\($0)") }.sorted()
        #expect(missing == [])
    }

    /// Each part's keys are its enum's words, and no two parts mix up their enums.
    @Test func contextsUseTheirKeys() {
        #expect(PolicyVocabulary.Context.reward.keys == PolicyVocabulary.RewardKey.names)
        #expect(PolicyVocabulary.Context.tier.keys == PolicyVocabulary.TierKey.names)
        #expect(PolicyVocabulary.Context.owners(of: "hold_days", besides: .tier).map(\.name) == ["a reward"])
        #expect(PolicyVocabulary.Context.held(by: "window", in: .referralType) == .window)
    }

    /// No message is written outside `Diagnostics/DiagnosticText*.swift` in the loader and the
    /// checker: a diagnostic there is made from a `DiagnosticText` function.
    @Test func wordingLivesInDiagnosticText() throws {
        let folders = ["Loading", "Parsing", "Checking", "Model"].map { T.packageRoot + "/Sources/ReferralPolicy/" + $0 }
        var offenders: [String] = []
        for folder in folders {
            for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".swift") {
                let text = try String(contentsOfFile: folder + "/" + file, encoding: .utf8)
                for (number, line) in text.components(separatedBy: "\n").enumerated()
                where line.contains("Diagnostic(code:") || line.contains("report(.") || line.contains("DiagnosticText(.") {
                    offenders.append("\(file):\(number + 1)")
                }
            }
        }
        #expect(offenders == [])
    }
}
