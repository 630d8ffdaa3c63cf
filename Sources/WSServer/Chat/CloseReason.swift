import WSProtocol

/// A close the server starts for cause, with the code and the reason text
/// the peer sees (docs/protocol.md, "Closing").
public struct CloseReason: Sendable, Equatable {
    public var code: CloseCode
    public var text: String

    public init(_ code: CloseCode, _ text: String) {
        self.code = code
        self.text = text
    }

    public static let rateLimitExceeded = CloseReason(.policyViolation, "rate limit exceeded")
    public static let slowConsumer = CloseReason(.policyViolation, "slow consumer")
    public static let tokenExpired = CloseReason(.policyViolation, "token expired")
    public static let disconnectedByServer = CloseReason(.policyViolation, "disconnected by server")
}
