/// libFuzzer entry for `TokenVerifier` (and the base64url, JSON and claim
/// rules under it).
///
/// Input: one control byte, then bytes. Bits 0-1 choose what the bytes are:
/// 0, a whole token as a client sends it; 1, a signing input
/// (`header.payload`) the harness signs correctly; 2, a payload's JSON under
/// a valid header, encoded and signed; 3, a header's JSON over a valid
/// payload, encoded and signed. Modes 1-3 get past the signature, which no
/// mutation could forge, so the fuzzer reaches the header and claim rules.
/// Bits 2-7 move "now" across two hours around the seeds' dates.
@_cdecl("LLVMFuzzerTestOneInput")
public func tokenFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let control = data[0]
    let input = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let now = TokenFuzzer.baseTime + (Int64(control >> 2) - 32) * 120
    switch control & 3 {
    case 0: TokenFuzzer.checkAnyToken(String(decoding: input, as: UTF8.self), now: now)
    case 1: TokenFuzzer.checkSigned(String(decoding: input, as: UTF8.self), now: now)
    case 2: TokenFuzzer.checkSigned(TokenFuzzer.encode(TokenMinter.header) + "." + TokenFuzzer.encode(input), now: now)
    default: TokenFuzzer.checkSigned(TokenFuzzer.encode(input) + "." + TokenFuzzer.encode(TokenFuzzer.validPayload), now: now)
    }
    return 0
}

/// The rules every verification is checked against.
enum TokenFuzzer {
    static let secret = Array("fuzz secret: exactly 32 bytes ok".utf8)
    static let verifier = TokenVerifier(secret: secret)
    /// 2023-11-14T22:13:20Z; the seeds' dates are near it.
    static let baseTime: Int64 = 1_700_000_000
    static let validPayload = Array(#"{"sub":"fuzz","exp":1700003600}"#.utf8)

    static func encode(_ bytes: [UInt8]) -> String { Base64.encode(bytes, variant: .url) }

    /// Whatever the token, the verifier returns; if it accepts, the token's
    /// signature really is the HMAC of its signing input, and what it
    /// returns obeys the claim rules.
    @discardableResult
    static func checkAnyToken(_ token: String, now: Int64) -> Result<VerifiedToken, TokenRefusal> {
        let result = Result { () throws(TokenRefusal) in try verifier.verify(token, now: now) }
        switch result {
        case .success(let verified):
            Fuzz.require(signatureVerifies(token), "accepted a token whose signature does not verify: \(token)")
            checkVerified(verified, now: now)
        case .failure(let refusal):
            checkSilent(refusal, about: token)
        }
        return result
    }

    /// A token signed by the harness is never refused for its signature,
    /// and is refused once any bit of that signature changes.
    static func checkSigned(_ signingInput: String, now: Int64) {
        guard let code = HMACSHA256.code(key: secret, message: Array(signingInput.utf8)) else {
            return Fuzz.require(false, "HMAC failed")
        }
        let result = checkAnyToken(signingInput + "." + encode(code), now: now)
        if case .failure(let refusal) = result {
            Fuzz.require(refusal.reason != .badSignature, "a correctly signed token refused as \(refusal)")
        }
        guard case .success(let verified) = result else { return }
        var flipped = code
        flipped[Int(now & 31)] ^= 1 << (UInt8(truncatingIfNeeded: now >> 5) & 7)
        let tampered = checkAnyToken(signingInput + "." + encode(flipped), now: now)
        Fuzz.require(tampered == .failure(TokenRefusal(.badSignature, "the signature does not match")),
                     "a flipped signature bit gave \(tampered)")
        checkRoundTrip(verified, now: now)
    }

    /// An independent check: exactly two dots and a base64url signature
    /// equal to the HMAC-SHA256 of everything before the second dot.
    private static func signatureVerifies(_ token: String) -> Bool {
        let bytes = Array(token.utf8)
        let dots = bytes.indices.filter { bytes[$0] == UInt8(ascii: ".") }
        guard dots.count == 2, let signature = Base64.decode(String(decoding: bytes[(dots[1] + 1)...], as: UTF8.self), variant: .url),
              let expected = HMACSHA256.code(key: secret, message: Array(bytes[..<dots[1]]))
        else { return false }
        return signature == expected
    }

    private static func checkVerified(_ verified: VerifiedToken, now: Int64) {
        Fuzz.require(TokenClaims.isValidSubject(verified.user), "user \(verified.user)")
        Fuzz.require(Nickname(verified.name.value) == verified.name, "name \(verified.name)")
        Fuzz.require(verified.rooms?.allSatisfy(TokenClaims.isValidRoomPattern) ?? true, "rooms \(String(describing: verified.rooms))")
        Fuzz.require(now < verified.expiry + TokenVerifier.clockSkew, "expired at \(verified.expiry), now \(now)")
    }

    /// The same claims minted again verify to the same token.
    private static func checkRoundTrip(_ verified: VerifiedToken, now: Int64) {
        let claims = Result { () throws(TokenRefusal) in
            try TokenClaims(subject: verified.user, name: verified.name, rooms: verified.rooms,
                            mayBroadcast: verified.mayBroadcast, expiry: verified.expiry)
        }
        guard case .success(let claims) = claims, let token = TokenMinter(secret: secret).mint(claims) else {
            return Fuzz.require(false, "cannot mint again \(verified): \(claims)")
        }
        let again = Result { () throws(TokenRefusal) in try verifier.verify(token, now: now) }
        Fuzz.require(again == .success(verified), "minted again, \(verified) became \(again)")
    }

    /// A refusal repeats no dot-separated part of the token of 24 bytes or
    /// more (a shorter one may be a word the message uses too).
    private static func checkSilent(_ refusal: TokenRefusal, about token: String) {
        let parts = token.split(separator: ".").filter { $0.utf8.count >= 24 }
        for text in [refusal.message, refusal.description] {
            Fuzz.require(!parts.contains { text.contains($0) }, "\(text) contains part of \(token)")
        }
    }
}
