import Foundation
import Testing
@testable import ReferralPolicy

/// Replays every input the fuzzers ever found (`fuzz/regressions/`) through the same oracles
/// the fuzz targets apply, so a fixed crash stays fixed.
@Suite struct FuzzRegressionTests {
    static func inputs(_ target: String) -> [String] {
        let dir = T.packageRoot + "/fuzz/regressions/" + target
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { !$0.hasPrefix(".") }.sorted().map { dir + "/" + $0 }
    }

    @Test(arguments: inputs("policy-loading"))
    func policyLoadingNeverFailsSilently(path: String) throws {
        let data = try #require(FileManager.default.contents(atPath: path))
        let result = Policy.load(yaml: String(decoding: data, as: UTF8.self), file: "fuzz.yaml")
        #expect(result.policy != nil || !result.diagnostics.isEmpty)
    }

    @Test(arguments: inputs("snapshot-evaluation"))
    func snapshotEvaluationIsStable(path: String) throws {
        let data = try #require(FileManager.default.contents(atPath: path))
        func answer() -> String {
            do { return DecisionEncoder.json(try T.exampleSet.evaluate(json: Array(data), explain: true)) } catch { return error.description }
        }
        #expect(answer() == answer())
    }

    @Test func regressionFoldersExist() {
        for target in ["policy-loading", "snapshot-evaluation"] {
            #expect(FileManager.default.fileExists(atPath: T.packageRoot + "/fuzz/regressions/" + target))
        }
    }
}
