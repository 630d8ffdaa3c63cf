import ChatWire

/// `refresh`: an authenticated client replaces its token before it expires
/// (docs/protocol.md, "Authentication"). The new token must verify and name the
/// same user (`sub`); its claims then apply (rooms, broadcast, expiry), its
/// `name` does not (a name shown in rooms does not change under the other
/// members' eyes). A token that does not pass gets `bad_token` and the old
/// expiry stands.
extension ChatState {
    mutating func refresh(_ id: ClientID, token: String, ref: ChatRequest.Ref?, now: Moment) {
        guard let secret = config.tokenSecret else {
            return replyError(id, .badToken, "authentication is not enabled on this server", ref: ref)
        }
        guard let identity = clients[id]?.identity else {
            return replyError(id, .badToken, "a guest has no token to refresh", ref: ref)
        }
        let verified: VerifiedToken
        do {
            verified = try TokenVerifier(secret: secret).verify(token, now: now.epochMillis / 1000)
        } catch {
            return replyError(id, .badToken, error.message, ref: ref)
        }
        guard verified.user == identity.user else {
            return replyError(id, .badToken, "the new token is for another user", ref: ref)
        }
        clients[id]?.identity = verified.identity
        reply(id, .refreshed(exp: verified.expiry, ref: ref))
        act(.extendExpiry(verified.expiry), for: [id])
    }
}
