// libFuzzer target: snapshot bytes in, a decision or an EvaluationError out — never a crash,
// and the same bytes always give the same answer. Built and run by scripts/fuzz.sh.
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
    let first: String
    do {
        first = DecisionEncoder.json(try set.evaluate(json: bytes, explain: true))
    } catch {
        first = error.description
    }
    let second: String
    do {
        second = DecisionEncoder.json(try set.evaluate(json: bytes, explain: true))
    } catch {
        second = error.description
    }
    if first != second { fatalError("the same snapshot gave two answers") }  // safe: fuzzer oracle
    return 0
}
