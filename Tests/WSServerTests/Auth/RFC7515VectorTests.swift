import Testing
import WSProtocol
import WSServer

/// RFC 7515 appendix A.1, "Example JWS Using HMAC SHA-256". Its payload has
/// no `sub` and expired in 2011, so the signature is checked on its own and
/// the whole token is expected to get past header and signature and then
/// fail on its claims.
@Suite("RFC 7515 appendix A.1: the HS256 example")
struct RFC7515VectorTests {
    /// The JWK's `k`, base64url.
    static let key = Base64.decode(
        "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow", variant: .url)
    static let signingInput = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    static let signature = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    /// The payload's `exp`.
    static let expiry: Int64 = 1_300_819_380

    @Test("the header and payload decode to the RFC's JSON, CR LF included")
    func parts() throws {
        let parts = Self.signingInput.split(separator: ".").map { Base64.decode(String($0), variant: .url) }
        #expect(parts[0] == Array("{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}".utf8))
        #expect(parts[1] == Array("{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}".utf8))
    }

    @Test("HMAC-SHA256 of the signing input under the key is the RFC's signature")
    func signature() throws {
        let key = try #require(Self.key)
        #expect(key.count == 64)
        let code = HMACSHA256.code(key: key, message: Array(Self.signingInput.utf8))
        #expect(code.map { Base64.encode($0, variant: .url) } == Self.signature)
    }

    @Test("the verifier accepts its header and signature, then refuses it for lacking sub")
    func verifier() throws {
        let verifier = TokenVerifier(secret: try #require(Self.key))
        let token = Self.signingInput + "." + Self.signature
        #expect(throws: TokenRefusal(.badClaims, "the sub claim is missing or not a string")) {
            try verifier.verify(token, now: Self.expiry - 60)
        }
    }

    @Test("the same token with one signature character changed is a bad signature")
    func tampered() throws {
        let verifier = TokenVerifier(secret: try #require(Self.key))
        var signature = Array(Self.signature)
        signature[0] = signature[0] == "e" ? "f" : "e"
        let token = Self.signingInput + "." + String(signature)
        #expect(throws: TokenRefusal(.badSignature, "the signature does not match")) {
            try verifier.verify(token, now: Self.expiry - 60)
        }
    }

    @Test("the RFC's key signs a chat token that verifies until exp + 30 s")
    func chatToken() throws {
        let key = try #require(Self.key)
        let claims = try TokenClaims(subject: "joe", expiry: Self.expiry)
        let token = try #require(TokenMinter(secret: key).mint(claims))
        let verifier = TokenVerifier(secret: key)
        #expect(try verifier.verify(token, now: Self.expiry + 29).user == "joe")
        #expect(throws: TokenRefusal(.expired, "the token has expired")) {
            try verifier.verify(token, now: Self.expiry + 30)
        }
    }
}
