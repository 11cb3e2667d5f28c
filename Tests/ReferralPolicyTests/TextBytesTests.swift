import Testing
@testable import ReferralPolicy

/// ``TextBytes/isASCII(_:)-(UnsafeBufferPointer<UInt8>)`` reads eight bytes at a time, then the
/// rest: for every length from 0 to 40 and every place of one byte of 0x80 or more (the first
/// word, a later word, the tail), it answers as a byte-by-byte check does, and it agrees with
/// the check of a `String`'s UTF-8.
@Suite struct TextBytesTests {
    @Test func isASCIIAtEveryLengthAndPlace() {
        for n in 0...40 {
            var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: n)
            bytes.withUnsafeBufferPointer { #expect(TextBytes.isASCII($0), "length \(n), all ASCII") }
            for i in 0..<n {
                for high: UInt8 in [0x80, 0xC3, 0xFF] {
                    bytes[i] = high
                    bytes.withUnsafeBufferPointer { #expect(!TextBytes.isASCII($0), "length \(n), \(high) at \(i)") }
                }
                bytes[i] = 0x7F
                bytes.withUnsafeBufferPointer { #expect(TextBytes.isASCII($0), "length \(n), 0x7F at \(i)") }
                bytes[i] = UInt8(ascii: "a")
            }
        }
    }

    @Test(arguments: ["", "link", "usr_9NJ3NPC5E8", "ref_JGPH4PQ4J1VJCB78", "São Paulo", "Zürich-Oerlikon 8050", "日本"])
    func agreesWithTheStringCheck(text: String) {
        Array(text.utf8).withUnsafeBufferPointer { #expect(TextBytes.isASCII($0) == TextBytes.isASCII(text)) }
    }
}
