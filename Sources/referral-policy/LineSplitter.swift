#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Splits a byte stream fed in chunks into lines: each ends at `\n`, a trailing `\r` is
/// dropped, and a last line without a newline is still a line (when it is not empty).
/// Memory holds one partial line at most; a line longer than `maxLineBytes` is not kept but
/// reported as ``Line/tooLong(number:)`` so that it still gets a record in its place.
struct LineSplitter {
    enum Line {
        case text(ArraySlice<UInt8>, number: Int)
        case tooLong(number: Int)
    }

    let maxLineBytes: Int
    /// The start of a line that the last chunk cut in two.
    private var carry: [UInt8] = []
    /// The current line has grown past `maxLineBytes`; its bytes are being skipped.
    private var skipping = false
    private var lineNumber = 0

    init(maxLineBytes: Int) {
        self.maxLineBytes = maxLineBytes
    }

    /// Hands every line completed by `chunk` to `emit`, in order.
    mutating func feed<E: Error>(_ chunk: ArraySlice<UInt8>, _ emit: (Line) throws(E) -> Void) throws(E) {
        var start = chunk.startIndex
        while let newline = Self.newline(in: chunk, from: start) {
            let piece = chunk[start..<newline]
            start = newline + 1
            lineNumber += 1
            if skipping || carry.count + piece.count > maxLineBytes {
                skipping = false
                carry.removeAll(keepingCapacity: true)
                try emit(.tooLong(number: lineNumber))
            } else if carry.isEmpty {
                try emit(.text(Self.trimmingCR(piece), number: lineNumber))
            } else {
                carry += piece
                try emit(.text(Self.trimmingCR(carry[...]), number: lineNumber))
                carry.removeAll(keepingCapacity: true)
            }
        }
        let rest = chunk[start...]
        guard !rest.isEmpty, !skipping else { return }
        if carry.count + rest.count > maxLineBytes {
            skipping = true
            carry.removeAll()
        } else {
            carry += rest
        }
    }

    /// At the end of the input: the last line, when it had no newline.
    mutating func finish<E: Error>(_ emit: (Line) throws(E) -> Void) throws(E) {
        if skipping {
            lineNumber += 1
            skipping = false
            try emit(.tooLong(number: lineNumber))
        } else if !carry.isEmpty {
            lineNumber += 1
            let line = Self.trimmingCR(carry[...])
            carry.removeAll()
            try emit(.text(line, number: lineNumber))
        }
    }

    /// The index of the next `\n` at or after `start`, found with `memchr`.
    private static func newline(in chunk: ArraySlice<UInt8>, from start: Int) -> Int? {
        let offset = start - chunk.startIndex
        let found: Int = chunk.withUnsafeBufferPointer { (buffer: UnsafeBufferPointer<UInt8>) -> Int in
            guard let base = buffer.baseAddress, offset < buffer.count else { return -1 }
            guard let hit = memchr(UnsafeRawPointer(base + offset), 0x0A, buffer.count - offset) else { return -1 }
            return UnsafeRawPointer(hit) - UnsafeRawPointer(base)
        }
        return found < 0 ? nil : chunk.startIndex + found
    }

    private static func trimmingCR(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == UInt8(ascii: "\r") ? line.dropLast() : line
    }
}
