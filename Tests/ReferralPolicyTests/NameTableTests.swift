import Testing
@testable import ReferralPolicy

/// ``NameTable`` finds a name by its words and length (scanned) or by a hash (long tables):
/// every name of every length is found at its own index, and a text that differs from a name
/// in any one byte, or in its length, is not found.
@Suite struct NameTableTests {
    /// Names of 1 to 40 bytes, so every way a key is formed (under 4, 4 to 7, 8, 9 to 16,
    /// longer) is met, and names that share a prefix or a suffix.
    static let names: [String] = (1...40).map(name(ofLength:))
        + ["link", "links", "code", "codes", "posted_job", "posted_jobs", "rewards_this_year", "rewards_this_yeas"]

    static func name(ofLength n: Int) -> String {
        var bytes: [UInt8] = []
        for k in 0..<n { bytes.append(UInt8(97 + (k * 7 + n) % 26)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    func index(_ table: NameTable, _ text: String) -> Int? {
        Array(text.utf8).withUnsafeBufferPointer { table.index(of: $0, ascii: TextBytes.isASCII(text)) }
    }

    @Test(arguments: [4, 12, 13, 48])
    func everyNameIsFoundAndNothingElse(count: Int) {
        let names = Array(Self.names.prefix(count))
        let table = NameTable(names)
        defer { table.deallocate() }
        for (k, name) in names.enumerated() {
            #expect(index(table, name) == k, "\(name)")
            var bytes = Array(name.utf8)
            for i in bytes.indices {
                let kept = bytes[i]
                bytes[i] = kept == 0x7a ? 0x61 : kept + 1
                let changed = String(decoding: bytes, as: UTF8.self)
                #expect(index(table, changed) == names.firstIndex(of: changed), "\(changed)")
                bytes[i] = kept
            }
            #expect(index(table, name + "x") == names.firstIndex(of: name + "x"))
            #expect(index(table, String(name.dropLast())) == names.firstIndex(of: String(name.dropLast())))
        }
        #expect(index(table, "") == nil)
    }

    /// A name outside ASCII matches its canonical equivalents, in a short and a long table.
    @Test(arguments: [2, 20])
    func canonicalEquivalentsMatch(count: Int) {
        let names = ["caf\u{e9}"] + Self.names.prefix(count - 1)
        let table = NameTable(names)
        defer { table.deallocate() }
        #expect(index(table, "cafe\u{301}") == 0)
        #expect(index(table, "caf\u{e9}") == 0)
        #expect(index(table, "cafe") == nil)
        // The Kelvin sign is canonically the letter K: an ASCII name is found from it.
        let k = NameTable(["K", "link"])
        defer { k.deallocate() }
        #expect(index(k, "\u{212a}") == 0)
    }
}
