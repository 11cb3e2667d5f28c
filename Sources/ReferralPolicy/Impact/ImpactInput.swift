/// One input record for ``ImpactAnalyzer``: a snapshot's JSON bytes and where it is, or a
/// problem found before deciding (a blank or too long line), which both sides share.
package struct ImpactInput: Sendable {
    package var bytes: ArraySlice<UInt8>
    /// The line in its input; nil for a whole document.
    package var line: Int?
    /// Set when the record cannot be decided at all: both sides fail with it.
    package var problem: EvaluationError?

    package init(bytes: ArraySlice<UInt8>, line: Int?, problem: EvaluationError? = nil) {
        self.bytes = bytes
        self.line = line
        self.problem = problem
    }
}
