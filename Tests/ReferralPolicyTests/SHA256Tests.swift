import Testing
@testable import ReferralPolicy

/// ``SHA256`` names a policy version in every decision (`sha256:` and its hex digest), so its
/// digests are compared with FIPS 180-4's: the empty message, `abc`, and the lengths around a
/// block's end, where the padding takes one block or two (digests from Python's `hashlib`).
@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (String(repeating: "a", count: 55), "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (String(repeating: "a", count: 56), "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
    ])
    func digestOfText(_ text: String, _ digest: String) {
        #expect(SHA256.hex(Array(text.utf8)) == digest)
    }

    @Test func digestOfManyBlocks() {
        let bytes = Array((0..<4).flatMap { _ in (0...255).map(UInt8.init) }) + Array(repeating: UInt8(ascii: "x"), count: 55)
        #expect(SHA256.hex(bytes) == "415c3b5c395cb8896358cda2f03a8c43395029c22ed119c0e76617d75c9b65e9")
    }
}
