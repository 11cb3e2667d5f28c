#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An input opened for reading in chunks with `read(2)`: a file, or standard input (`-`).
final class InputFile {
    /// As named on the command line; `-` is shown as `<stdin>`.
    let name: String
    private let descriptor: Int32
    private let ownsDescriptor: Bool

    /// Opens `path`, or standard input for `-`. A folder is refused here, not at the first read.
    init(path: String) throws(IOFailure) {
        if path == "-" {
            self.name = "<stdin>"
            self.descriptor = STDIN_FILENO
            self.ownsDescriptor = false
            return
        }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw IOFailure(message: "cannot read `\(path)`: \(Self.lastError())") }
        var info = stat()
        if fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR {
            close(fd)
            throw IOFailure(message: "cannot read `\(path)`: it is a folder; name the snapshot files in it")
        }
        self.name = path
        self.descriptor = fd
        self.ownsDescriptor = true
    }

    deinit {
        if ownsDescriptor { close(descriptor) }
    }

    /// True when the name says JSON Lines: `*.jsonl`, `*.ndjson`.
    var isNamedJSONLines: Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson")
    }

    /// Reads the next chunk into `buffer` (up to its count) and returns how many bytes came;
    /// 0 at the end of the input. Waits only until some bytes are there, so a stream is
    /// processed as it arrives.
    func read(into buffer: inout [UInt8]) throws(IOFailure) -> Int {
        let count = buffer.withUnsafeMutableBytes { readRetryingInterrupts(descriptor, $0) }
        if count < 0 { throw IOFailure(message: "cannot read `\(name)`: \(Self.lastError())") }
        return count
    }

    /// True when a read would not wait: bytes are there, or the input has ended (a regular
    /// file always is).
    func hasBytesReady() -> Bool {
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, 0) != 0
    }

    static func lastError() -> String {
        String(cString: strerror(errno))
    }
}

/// `read(2)`, retried when a signal interrupts it.
private func readRetryingInterrupts(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer) -> Int {
    while true {
        let n = read(descriptor, buffer.baseAddress, buffer.count)
        if n < 0, errno == EINTR { continue }
        return n
    }
}
