import WSProtocol
import ChatWire

/// One thing the registry asks the event loops to do for a list of clients.
/// An event is prepared once and every recipient's outbound queue shares its
/// bytes; the recipient list of a room message is the room's member array
/// itself (copy-on-write, never rebuilt per message).
public struct Delivery: Sendable {
    /// What to do for each recipient.
    public enum Action: Sendable, Equatable {
        /// Queue this event.
        case event(PreparedEvent)
        /// Send a ping (the liveness sweep found the client quiet).
        case ping
        /// Start the close handshake with this code and reason.
        case close(CloseReason)
        /// Close with `1001 idle timeout`, unless the loop has seen the client
        /// since the registry last heard of it (or its input sits unread
        /// because the server fell behind): then the loop reports activity.
        case closeIfIdle
        /// Answer the client's close frame: everything the registry sent it
        /// before this has been queued (see `RegistryCall.disconnect`).
        case completeClose
        /// The connection's token was refreshed: it now expires at this
        /// Unix time (seconds), plus the allowed clock skew.
        case extendExpiry(Int64)
        /// Answer an HTTP API call and close (the recipient is its connection).
        case respond(HTTPResponse)
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

    /// Bytes this delivery queues across all its recipients.
    var queuedBytes: Int {
        guard case .event(let event) = action else { return 0 }
        return event.byteCount * recipients.count
    }

    /// Bytes this delivery keeps alive while it waits in an inbox (its
    /// event, shared by every recipient).
    var heldBytes: Int {
        guard case .event(let event) = action else { return 64 }
        return event.byteCount + 64
    }

    public init(to recipient: ClientID, _ event: ChatEvent) {
        self.init(recipients: [recipient], action: .event(PreparedEvent(event)))
    }
}
