import Foundation
import Testing
@testable import ReferralPolicy

/// One compiled policy shared by many concurrent tasks gives the same decisions as one
/// thread. `scripts/sanitize.sh` runs this suite under the thread sanitizer.
@Suite struct ConcurrencyTests {
    @Test func concurrentEvaluationGivesIdenticalDecisions() async throws {
        let set = try T.example()
        let root = T.packageRoot + "/fixtures"
        let names = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
        let inputs = names.compactMap { FileManager.default.contents(atPath: "\(root)/\($0)/snapshot.json").map(Array.init) }
        let expected = inputs.map { (try? set.evaluate(json: $0, explain: true)).map { DecisionEncoder.json($0) } ?? "error" }
        let rounds = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<16 {
                group.addTask {
                    var out: [String] = []
                    for _ in 0..<20 {
                        out = inputs.map { (try? set.evaluate(json: $0, explain: true)).map { DecisionEncoder.json($0) } ?? "error" }
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
