import WSProtocol

/// An authenticated chat session ends with its token: at `exp` plus the
/// clock skew the server allows, it is closed `1008 token expired`, unless a
/// `refresh` moved its expiry (docs/protocol.md, "Authentication"). The open
/// phase's deadline is the expiry.
extension Connection {
    func armTokenExpiry(_ expiry: Int64) {
        tokenExpiry = expiry
        let closesAt = Double(expiry) + Double(TokenVerifier.clockSkew)
        loop.arm(self, after: max(0.001, closesAt - Double(Clock.epochMillis()) / 1000))
    }

    /// The deadline came; the wall clock may have moved, so check it.
    func closeIfTokenExpired() {
        guard let tokenExpiry else { return }
        let now = Clock.epochMillis() / 1000
        guard now >= tokenExpiry + TokenVerifier.clockSkew else { return armTokenExpiry(tokenExpiry) }
        logClosing(with: CloseReason.tokenExpired.code, reason: CloseReason.tokenExpired.text)
        close(code: CloseReason.tokenExpired.code, reason: CloseReason.tokenExpired.text)
    }
}
