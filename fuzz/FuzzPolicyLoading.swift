// libFuzzer target: policy text in, diagnostics or a compiled policy out — never a crash.
// Built and run by scripts/fuzz.sh.
import ReferralPolicy

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPolicyLoading(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let result = Policy.load(yaml: text, file: "fuzz.yaml")
    if result.policy == nil, result.diagnostics.isEmpty {
        fatalError("a policy that did not compile must say why")  // safe: a fuzzer oracle, not library code
    }
    return 0
}
