import ChatWire
import WSProtocol

/// Checks chat tokens: JWTs (RFC 7519) in JWS compact serialization (RFC
/// 7515 section 7.1) signed with HS256 under the server's secret, following
/// the JWT best practices of RFC 8725.
///
/// The steps, each refusing with its own `TokenRefusal.Reason`:
/// 1. At most `maxTokenBytes`, exactly three non-empty dot-separated parts,
///    each strict base64url; the header a JSON object (`malformed`).
/// 2. Header: `alg` exactly `HS256`, as RFC 8725 section 3.1 advises
///    ("libraries MUST enable the caller to specify a supported set of
///    algorithms and MUST NOT use any other algorithms"), so `none` and
///    every other algorithm are refused (`bad_alg`); no `crit`, whose
///    extensions this verifier understands none of; `typ`, when present,
///    `JWT` in any case (`bad_header`).
/// 3. The signature, compared in constant time with the HMAC-SHA256 of
///    `header.payload` (`bad_signature`). Only then is the payload decoded.
/// 4. The payload a JSON object (`malformed`) whose claims obey
///    `TokenClaims`' rules (`bad_claims`).
/// 5. Time, allowing `clockSkew` both ways: refused from `exp + clockSkew`
///    on (`expired`) and before `nbf - clockSkew` (`not_yet_valid`).
///
/// Sans-I/O: the time is a parameter and nothing is logged.
public struct TokenVerifier: Sendable {
    /// Longest token accepted, in bytes; a real one is a few hundred.
    public static let maxTokenBytes = 8192
    /// Seconds by which a token may be early or late (docs/protocol.md, "Authentication").
    public static let clockSkew: Int64 = 30

    private let secret: [UInt8]

    /// `secret` is the HMAC key, the whole content of the secret file.
    public init(secret: [UInt8]) {
        self.secret = secret
    }

    /// The identity `token` proves at `now` (Unix seconds).
    public func verify(_ token: String, now: Int64) throws(TokenRefusal) -> VerifiedToken {
        guard token.utf8.count <= Self.maxTokenBytes else {
            throw TokenRefusal(.malformed, "the token is longer than 8192 bytes")
        }
        let bytes = Array(token.utf8)
        let parts = try JWSParts(bytes)
        try Self.checkHeader(try Self.jsonObject(parts.header))
        try checkSignature(parts)
        let claims = try TokenClaims(payload: try Self.jsonObject(parts.payload))
        try Self.checkTime(claims, now: now)
        return VerifiedToken(claims)
    }

    /// RFC 7515 section 5.2 steps 1-7 boil down, for HS256, to recomputing
    /// the MAC over the ASCII of `header.payload` as received.
    private func checkSignature(_ parts: JWSParts) throws(TokenRefusal) {
        let expected = parts.signingInput.withUnsafeBytes { HMACSHA256.code(key: secret, message: $0) }
        guard let expected, ConstantTime.equal(parts.signature, expected) else {
            throw TokenRefusal(.badSignature, "the signature does not match")
        }
    }

    private static func checkTime(_ claims: TokenClaims, now: Int64) throws(TokenRefusal) {
        // RFC 7519 section 4.1.4: "the current date/time MUST be before the
        // expiration date/time listed in the "exp" claim", give or take the skew.
        guard now < claims.expiry + clockSkew else {
            throw TokenRefusal(.expired, "the token has expired")
        }
        // Section 4.1.5: the JWT "MUST NOT be accepted for processing" before "nbf".
        if let notBefore = claims.notBefore, now < notBefore - clockSkew {
            throw TokenRefusal(.notYetValid, "the token is not valid yet")
        }
    }
}
