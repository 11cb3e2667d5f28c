// libFuzzer target: snapshot bytes in, a decision or an EvaluationError out: never a crash,
// and the one path every caller takes, checked three ways on every input:
// - explained or not, the same decision (status, reason, rewards, progress);
// - `appendDecision` writes exactly what `DecisionEncoder` writes for that decision;
// - what the scanner accepts as a snapshot, Foundation's JSON parser accepts as JSON.
// Built and run by scripts/fuzz.sh; FuzzRegressionTests replays fuzz/regressions/ the same way.
import Foundation
import ReferralPolicy

let fuzzPolicies: PolicySet? = PolicySet.load(paths: [FuzzEnvironment.policies]).set

enum FuzzEnvironment {
    /// The example program, found from the working directory (scripts/fuzz.sh runs from the package root).
    static let policies = "policies"
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSnapshotEvaluation(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let set = fuzzPolicies else { fatalError("the example policies must load") }  // safe: fuzzer setup
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let plain = Result { () throws(EvaluationError) -> Decision in try set.evaluate(json: bytes) }
    let explained = Result { () throws(EvaluationError) -> Decision in
        var d = try set.evaluate(json: bytes, explain: true)
        d.explanation = []
        return d
    }
    if plain != explained { fatalError("explaining changed the decision") }  // safe: fuzzer oracle
    var line: [UInt8] = []
    let appended = Result { () throws(EvaluationError) -> Bool in try set.appendDecision(json: bytes, to: &line); return true }
    switch plain {
    case .success(let d):
        if appended != .success(true) || line != Array(DecisionEncoder.json(d).utf8) {
            fatalError("appendDecision wrote other bytes than the encoder")  // safe: fuzzer oracle
        }
    case .failure(let e):
        if appended != .failure(e) || !line.isEmpty { fatalError("appendDecision failed otherwise") }  // safe: fuzzer oracle
    }
    if (try? set.decodeSnapshot(bytes)) != nil,
       (try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])) == nil {
        fatalError("the scanner accepted what is not JSON")  // safe: fuzzer oracle
    }
    return 0
}
