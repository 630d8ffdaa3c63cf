import Testing
import WSServer

/// A secret, a verifier and a minter that agree, a fixed "now", and the
/// checks every refusal test shares.
enum TokenFixture {
    static let secret = Array("a test secret that is 32 bytes or longer".utf8)
    static let verifier = TokenVerifier(secret: secret)
    static let minter = TokenMinter(secret: secret)
    /// 2023-11-14T22:13:20Z.
    static let now: Int64 = 1_700_000_000
    /// Claim values carry this marker so a test can see that none of them
    /// reached a refusal's message.
    static let marker = "QZX"

    /// `payload` (JSON text) under `header` (JSON text), signed with `secret`.
    static func token(_ payload: String, header: String = #"{"alg":"HS256","typ":"JWT"}"#) -> String {
        minter.sign(payload: Array(payload.utf8), header: Array(header.utf8)) ?? ""
    }

    /// A payload valid at `now` with `claims` (JSON members) added.
    static func payload(_ claims: String = "") -> String {
        #"{"sub":"alice\#(marker)","exp":\#(now + 3600)"# + (claims.isEmpty ? "" : "," + claims) + "}"
    }

    static func verify(_ token: String, now: Int64 = now) -> Result<VerifiedToken, TokenRefusal> {
        Result { () throws(TokenRefusal) in try verifier.verify(token, now: now) }
    }
}

/// Expects `token` to be refused for `reason` and the refusal to give away
/// nothing of the token: no 6 characters of it in a row, and no claim value.
func expectRefused(
    _ token: String, _ reason: TokenRefusal.Reason, now: Int64 = TokenFixture.now,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    switch TokenFixture.verify(token, now: now) {
    case .success(let verified):
        Issue.record("accepted as \(verified), expected \(reason)", sourceLocation: sourceLocation)
    case .failure(let refusal):
        #expect(refusal.reason == reason, "\(refusal)", sourceLocation: sourceLocation)
        expectNothingOfToken(token, in: refusal, sourceLocation: sourceLocation)
    }
}

func expectNothingOfToken(_ token: String, in refusal: TokenRefusal, sourceLocation: SourceLocation = #_sourceLocation) {
    let texts = [refusal.message, refusal.description, "\(refusal)", String(reflecting: refusal)]
    let characters = Array(token)
    for text in texts {
        #expect(!text.contains(TokenFixture.marker), "\(text)", sourceLocation: sourceLocation)
        for start in stride(from: 0, to: max(0, characters.count - 5), by: 1) {
            let window = String(characters[start..<(start + 6)])
            guard !text.contains(window) else {
                Issue.record("'\(text)' contains '\(window)' of the token", sourceLocation: sourceLocation)
                return
            }
        }
    }
}
