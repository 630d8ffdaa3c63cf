import ChatWire

/// What to do with the answer to a backplane command that carried a
/// ticket: who asked, and for what.
enum PendingReply: Sendable {
    /// A `message`: ack (if it had a ref) once delivered, or `unavailable`.
    case message(ClientID, room: RoomName, ref: ChatRequest.Ref?)
    case broadcast(ClientID, ref: ChatRequest.Ref?)
    case rooms(ClientID, ref: ChatRequest.Ref?)
    case who(ClientID, room: RoomName, ref: ChatRequest.Ref?)

    var client: ClientID {
        switch self {
        case .message(let client, _, _), .broadcast(let client, _), .rooms(let client, _), .who(let client, _, _): client
        }
    }

    var ref: ChatRequest.Ref? {
        switch self {
        case .message(_, _, let ref), .broadcast(_, let ref), .rooms(_, let ref), .who(_, _, let ref): ref
        }
    }
}
