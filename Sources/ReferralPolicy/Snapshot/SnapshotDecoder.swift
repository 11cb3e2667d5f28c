/// Reads a snapshot from its JSON wire form, with an error that names the path of what is wrong.
public enum SnapshotDecoder {
    /// Decodes one JSON snapshot (a whole document, or one JSON Lines line without its newline).
    public static func decode(_ bytes: some Collection<UInt8>) throws(EvaluationError) -> Snapshot {
        throw EvaluationError(.invalidJSON, "snapshot decoding is not built yet")
    }
}
