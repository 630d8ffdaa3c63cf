import ChatWire
import Testing
import WSServer

/// Refusals and defaults of the signed claims, and the clock skew.
@Suite("TokenVerifier: claims and time")
struct TokenClaimsTests {
    private static let now = TokenFixture.now
    private static let marker = TokenFixture.marker

    /// A token whose payload is `members` as given (no defaults added).
    private func token(_ members: String) -> String { TokenFixture.token("{\(members)}") }

    private func verified(_ members: String, now: Int64 = now) throws -> VerifiedToken {
        try TokenFixture.verify(token(members), now: now).get()
    }

    @Test("sub missing or not 1-64 visible characters: bad_claims", arguments: [
        #""exp":1700003600"#, #""sub":null,"exp":1700003600"#, #""sub":7,"exp":1700003600"#,
        #""sub":"","exp":1700003600"#, #""sub":"\#(String(repeating: "u", count: 65))","exp":1700003600"#,
        #""sub":"QZX\u0007","exp":1700003600"#, #""sub":"QZX\u200B","exp":1700003600"#,
        #""sub":"QZX\u2028","exp":1700003600"#, #""sub":["QZX"],"exp":1700003600"#,
    ])
    func badSubject(members: String) {
        expectRefused(token(members), .badClaims)
    }

    @Test("sub of 64 characters, or of emoji and spaces, is accepted as it is")
    func subjects() throws {
        let long = String(repeating: "é", count: 64)
        #expect(try verified(#""sub":"\#(long)","exp":1700003600,"name":"x""#).user == long)
        #expect(try verified(#""sub":" a b 🙂","exp":1700003600"#).user == " a b 🙂")
    }

    @Test("exp missing, not a number or out of range: bad_claims", arguments: [
        #""sub":"a""#, #""sub":"a","exp":"1700003600""#, #""sub":"a","exp":null"#, #""sub":"a","exp":true"#,
        #""sub":"a","exp":1e400"#, #""sub":"a","exp":-1"#, #""sub":"a","exp":253402300800"#,
        #""sub":"a","exp":1700003600,"nbf":"0""#, #""sub":"a","exp":1700003600,"iat":{}"#,
        #""sub":"a","exp":1700003600,"iat":-5"#,
    ])
    func badDates(members: String) {
        expectRefused(token(members), .badClaims)
    }

    @Test("a fractional exp is floored; 1.7e9 notation is a number")
    func fractionalExpiry() throws {
        #expect(try verified(#""sub":"a","exp":1700003600.999"#).expiry == 1_700_003_600)
        #expect(try verified(#""sub":"a","exp":1.7000036e9"#).expiry == 1_700_003_600)
    }

    @Test("exp: accepted until 30 s after it, expired from then on")
    func expiry() throws {
        let members = #""sub":"a","exp":1700000000.5"#
        #expect(try verified(members, now: Self.now + 29).user == "a")
        expectRefused(token(members), .expired, now: Self.now + 30)
        expectRefused(token(members), .expired, now: Self.now + 86400)
    }

    @Test("nbf: not valid before 30 s ahead of it, accepted from then on; iat in the future is fine")
    func notBefore() throws {
        let members = #""sub":"a","exp":1700003600,"nbf":1700000100,"iat":1700000100"#
        expectRefused(token(members), .notYetValid, now: Self.now + 69)
        #expect(try verified(members, now: Self.now + 70).user == "a")
        #expect(try verified(members, now: Self.now + 100).user == "a")
    }

    @Test("name must follow the nickname rules: bad_claims otherwise", arguments: [
        #""name":"""#, #""name":"   ""#, #""name":"\#(String(repeating: "n", count: 33))QZX""#,
        #""name":"QZX\nx""#, #""name":"QZX\u202Ex""#, #""name":5"#, #""name":null"#,
    ])
    func badName(member: String) {
        expectRefused(TokenFixture.token(TokenFixture.payload(member)), .badClaims)
    }

    @Test("the display name: name trimmed, else sub, cut to 32 characters when longer")
    func displayName() throws {
        #expect(try verified(#""sub":"a","exp":1700003600,"name":"  Bob 🙂 ""#).name.value == "Bob 🙂")
        #expect(try verified(#""sub":"alice","exp":1700003600"#).name.value == "alice")
        let uuid = "123e4567-e89b-12d3-a456-426614174000"
        let token = try verified(#""sub":"\#(uuid)","exp":1700003600"#)
        #expect(token.user == uuid)
        #expect(token.name.value == String(uuid.prefix(32)))
        expectRefused(self.token(#""sub":"   ","exp":1700003600"#), .badClaims)
    }

    @Test("rooms entries must be room names or prefixes ending in *", arguments: [
        #""rooms":"lobby""#, #""rooms":{}"#, #""rooms":null"#, #""rooms":[1]"#, #""rooms":["lobby",null]"#,
        #""rooms":["QZX lobby"]"#, #""rooms":[""]"#, #""rooms":["**"]"#, #""rooms":["QZX*x"]"#, #""rooms":["*QZX"]"#,
        #""rooms":["QZX/x*"]"#, #""rooms":["\#(String(repeating: "r", count: 65))"]"#,
    ])
    func badRooms(member: String) {
        expectRefused(TokenFixture.token(TokenFixture.payload(member)), .badClaims)
    }

    @Test("rooms: names and prefixes kept in order, [] lets in none, * and absence any")
    func rooms() throws {
        let listed = try verified(#""sub":"a","exp":1700003600,"rooms":["team","proj-*","\#(String(repeating: "r", count: 64))*"]"#)
        #expect(listed.rooms == ["team", "proj-*", String(repeating: "r", count: 64) + "*"])
        #expect(listed.identity.mayJoin(RoomName("proj-x")!))
        #expect(!listed.identity.mayJoin(RoomName("teams")!))
        let none = try verified(#""sub":"a","exp":1700003600,"rooms":[]"#)
        #expect(none.rooms == [] && !none.identity.mayJoin(RoomName("team")!))
        #expect(try verified(#""sub":"a","exp":1700003600,"rooms":["*"]"#).identity.mayJoin(RoomName("any")!))
        #expect(try verified(#""sub":"a","exp":1700003600"#).rooms == nil)
    }

    @Test("broadcast must be a boolean; absent is false", arguments: [
        #""broadcast":"true""#, #""broadcast":1"#, #""broadcast":null"#, #""broadcast":["QZX"]"#,
    ])
    func badBroadcast(member: String) {
        expectRefused(TokenFixture.token(TokenFixture.payload(member)), .badClaims)
    }

    @Test("broadcast true and false, and the identity the chat rules get")
    func broadcast() throws {
        let token = try verified(#""sub":"a","exp":1700003600,"broadcast":true"#)
        #expect(token.mayBroadcast && token.identity.mayBroadcast)
        #expect(token.identity.user == "a" && token.identity.expiry == 1_700_003_600 && token.identity.rooms == nil)
        #expect(try !verified(#""sub":"a","exp":1700003600,"broadcast":false"#).mayBroadcast)
        #expect(try !verified(#""sub":"a","exp":1700003600"#).mayBroadcast)
    }

    @Test("aud is refused (this server names no audience); other claims are ignored")
    func otherClaims() throws {
        expectRefused(TokenFixture.token(TokenFixture.payload(#""aud":"QZX""#)), .badClaims)
        expectRefused(TokenFixture.token(TokenFixture.payload(#""aud":[]"#)), .badClaims)
        let token = try verified(#""sub":"a","exp":1700003600,"iss":"x","jti":"y","custom":{"deep":[1,2]}"#)
        #expect(token.user == "a")
    }
}
