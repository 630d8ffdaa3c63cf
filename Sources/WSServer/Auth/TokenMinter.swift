import ChatWire
import WSProtocol

/// Makes chat tokens for operators and tests: HS256 JWTs that
/// `TokenVerifier` accepts when given the same secret (what `chat-server
/// token` prints).
public struct TokenMinter: Sendable {
    /// `{"alg":"HS256","typ":"JWT"}`, the header of every minted token.
    public static let header = Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8)

    private let secret: [UInt8]

    public init(secret: [UInt8]) {
        self.secret = secret
    }

    /// `claims` signed; nil only if libcrypto fails to compute the HMAC.
    public func mint(_ claims: TokenClaims) -> String? {
        sign(payload: claims.payload)
    }

    /// Any payload under any header, signed as given: tests use it to build
    /// tokens the verifier must refuse for what they say, not how they are signed.
    public func sign(payload: [UInt8], header: [UInt8] = TokenMinter.header) -> String? {
        let signingInput = Base64.encode(header, variant: .url) + "." + Base64.encode(payload, variant: .url)
        guard let code = HMACSHA256.code(key: secret, message: Array(signingInput.utf8)) else { return nil }
        return signingInput + "." + Base64.encode(code, variant: .url)
    }

    /// Claims for a token valid from `now` for `lifetime` seconds, with
    /// `iat` set; `name` as typed (nickname rules apply). Throws when a
    /// value breaks a rule of `TokenClaims`.
    public static func claims(
        subject: String, name: String? = nil, rooms: [String]? = nil, mayBroadcast: Bool = false,
        now: Int64, lifetime: Int64
    ) throws(TokenRefusal) -> TokenClaims {
        let (expiry, overflow) = now.addingReportingOverflow(lifetime)
        guard !overflow else { throw TokenRefusal(.badClaims, "exp, nbf and iat must be dates from 1970 to 9999") }
        let nickname = name.flatMap(Nickname.init)
        guard name == nil || nickname != nil else {
            throw TokenRefusal(.badClaims, "the name claim is not a string that makes a valid nickname")
        }
        return try TokenClaims(
            subject: subject, name: nickname, rooms: rooms, mayBroadcast: mayBroadcast, expiry: expiry, issuedAt: now)
    }
}
