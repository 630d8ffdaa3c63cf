import WSClient
import WSProtocol

/// Why a connection ended (or a reconnect was turned away), and whether
/// that calls for reconnecting.
public enum Disconnection: Equatable, Sendable {
    /// The server sent a close frame (it started the handshake, or answered ours).
    case closedByServer(CloseCode, reason: String)
    /// The socket failed or ended without a close handshake.
    case lost(String)
    /// The server broke the protocol; we closed.
    case protocolFailure(String)
    /// The server answered the upgrade with `status`; `withToken` when we sent one.
    case refused(HTTPStatus, withToken: Bool)
    /// The server's TLS certificate did not verify, and why (wss://).
    case untrustedCertificate(String)

    /// The reasons of the `1008` closes that retrying cannot change (docs/protocol.md, "Closing").
    static let finalPolicyReasons: [String: String] = [
        "rate limit exceeded": "the server cut us off for sending too fast",
        "origin not allowed": "the server does not accept this origin",
        "token expired": "your token expired; start again with a new one",
        "disconnected by server": "the server disconnected us on purpose",
    ]

    public init(_ error: ClientError, withToken: Bool) {
        switch error {
        case .upgradeRefused(let status): self = .refused(status, withToken: withToken)
        case .untrustedCertificate(let why): self = .untrustedCertificate(why)
        case .badURL, .unknownHost, .connectFailed, .tlsFailed, .handshakeFailed, .connectionLost, .timedOut:
            self = .lost(error.description)
        }
    }

    public var allowsReconnect: Bool { finalReason == nil }

    /// Why reconnecting would not help, as the user reads it; nil when it
    /// might. A normal close (1000) ends a session on purpose; a `1008`
    /// refusal for abuse, origin, an expired token or an operator's
    /// decision would be made again; a `1008 slow consumer` is about that
    /// moment only; a refused token (401) or origin (403) stays refused, and
    /// so does a certificate that did not verify.
    public var finalReason: String? {
        switch self {
        case .closedByServer(.normalClosure, _):
            "the server ended the session (1000)"
        case .closedByServer(.policyViolation, let reason) where reason != "slow consumer":
            Self.finalPolicyReasons[reason] ?? "the server refused us by policy (1008)"
        case .refused(let status, let withToken) where status.code == 401:
            withToken
                ? "the server refused the token (invalid or expired)"
                : "the server requires a token: pass --token TOKEN or set CHAT_TOKEN"
        case .refused(let status, _) where status.code == 403:
            "the server refused the connection (\(status))"
        case .untrustedCertificate(let why):
            "the server's certificate is not trusted (\(why)); --ca-file FILE trusts another CA"
        case .closedByServer, .lost, .protocolFailure, .refused:
            nil
        }
    }

    /// As the user reads it: `server closed the connection: 1008 slow consumer`.
    public var explanation: String {
        switch self {
        case .closedByServer(let code, let reason):
            "server closed the connection: \(code)\(reason.isEmpty ? "" : " " + reason)"
        case .lost(let why):
            why.hasPrefix("connection lost") ? why : "connection lost: \(why)"
        case .protocolFailure(let why):
            "the server broke the WebSocket protocol: \(why)"
        case .refused(let status, _):
            "the server refused the connection: \(status)"
        case .untrustedCertificate(let why):
            "the server's certificate is not trusted: \(why)"
        }
    }
}
