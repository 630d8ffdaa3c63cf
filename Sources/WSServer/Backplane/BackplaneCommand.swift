import ChatWire

/// What the chat state asks of the room space it shares with other nodes
/// (or, on one node, keeps in memory). Answers come back as
/// `BackplaneEvent`s: at once from the memory backplane, later from Redis.
public enum BackplaneCommand: Sendable, Equatable {
    /// Register a member; answered by `.joined` (or `.joinFailed`) and, on
    /// the room's channel, a presence notice with the log position.
    case join(JoinRequest)
    /// Unregister a member; a presence `leave` follows on the room's channel.
    case leave(RoomName, member: ChatMember)
    /// Number and store a message (`body`: see `ChatMessage.body`); answered
    /// by `.published` with its seq, and the message itself on the channel.
    case publish(RoomName, body: [UInt8], ticket: UInt64)
    /// To every chat client of every node; it comes back as `.broadcast`.
    case broadcast(body: [UInt8], ticket: UInt64)
    /// A member's new name, for the rooms it is in: presence `nick` in each.
    case rename(ChatMember, rooms: [RoomName])
    /// With `positions`, each room's epoch and seq too (the HTTP API).
    case listRooms(limit: Int, positions: Bool, ticket: UInt64)
    case listMembers(RoomName, limit: Int, ticket: UInt64)
    /// The messages after `after.seq` up to `through` (a gap in the feed).
    case fetch(RoomName, after: LogPosition, through: UInt64)
    /// At most `limit` messages after `since`, oldest first (the HTTP API).
    case history(RoomName, since: UInt64, limit: Int, ticket: UInt64)
    /// Close these sessions on every node; answered by `.done`.
    case disconnect(DisconnectTarget, ticket: UInt64)
}
