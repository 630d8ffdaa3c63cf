import ChatWire
import WSProtocol

/// The token check of a chat upgrade (docs/protocol.md, "Authentication"): done
/// before the `101`, so a refused client never becomes a session. A token
/// that is present but invalid is refused in optional mode too: a client
/// that meant to sign in must not silently become a guest.
struct UpgradeAuthentication {
    /// What the check decided.
    enum Outcome {
        /// No authentication, or optional and no token: a guest.
        case guest
        case verified(VerifiedToken)
        /// `401`, with the reason label for `/metrics`.
        case refused(TokenRefusal)
    }

    let config: ServerConfig

    func check(_ head: HTTPRequestHead, now: Int64) -> Outcome {
        guard let secret = config.authSecret else { return .guest }
        do {
            let query = QueryParameters(head.query)
            guard let token = try BearerCredentials.presentedToken(headers: head.headers, query: query) else {
                return config.requiresToken ? .refused(TokenRefusal(.missing, "this server needs a token")) : .guest
            }
            return .verified(try TokenVerifier(secret: secret).verify(token, now: now))
        } catch {
            return .refused(error)
        }
    }

    /// `401` with RFC 6750's `WWW-Authenticate`, and the refusal in words
    /// (which never quote the token).
    static func response(for refusal: TokenRefusal) -> HTTPResponse {
        .plainText(.unauthorized, refusal.message, headers: ["WWW-Authenticate": #"Bearer error="invalid_token""#])
    }
}
