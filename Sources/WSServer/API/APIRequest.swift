import ChatWire

/// One call of the HTTP API for backends (docs/protocol.md, "HTTP API
/// for backends"), validated.
public enum APIRequest: Sendable {
    /// A message from a backend, numbered and kept like any (`id` "api").
    case publish(room: RoomName, text: String, name: Nickname)
    case broadcast(text: String, name: Nickname)
    case rooms
    case history(room: RoomName, since: UInt64, limit: Int?)
    case members(room: RoomName)
    case disconnect(DisconnectTarget)

    /// The text a publish or broadcast carries.
    var text: String? {
        switch self {
        case .publish(_, let text, _), .broadcast(let text, _): text
        case .rooms, .history, .members, .disconnect: nil
        }
    }

    /// Bodies are JSON objects of at most this many bytes.
    static let maxBodyBytes = 1 << 20
    /// The name API messages show when the body gives none.
    static let defaultName = Nickname("server")!
}
