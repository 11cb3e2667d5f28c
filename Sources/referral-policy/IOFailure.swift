/// A file or stream that could not be opened, read or written: the message says which and
/// why. The command prints it and exits with ``ExitStatus/usage`` (2).
struct IOFailure: Error {
    let message: String
}
