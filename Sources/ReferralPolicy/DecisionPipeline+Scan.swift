/// Scanning apart from deciding, for a caller that decides one scan more than once: the impact
/// (``ImpactAnalyzer``) scans each line once and decides the facts with the base and the new
/// policy set, each picking its own governing version.
extension DecisionPipeline {
    /// Scans `json` into `facts` (its arrays reused) as a set whose declared flat attributes
    /// are `flat` reads it: the first half of ``decide(json:_:explain:_:)``. The facts are then
    /// decided with ``decide(_:_:explain:_:_:)`` inside ``SnapshotFacts/withView(input:_:)``
    /// over the same bytes; on an error they are partly filled and must not be decided.
    static func scan(json: UnsafeBufferPointer<UInt8>, flat: FlatTables?, into facts: inout SnapshotFacts) throws(EvaluationError) {
        try withUnsafeMutablePointer(to: &facts) { storage throws(EvaluationError) in
            var scanner = SnapshotScanner(json, into: storage)  // fills `facts` in place
            scanner.flat = flat
            try scanner.snapshot()
        }
    }
}
