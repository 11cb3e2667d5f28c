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

    /// The snapshot target's oracles: explained or not, one decision; `appendDecision` writes
    /// what the encoder writes; what the scanner accepts is JSON to Foundation; and the same
    /// answer as the evaluator before the redesign gave.
    @Test(arguments: inputs("snapshot-evaluation"))
    func snapshotEvaluationKeepsItsOracles(path: String) throws {
        let data = Array(try #require(FileManager.default.contents(atPath: path)))
        let set = T.exampleSet
        let plain = Result { () throws(EvaluationError) -> Decision in try set.evaluate(json: data) }
        let explained = Result { () throws(EvaluationError) -> Decision in
            var d = try set.evaluate(json: data, explain: true)
            d.explanation = []
            return d
        }
        #expect(plain == explained)
        var line: [UInt8] = []
        let appended = Result { () throws(EvaluationError) -> Bool in try set.appendDecision(json: data, to: &line); return true }
        switch plain {
        case .success(let d): #expect(appended == .success(true) && line == Array(DecisionEncoder.json(d).utf8))
        case .failure(let e): #expect(appended == .failure(e) && line.isEmpty)
        }
        if (try? set.decodeSnapshot(data)) != nil {
            #expect((try? JSONSerialization.jsonObject(with: Data(data), options: [.fragmentsAllowed])) != nil)
        }
        #expect(plain == Result { () throws(EvaluationError) -> Decision in try Oracle(set).evaluate(json: data) })
    }

    @Test func regressionFoldersHoldSeeds() {
        #expect(Self.inputs("policy-loading").count >= 5)
        #expect(Self.inputs("snapshot-evaluation").count >= 5)
    }

    @Test func regressionFoldersExist() {
        for target in ["policy-loading", "snapshot-evaluation"] {
            #expect(FileManager.default.fileExists(atPath: T.packageRoot + "/fuzz/regressions/" + target))
        }
    }
}
