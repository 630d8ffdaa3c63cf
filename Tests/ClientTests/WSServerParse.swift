import ChatWire
import WSServer

/// The server's reading of a request frame, summed up as text. In a file of
/// its own so the server's type names do not clash with ws-client's.
enum WSServerParse {
    static func summary(of json: String) -> String? {
        guard case .success(let request) = ChatRequest.parse(Array(json.utf8)) else { return nil }
        return switch request.kind {
        case .join(let room, let since, _): "join \(room.value) since \(since.map(String.init) ?? "-")"
        case .leave(let room): "leave \(room.value)"
        case .message(let text, let room): "message \(room?.value ?? "-") \(text)"
        case .broadcast(let text): "broadcast \(text)"
        case .nick(let name): "nick \(name.value)"
        case .rooms: "rooms"
        case .who(let room): "who \(room?.value ?? "-")"
        case .refresh: "refresh"
        }
    }
}
