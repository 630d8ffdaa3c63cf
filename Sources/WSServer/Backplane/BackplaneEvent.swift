import ChatWire

/// What the room space tells the chat state (see `BackplaneCommand`).
public enum BackplaneEvent: Sendable, Equatable {
    case room(RoomName, RoomEvent)
    /// A broadcast's body; `ticket` when this node published it.
    case broadcast(body: [UInt8], ticket: UInt64?)
    case joined(RoomName, memberID: String, JoinInfo)
    /// The join could not be registered (backplane unreachable).
    case joinFailed(RoomName, memberID: String)
    /// A publish was stored: its seq (nil for a broadcast).
    case published(ticket: UInt64, seq: UInt64?)
    case listed(ticket: UInt64, Listing)
    /// A command with a ticket could not be carried out.
    case failed(ticket: UInt64)
    case fetched(RoomName, epoch: Epoch, [LoggedMessage])
    /// The backplane became reachable (true) or unreachable (false).
    case availability(Bool)
}
