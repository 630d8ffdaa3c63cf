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
    case presence(room: String, member: ChatMember, change: Change)
    case joinedRoom(String, members: Int)
    /// `recovered` is nil when the room was reset and there is nothing to compare.
    case rejoinedRoom(String, recovered: Int?)
    case leftRoom(String)
    case switchedRoom(String)
    /// `total` when the server listed only part of them.
    case roomList([ChatEvent.RoomCount], total: Int?)
    /// `ownID` is this client's id, to mark it; `total` as for `roomList`.
    case members(room: String, members: [ChatMember], ownID: String?, total: Int?)
    case renamed(String)
    /// A request the server refused, or that it would refuse (not sent).
    case refused(ChatError)
    /// The server could not publish (`unavailable`): nothing was delivered.
    case notDelivered
    /// A join the server could not do yet (`unavailable`), tried again after the delay.
    case joinRetry(room: String, after: Double)
    /// The socket is open; `again` after a reconnect.
    case connected(url: String, again: Bool)
    /// The chat server's first `welcome`; `user` for an authenticated connection.
    case welcomed(name: String, user: String?)
    case disconnected(Disconnection)
    case reconnecting(after: Double)
    case reconnectFailed(String, retryAfter: Double)
    /// The connection ended for good; the reason it is not retried.
    case notReconnecting(String)
    case messagesLost(room: String, ClosedRange<UInt64>)
    /// A resume the server could not serve whole (`recovered: false`).
    case historyNotRecovered(room: String)
    /// The server lost the room's history while we were in it (`reset`).
    case historyLost(room: String)
    /// v1 servers: the room's seq went back.
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
