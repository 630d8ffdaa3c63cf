import WSClient
import WSProtocol

/// Why a connection ended, and whether that calls for reconnecting.
public enum Disconnection: Equatable, Sendable {
    /// The server sent a close frame (it started the handshake, or answered ours).
    case closedByServer(CloseCode, reason: String)
    /// The socket failed or ended without a close handshake.
    case lost(String)
    /// The server broke the protocol; we closed.
    case protocolFailure(String)

    init(_ error: ClientError) {
        self = .lost(error.description)
    }

    /// Reconnecting after a normal close (1000) would undo a deliberate
    /// decision, and after a policy close (1008: origin refused, abuse,
    /// slow consumer) the server would just refuse again.
    public var allowsReconnect: Bool {
        switch self {
        case .closedByServer(let code, _): code != .normalClosure && code != .policyViolation
        case .lost, .protocolFailure: true
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
        }
    }
}
