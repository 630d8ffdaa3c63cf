import ChatWire

/// What to do with the answer to a backplane command that carried a
/// ticket: who asked, and for what.
enum PendingReply: Sendable {
    /// A `message`: ack (if it had a ref) once delivered, or `unavailable`.
    case message(ClientID, room: RoomName, ref: ChatRequest.Ref?)
    case broadcast(ClientID, ref: ChatRequest.Ref?)
    case rooms(ClientID, ref: ChatRequest.Ref?)
    case who(ClientID, room: RoomName, ref: ChatRequest.Ref?)
    /// An HTTP API call waiting on its connection.
    case api(ClientID, APIOperation)

    /// What an API call waits for.
    enum APIOperation: Sendable {
        case publish(RoomName), broadcast, rooms, history(RoomName), members, disconnect
    }
}
