import ChatWire

/// Something to tell the user in interactive mode, before it is formatted:
/// `ChatSession` decides what happened, `ChatView` decides how it looks.
public enum Notice: Equatable, Sendable {
    /// How a member changed, from a `presence` event.
    public enum Change: Equatable, Sendable {
        case joined
        case left
        /// `from` is the old name when it was known.
        case renamed(from: String?)
    }

    case message(ChatMessage, own: Bool)
    case broadcast(ChatEvent.Broadcast, own: Bool)
    case presence(room: String, name: String, change: Change)
    case joinedRoom(String, members: Int)
    /// `recovered` is nil when the room was reset and there is nothing to compare.
    case rejoinedRoom(String, recovered: Int?)
    case leftRoom(String)
    case switchedRoom(String)
    case roomList([ChatEvent.RoomCount])
    case members(room: String, names: [String])
    case renamed(String)
    /// A request the server refused, or that it would refuse (not sent).
    case refused(ChatError)
    /// The socket is open; `again` after a reconnect.
    case connected(url: String, again: Bool)
    /// The chat server's first `welcome`.
    case welcomed(name: String)
    case disconnected(Disconnection)
    case reconnecting(after: Double)
    case reconnectFailed(String, retryAfter: Double)
    case messagesLost(room: String, ClosedRange<UInt64>)
    case roomRestarted(room: String, previous: UInt64, current: UInt64)
    /// A hint about something typed locally (not sent, wrong usage).
    case hint(String)
    case help
    /// A frame that is not a chat event, shown as it came (neutralised).
    case unrecognised(String)
    /// A line sent as is to a server that is not a chat server.
    case sentRaw(String)
    case binary(byteCount: Int)
}
