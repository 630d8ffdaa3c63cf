import TLS
import WSProtocol

/// One client connection of the run: its socket, the WebSocket session in
/// the client role that parses what the server sends, and the send buffer
/// that frames are encoded into. Its per-message state is
/// `@exclusivity(unchecked)`, for the reason given on `LoadGenerator`.
final class BenchConnection {
    /// Where the connection's join request stands.
    enum JoinState: Sendable {
        case none
        case requested
        /// The server's `joined` reply arrived.
        case joined
    }

    /// Index in the run's connection table; also the sender id in markers and the epoll token.
    let id: Int
    /// Index of its room in the run's room table.
    let room: Int
    @exclusivity(unchecked) var fd: Int32 = -1
    /// With `--tls`: the session every byte goes through; nil for ws://.
    @exclusivity(unchecked) var tls: TLSSession?
    @exclusivity(unchecked) var state = ConnectionState.idle
    /// The epoll mask currently registered.
    @exclusivity(unchecked) var interest: UInt32 = 0
    /// The upgrade request's key and checks; released once the session is open.
    var handshake: ClientHandshake?
    var responseParser = HTTPResponseHeadParser()
    @exclusivity(unchecked) var session = WebSocketSession(role: .client, maxMessageSize: 64 << 20)
    @exclusivity(unchecked) var output = SendBuffer()
    @exclusivity(unchecked) var joinState = JoinState.none
    /// Connected, and joined where the scenario needs it: it may send and is counted.
    @exclusivity(unchecked) var isReady = false
    /// Counted once as a failure, before it became ready.
    var hasFailed = false
    /// Counted in its room's member count, which sets `expected`.
    @exclusivity(unchecked) var isMember = false
    /// Queued in the run's list of connections to write at the end of the pass.
    @exclusivity(unchecked) var isDirty = false
    /// One of the run's senders: only these send messages.
    var isSender = false
    /// Messages sent and not yet seen coming back to this connection.
    @exclusivity(unchecked) var inFlight = 0
    @exclusivity(unchecked) var sequence: UInt64 = 0
    var connectStartedAt: Int64 = 0
    /// When one of its own messages last came back (the stall check's clock).
    @exclusivity(unchecked) var lastProgress: Int64 = 0

    init(id: Int, room: Int) {
        self.id = id
        self.room = room
    }
}
