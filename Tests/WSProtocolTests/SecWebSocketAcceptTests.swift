import Testing
import WSProtocol

@Suite("RFC 6455 §1.3 and §4.2.2: Sec-WebSocket-Accept")
struct SecWebSocketAcceptTests {
    func hex(_ digest: [UInt8]) -> String {
        digest.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    @Test("SHA-1 matches the FIPS 180 examples")
    func sha1() {
        #expect(hex(SHA1.digest(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(hex(SHA1.digest([])) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(hex(SHA1.digest(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)))
            == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    }

    @Test("§1.3: dGhlIHNhbXBsZSBub25jZQ== gives s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    func rfcVector() {
        #expect(ServerHandshake.magicGUID == "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")
        #expect(ServerHandshake.acceptValue(forKey: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        let digest = SHA1.digest(Array(("dGhlIHNhbXBsZSBub25jZQ==" + ServerHandshake.magicGUID).utf8))
        #expect(hex(digest) == "b37a4f2cc0624f1690f64606cf385945b2bec4ea")
    }

    @Test("the key is hashed as sent, not decoded or case-folded")
    func keyAsString() {
        #expect(ServerHandshake.acceptValue(forKey: "dGhlIHNhbXBsZSBub25jZq==") != "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        #expect(ServerHandshake.acceptValue(forKey: "x3JJHMbDL1EzLkh9GBhXDw==") == "HSmrc0sMlYUkAGmm5OPpG2HaGWk=")
    }

    @Test("§4.2.2: the 101 response is exactly the RFC's, byte for byte")
    func switchingProtocols() {
        let request = UpgradeRequest(key: "dGhlIHNhbXBsZSBub25jZQ==", host: "server.example.com", path: "/chat")
        #expect(ServerHandshake.response(for: request) == bytes(rfcResponse))
    }
}
