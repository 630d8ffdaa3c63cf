import ChatWire
import Testing
import WSProtocol
import WSServer

@Suite("TokenMinter: minted tokens verify to what was asked")
struct TokenMinterTests {
    @Test("claims round-trip through mint and verify", arguments: [
        (nil, nil, false), ("Alice 🙂", ["team", "proj-*"], true), (nil, [], false), ("*", ["*"], true),
    ] as [(String?, [String]?, Bool)])
    func roundTrip(name: String?, rooms: [String]?, broadcast: Bool) throws {
        let claims = try TokenMinter.claims(
            subject: "user-42", name: name, rooms: rooms, mayBroadcast: broadcast, now: TokenFixture.now, lifetime: 3600)
        let token = try #require(TokenFixture.minter.mint(claims))
        let verified = try TokenFixture.verify(token).get()
        #expect(verified.user == "user-42")
        #expect(verified.name.value == name ?? "user-42")
        #expect(verified.rooms == rooms)
        #expect(verified.mayBroadcast == broadcast)
        #expect(verified.expiry == TokenFixture.now + 3600)
        expectRefusedAfterLifetime(token)
    }

    private func expectRefusedAfterLifetime(_ token: String) {
        expectRefused(token, .expired, now: TokenFixture.now + 3600 + TokenVerifier.clockSkew)
    }

    @Test("the header is exactly {\"alg\":\"HS256\",\"typ\":\"JWT\"} and the payload carries iat and exp")
    func layout() throws {
        let claims = try TokenMinter.claims(subject: "bob", rooms: ["a"], now: 1_700_000_000, lifetime: 60)
        let token = try #require(TokenFixture.minter.mint(claims))
        let parts = token.split(separator: ".").map { Base64.decode(String($0), variant: .url) }
        #expect(parts.count == 3)
        #expect(parts[0] == Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        #expect(parts[1] == Array(#"{"sub":"bob","rooms":["a"],"iat":1700000000,"exp":1700000060}"#.utf8))
        #expect(parts[2]?.count == 32)
    }

    @Test("a token minted under another secret does not verify")
    func otherSecret() throws {
        let claims = try TokenMinter.claims(subject: "bob", now: TokenFixture.now, lifetime: 60)
        let token = try #require(TokenMinter(secret: Array(repeating: 7, count: 32)).mint(claims))
        expectRefused(token, .badSignature)
    }

    @Test("the minter refuses the claims the verifier would refuse")
    func refusedClaims() {
        #expect(throws: TokenRefusal.self) { try TokenMinter.claims(subject: "", now: 0, lifetime: 1) }
        #expect(throws: TokenRefusal.self) { try TokenMinter.claims(subject: "a", name: "\n", now: 0, lifetime: 1) }
        #expect(throws: TokenRefusal.self) { try TokenMinter.claims(subject: "a", rooms: ["a b"], now: 0, lifetime: 1) }
        #expect(throws: TokenRefusal.self) { try TokenMinter.claims(subject: "   ", now: 0, lifetime: 1) }
        #expect(throws: TokenRefusal.self) { try TokenMinter.claims(subject: "a", now: .max, lifetime: 1) }
        #expect(throws: TokenRefusal.self) { try TokenMinter.claims(subject: "a", now: 253_402_300_799, lifetime: 1) }
    }
}
