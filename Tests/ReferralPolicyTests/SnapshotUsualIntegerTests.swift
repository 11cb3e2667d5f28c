import Testing
@testable import ReferralPolicy

/// The usual integer (`SnapshotScanner.usualInteger`, up to 7 digits read as one word) reads
/// what a digit-at-a-time reader of the same shape reads, and leaves everything else alone: on
/// every length of digits, signs, leading zeros, the bytes that may follow, near the end of the
/// input, and on every one-byte change of usual integers.
@Suite struct SnapshotUsualIntegerTests {
    /// The usual shape read a digit at a time (the reader before the word-at-a-time one): an
    /// optional `-`, 1 to 18 digits without a leading zero, then a `,` or `}`.
    static func reference(_ bytes: [UInt8], at start: Int) -> (value: Int64, end: Int)? {
        var k = start
        let negative = k < bytes.count && bytes[k] == UInt8(ascii: "-")
        if negative { k += 1 }
        let first = k
        var value: Int64 = 0
        while k < bytes.count, bytes[k] &- 48 < 10, k - first < 18 {
            value = value * 10 + Int64(bytes[k] - 48)
            k += 1
        }
        let count = k - first
        guard count > 0, k < bytes.count, bytes[k] == UInt8(ascii: ",") || bytes[k] == UInt8(ascii: "}"),
              count == 1 || bytes[first] != UInt8(ascii: "0") else { return nil }
        return (negative ? -value : value, k)
    }

    /// What ``SnapshotScanner/usualInteger(_:)`` reads at `start`, and where it leaves `j`.
    static func usual(_ bytes: [UInt8], at start: Int) -> (value: Int64?, end: Int) {
        var facts = SnapshotFacts()
        return withUnsafeMutablePointer(to: &facts) { storage in
            bytes.withUnsafeBufferPointer { buffer in
                let s = SnapshotScanner(buffer, into: storage)
                var j = start
                let value = s.usualInteger(&j)
                return (value, j)
            }
        }
    }

    static func agree(_ bytes: [UInt8], at start: Int = 0) {
        let usual = usual(bytes, at: start), expected = reference(bytes, at: start)
        if let expected {
            #expect(usual.value == expected.value && usual.end == expected.end, "\(String(decoding: bytes, as: UTF8.self))")
        } else {
            #expect(usual.value == nil && usual.end == start, "\(String(decoding: bytes, as: UTF8.self))")
        }
    }

    static let after: [UInt8] = Array(#",}]" 0.e-x"#.utf8) + [0x00, 0x80, 0xB0, 0xFF, 0x2F, 0x3A]

    /// Every number of digits from 0 to 20, with and without a sign and a leading zero, each
    /// followed by every byte of ``after`` and then by 0 to 9 more bytes (so the word load meets
    /// the end of the input at every place).
    @Test func everyLengthAndEnding() {
        for count in 0...20 {
            for sign in ["", "-"] {
                for lead in ["1", "0", "9"] {
                    let digits = count == 0 ? "" : lead + String("8073625149807362514".prefix(count - 1))
                    for end in Self.after {
                        for pad in 0...9 {
                            let bytes = Array((sign + digits).utf8) + [end] + Array(repeating: UInt8(ascii: "7"), count: pad)
                            Self.agree(bytes)
                            Self.agree([UInt8(ascii: ":")] + bytes, at: 1)
                        }
                        Self.agree(Array((sign + digits).utf8))
                    }
                }
            }
        }
    }

    /// Every one-byte change of usual integers, within an event's members as the exporters write them.
    @Test(arguments: [#"15057,"currency":"USD"}"#, #"2}"#, #"-1234567}"#, #"12345678,"at"#, #"0,"x":1}"#])
    func everyOneByteChange(_ text: String) {
        let original = Array(text.utf8)
        for position in original.indices {
            for r in Array("0123456789-,}\" a".utf8) + [0x80, 0xB9, 0xFF, 0x00] where original[position] != r {
                var bytes = original
                bytes[position] = r
                Self.agree(bytes)
                for cut in 0...bytes.count { Self.agree(Array(bytes.prefix(cut))) }
            }
        }
    }

    /// Seven-digit values of every digit at every place, and the largest and smallest.
    @Test func values() {
        for place in 0..<7 {
            for digit in 0...9 {
                var digits = Array("1000000".utf8)
                digits[place] = UInt8(ascii: "0") + UInt8(digit)
                Self.agree(digits + Array(",\"k\":1".utf8))
            }
        }
        for text in ["9999999}", "-9999999,", "1000000}", "999999999999999999}", "-999999999999999999,", "1234567890123456789}"] {
            Self.agree(Array((text + "        ").utf8))
        }
    }
}
