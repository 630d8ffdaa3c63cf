import Testing
import WSProtocol

/// SHA-256 against the FIPS 180-2 appendix B examples and a CSP-style
/// Base64 digest.
@Suite("FIPS 180-4: SHA-256")
struct SHA256Tests {
    func hex(_ digest: [UInt8]) -> String {
        digest.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }

    @Test("matches the FIPS 180 examples")
    func vectors() {
        #expect(hex(SHA256.digest(Array("abc".utf8)))
            == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(hex(SHA256.digest([]))
            == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(hex(SHA256.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test("Base64 of the digest, as a CSP hash source spells it")
    func base64() {
        #expect(Base64.encode(SHA256.digest(Array("abc".utf8))) == "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=")
    }
}
