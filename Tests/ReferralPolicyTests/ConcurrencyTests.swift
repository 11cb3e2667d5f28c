import Foundation
import Testing
@testable import ReferralPolicy

/// One compiled policy shared by many concurrent tasks gives the same decisions as one
/// thread, on the path services take (no explanation, each thread's own workspace) and with
/// explanations. `scripts/sanitize.sh` runs this suite under the thread sanitizer.
@Suite struct ConcurrencyTests {
    @Test func concurrentEvaluationGivesIdenticalDecisions() async throws {
        let set = try T.example()
        let root = T.packageRoot + "/fixtures"
        let names = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        let inputs = names.compactMap { FileManager.default.contents(atPath: "\(root)/\($0)/snapshot.json").map(Array.init) }
        func decide(_ input: [UInt8], _ k: Int) -> String {
            switch k % 3 {
            case 0: return (try? set.evaluate(json: input)).map { DecisionEncoder.json($0) } ?? "error"
            case 1:
                var line: [UInt8] = []
                return (try? set.appendDecision(json: input, to: &line)).map { String(decoding: line, as: UTF8.self) } ?? "error"
            default:
                return (try? set.evaluate(json: input, explain: true)).map { d in var d = d; d.explanation = []; return DecisionEncoder.json(d) } ?? "error"
            }
        }
        let expected = inputs.map { decide($0, 0) }
        let rounds = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<16 {
                group.addTask {
                    var out: [String] = []
                    for round in 0..<30 {
                        out = inputs.enumerated().map { k, input in decide(input, k + round) }
                    }
                    return out
                }
            }
            var all: [[String]] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(rounds.count == 16)
        for round in rounds { #expect(round == expected) }
    }
}
