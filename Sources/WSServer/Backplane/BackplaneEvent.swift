import ChatWire

/// What the room space tells the chat state (see `BackplaneCommand`).
public enum BackplaneEvent: Sendable, Equatable {
    case room(RoomName, RoomEvent)
    /// A broadcast's body; `ticket` when this node published it.
    case broadcast(body: [UInt8], ticket: UInt64?)
    case joined(RoomName, memberID: String, JoinInfo)
    /// The join could not be registered (backplane unreachable).
    case joinFailed(RoomName, memberID: String)
    /// A message was stored: where it went in its room's log.
    case published(ticket: UInt64, LogPosition)
    case listed(ticket: UInt64, Listing)
    /// A command with a ticket could not be carried out.
    case failed(ticket: UInt64)
    case fetched(RoomName, epoch: Epoch, [LoggedMessage])
    /// A room's history for the API: where its log stands (nil: the room
    /// has no state) and the messages asked for.
    case history(ticket: UInt64, LogPosition?, [LoggedMessage])
    /// Close these sessions, if this node has them.
    case disconnect(DisconnectTarget)
    /// A command with a ticket was carried out (nothing to report).
    case done(ticket: UInt64)
    /// The backplane became reachable (true) or unreachable (false).
    case availability(Bool)
}
