/// Text compared as bytes, the way Swift compares strings: two texts are equal when their
/// bytes are, or, when either holds a byte outside ASCII, when they are canonically
/// equivalent (`é` written precomposed or as `e` and a combining accent is one text).
/// ASCII text, nearly all of it, never leaves the byte comparison.
enum TextBytes {
    /// The high bit of each of eight bytes (read as one word) that is a quote, a backslash or a
    /// control character: the bytes JSON text must escape. Exact for the lowest such byte (bytes
    /// above it may be flagged wrongly); bytes of 0x80 and up are never flagged. The scanner
    /// (where a string ends) and the writer (what must be escaped) both read text through it.
    @inline(__always) static func escapeFlags(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        let quote = w ^ (ones &* 0x22)
        let backslash = w ^ (ones &* 0x5C)
        let control = (w &- ones &* 0x20) & ~w
        let isQuote = (quote &- ones) & ~quote
        let isBackslash = (backslash &- ones) & ~backslash
        return (control | isQuote | isBackslash) & highs
    }

    @inline(__always)
    static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, ascii: Bool) -> Bool {
        if a.count == b.count, bytesEqual(a, b) { return true }
        if ascii { return false }
        return String(decoding: a, as: UTF8.self) == String(decoding: b, as: UTF8.self)
    }

    @inline(__always)
    static func bytesEqual(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return a.count == 0 }
        if a.count <= 16 {
            // Short texts (codes, names, ids): two words each that overlap in the middle (so
            // exactly `0..<count` is read) beat a loop and a call.
            let n = a.count, ra = UnsafeRawPointer(pa), rb = UnsafeRawPointer(pb)
            if n >= 8 {
                return ra.loadUnaligned(as: UInt64.self) == rb.loadUnaligned(as: UInt64.self)
                    && ra.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self) == rb.loadUnaligned(fromByteOffset: n &- 8, as: UInt64.self)
            }
            if n >= 4 {
                return ra.loadUnaligned(as: UInt32.self) == rb.loadUnaligned(as: UInt32.self)
                    && ra.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self) == rb.loadUnaligned(fromByteOffset: n &- 4, as: UInt32.self)
            }
            for k in 0..<n where pa[k] != pb[k] { return false }
            return true
        }
        return memcmp(pa, pb, a.count) == 0
    }

    /// True when every byte is ASCII.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let n = bytes.count
        var i = 0
        // Eight bytes at a time (`i + 8 <= n`: every load is inside the buffer), then the rest.
        while i + 8 <= n {
            if UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            i += 8
        }
        while i < n {
            if base[i] >= 0x80 { return false }
            i += 1
        }
        return true
    }

    static func isASCII(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 < 0x80 }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
