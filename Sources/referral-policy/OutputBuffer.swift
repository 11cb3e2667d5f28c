#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Buffered writes to standard output with `write(2)`: bytes collect in memory and go out when
/// the buffer is full or ``flush()`` is called (after each chunk of input is processed, so a
/// stream's decisions appear as its lines arrive).
///
/// Callers hand over whole records (each ends in a newline), so every `write(2)` ends at a
/// record's end. To a pipe or a socket, writes are also cut at record ends into pieces of at
/// most `PIPE_BUF` bytes, which the kernel writes whole: a run killed mid-write (`kill -9`)
/// leaves a prefix of whole records, unless one record alone is longer than that.
struct OutputBuffer {
    var bytes: [UInt8] = []
    private let descriptor: Int32
    private let limit: Int
    /// The most bytes one `write(2)` may carry: `PIPE_BUF` for a pipe or socket, else no bound.
    private let wholeWriteBytes: Int?

    init(descriptor: Int32 = STDOUT_FILENO, limit: Int = 1 << 16) {
        self.descriptor = descriptor
        self.limit = limit
        var info = stat()
        let kind = fstat(descriptor, &info) == 0 ? info.st_mode & S_IFMT : 0
        self.wholeWriteBytes = kind == S_IFIFO || kind == S_IFSOCK ? Int(PIPE_BUF) : nil
        bytes.reserveCapacity(limit + 4096)
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// Writes the buffer out once it holds `limit` bytes.
    mutating func flushIfFull() throws(IOFailure) {
        if bytes.count >= limit { try flush() }
    }

    mutating func flush() throws(IOFailure) {
        try writeAll(bytes[...])
        bytes.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered, then `more` straight from where it is (no copy into the buffer).
    mutating func write(_ more: ArraySlice<UInt8>) throws(IOFailure) {
        try flush()
        try writeAll(more)
    }

    private func writeAll(_ slice: ArraySlice<UInt8>) throws(IOFailure) {
        guard let most = wholeWriteBytes, slice.count > most else {
            try writeFully(slice)
            return
        }
        var start = slice.startIndex
        while start < slice.endIndex {
            var end = start + min(most, slice.endIndex - start)
            if end < slice.endIndex {
                // Up to the last record end that fits; a longer record goes out alone.
                if let newline = slice[start..<end].lastIndex(of: UInt8(ascii: "\n")) {
                    end = newline + 1
                } else {
                    end = slice[end...].firstIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? slice.endIndex
                }
            }
            try writeFully(slice[start..<end])
            start = end
        }
    }

    private func writeFully(_ slice: ArraySlice<UInt8>) throws(IOFailure) {
        var written = 0
        while written < slice.count {
            let n = slice.withUnsafeBytes { raw in
                systemWrite(descriptor, raw.baseAddress.map { $0 + written }, raw.count - written)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw IOFailure(message: "cannot write the output: \(String(cString: strerror(errno)))")
            }
            written += n
        }
    }
}

/// `write(2)`, named apart from ``OutputBuffer/write(_:)``.
private func systemWrite(_ descriptor: Int32, _ bytes: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, bytes, count)
}
