import WSProtocol

/// One thing the registry asks the event loops to do for a list of clients.
/// A frame is encoded once, as complete WebSocket frame bytes, and every
/// recipient's outbound queue shares those same bytes.
public struct Delivery: Sendable {
    /// What to do for each recipient.
    public enum Action: Sendable, Equatable {
        /// Queue these frame bytes (a whole server-to-client frame, unmasked).
        case frame([UInt8])
        /// Send a ping (the liveness sweep found the client quiet).
        case ping
        /// Start the close handshake with this code and reason.
        case close(CloseCode, reason: String)
        /// Close with `1001 idle timeout`, unless the loop has seen the client
        /// since the registry last heard of it (or its input sits unread
        /// because the server fell behind): then the loop reports activity.
        case closeIfIdle
        /// Answer the client's close frame: everything the registry sent it
        /// before this has been queued (see `RegistryCall.disconnect`).
        case completeClose
    }

    public var recipients: [ClientID]
    public var action: Action

    public init(recipients: [ClientID], action: Action) {
        self.recipients = recipients
        self.action = action
    }

    public init(to recipient: ClientID, _ action: Action) {
        self.init(recipients: [recipient], action: action)
    }
}
