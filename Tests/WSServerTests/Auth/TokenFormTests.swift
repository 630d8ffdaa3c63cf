import Testing
import WSProtocol
import WSServer

/// Refusals before the claims are read: size, structure, base64url,
/// header and signature.
@Suite("TokenVerifier: form, header and signature")
struct TokenFormTests {
    let valid = TokenFixture.token(TokenFixture.payload())

    @Test("a well-formed token signed with the secret is accepted")
    func accepted() throws {
        let verified = try TokenFixture.verify(valid).get()
        #expect(verified.user == "alice" + TokenFixture.marker)
        #expect(verified.expiry == TokenFixture.now + 3600)
    }

    @Test("not three non-empty parts: malformed", arguments: [
        "", ".", "..", "...", "a", "a.b", "a.b.c.d", ".b.c", "a..c", "a.b.",
    ])
    func structure(shape: String) {
        expectRefused(shape, .malformed)
    }

    @Test("truncated and extended copies of a valid token are malformed or badly signed")
    func truncated() {
        let parts = valid.split(separator: ".").map(String.init)
        expectRefused(parts[0] + "." + parts[1], .malformed)
        expectRefused(valid + ".", .malformed)
        expectRefused(valid + "." + parts[2], .malformed)
        expectRefused(valid.replacing(".", with: "..", maxReplacements: 1), .malformed)
        expectRefused(String(valid.dropLast(2)), .malformed) // 41 characters: one left over
        expectRefused(String(valid.dropLast(3)), .badSignature) // 40 characters: 30 bytes
    }

    @Test("padding, non-canonical bits or a foreign character in a part: malformed")
    func base64url() {
        let parts = valid.split(separator: ".").map(String.init)
        expectRefused(parts[0] + "=." + parts[1] + "." + parts[2], .malformed)
        expectRefused(parts[0] + "." + parts[1] + "." + parts[2] + "=", .malformed)
        expectRefused(parts[0] + "." + parts[1] + "." + String(parts[2].dropLast()) + "B", .malformed)
        expectRefused(parts[0] + "." + parts[1] + "." + "+" + parts[2].dropFirst(), .malformed)
        expectRefused(parts[0] + " ." + parts[1] + "." + parts[2], .malformed)
        expectRefused(parts[0] + "." + parts[1] + "." + parts[2] + "\n", .malformed)
    }

    @Test("a padded payload, signed as sent, is still malformed")
    func paddedPayload() throws {
        let header = TokenFixture.token("{}").split(separator: ".")[0]
        let unpadded = try #require((0..<3).lazy.map { TokenFixture.payload(#""p":"\#(String(repeating: "x", count: $0))""#) }
            .map { Base64.encode(Array($0.utf8), variant: .url) }.first { $0.utf8.count % 4 != 0 })
        let payload = unpadded + String(repeating: "=", count: 4 - unpadded.utf8.count % 4)
        let code = try #require(HMACSHA256.code(key: TokenFixture.secret, message: Array("\(header).\(payload)".utf8)))
        expectRefused("\(header).\(payload).\(Base64.encode(code, variant: .url))", .malformed)
    }

    @Test("alg other than HS256: bad_alg", arguments: [
        #"{"alg":"none"}"#, #"{"alg":"HS512","typ":"JWT"}"#, #"{"alg":"RS256"}"#, #"{"alg":"ES256"}"#,
        #"{"alg":"hs256"}"#, #"{"alg":"HS256 "}"#, #"{"alg":["HS256"]}"#, #"{"alg":null}"#, #"{"typ":"JWT"}"#,
    ])
    func algorithm(header: String) {
        expectRefused(TokenFixture.token(TokenFixture.payload(), header: header), .badAlg)
    }

    @Test("alg none with the empty signature RFC 7519 §6.1 shows is refused")
    func unsecured() throws {
        let signed = TokenFixture.token(TokenFixture.payload(), header: #"{"alg":"none"}"#)
        let unsecured = signed.prefix(through: try #require(signed.lastIndex(of: ".")))
        expectRefused(String(unsecured), .malformed)
    }

    @Test("crit, or a typ other than JWT: bad_header", arguments: [
        #"{"alg":"HS256","crit":["exp"],"exp":1}"#, #"{"alg":"HS256","crit":[]}"#,
        #"{"alg":"HS256","typ":"JOSE"}"#, #"{"alg":"HS256","typ":"application/json"}"#, #"{"alg":"HS256","typ":1}"#,
    ])
    func header(header: String) {
        expectRefused(TokenFixture.token(TokenFixture.payload(), header: header), .badHeader)
    }

    @Test("typ is optional and compared without case; unknown parameters are ignored", arguments: [
        #"{"alg":"HS256"}"#, #"{"typ":"jwt","alg":"HS256"}"#, #"{"alg":"HS256","typ":"Jwt","kid":"k1"}"#,
    ])
    func acceptedHeaders(header: String) {
        #expect(throws: Never.self) { try TokenFixture.verify(TokenFixture.token(TokenFixture.payload(), header: header)).get() }
    }

    @Test("header or payload that is not a JSON object, or names a member twice: malformed", arguments: [
        ("[]", nil), (#""HS256""#, nil), ("1", nil), ("{", nil), (#"{"alg":"HS256","alg":"HS256"}"#, nil),
        (nil, "[]"), (nil, "null"), (nil, #""alice""#), (nil, "{"), (nil, "{}x"), (nil, ""),
        (nil, #"{"sub":"a","exp":1800000000,"sub":"b"}"#),
    ] as [(String?, String?)])
    func notObjects(header: String?, payload: String?) {
        let token = TokenFixture.token(payload ?? TokenFixture.payload(), header: header ?? #"{"alg":"HS256"}"#)
        expectRefused(token, .malformed)
    }

    @Test("a signature under another secret, over other bytes, or cut short: bad_signature")
    func signature() {
        let parts = valid.split(separator: ".").map(String.init)
        let other = TokenMinter(secret: Array("another secret of at least 32 bytes....".utf8))
        expectRefused(other.sign(payload: Array(TokenFixture.payload().utf8)) ?? "", .badSignature)
        let otherPayload = TokenFixture.token(TokenFixture.payload(#""broadcast":true"#)).split(separator: ".")[1]
        expectRefused(parts[0] + "." + otherPayload + "." + parts[2], .badSignature)
        expectRefused(parts[0] + "." + parts[1] + "." + String(parts[2].prefix(40)), .badSignature)
        expectRefused(parts[0] + "." + parts[1] + "." + parts[2] + "AAAA", .badSignature)
        expectRefused(parts[0] + "." + parts[1] + ".AAAA", .badSignature)
    }

    @Test("every one-bit change of the signature is refused")
    func everyBit() throws {
        let parts = valid.split(separator: ".").map(String.init)
        let code = try #require(Base64.decode(parts[2], variant: .url))
        for bit in 0..<(code.count * 8) {
            var flipped = code
            flipped[bit / 8] ^= 1 << (bit % 8)
            expectRefused(parts[0] + "." + parts[1] + "." + Base64.encode(flipped, variant: .url), .badSignature)
        }
    }

    @Test("over 8192 bytes: malformed, however well signed")
    func oversized() throws {
        let padding = String(repeating: "x", count: 6000)
        let fits = TokenFixture.token(TokenFixture.payload(#""pad":"\#(padding)""#))
        #expect(fits.utf8.count <= TokenVerifier.maxTokenBytes)
        #expect(throws: Never.self) { try TokenFixture.verify(fits).get() }
        let tooLong = TokenFixture.token(TokenFixture.payload(#""pad":"\#(padding)\#(padding)""#))
        #expect(tooLong.utf8.count > TokenVerifier.maxTokenBytes)
        expectRefused(tooLong, .malformed)
        expectRefused(String(repeating: "a", count: 8193), .malformed)
    }
}
