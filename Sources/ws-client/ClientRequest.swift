/// A request to the chat server (PROTOCOL.md, client to server), encoded
/// as the JSON text of one frame; or a raw line for any other server.
enum ClientRequest: Equatable {
    case join(room: String, since: UInt64?)
    case leave(room: String)
    /// Always names its room, so the server's idea of the current room
    /// (the last one joined) never decides where a line goes.
    case message(room: String, text: String)
    case broadcast(text: String)
    case nick(name: String)
    case rooms
    case who(room: String?)
    /// A line sent as it was typed, to a server that is not a chat server.
    case raw(String)

    /// The `ref` a join carries, so an `error` answering it names the room.
    static func joinRef(_ room: String) -> String { "join:" + room }

    var json: String {
        switch self {
        case .join(let room, let since):
            let sinceField = since.map { ",\"since\":\($0)" } ?? ""
            return "{\"type\":\"join\",\"room\":\(Self.quoted(room))\(sinceField),\"ref\":\(Self.quoted(Self.joinRef(room)))}"
        case .leave(let room):
            return "{\"type\":\"leave\",\"room\":\(Self.quoted(room))}"
        case .message(let room, let text):
            return "{\"type\":\"message\",\"room\":\(Self.quoted(room)),\"text\":\(Self.quoted(text))}"
        case .broadcast(let text):
            return "{\"type\":\"broadcast\",\"text\":\(Self.quoted(text))}"
        case .nick(let name):
            return "{\"type\":\"nick\",\"name\":\(Self.quoted(name))}"
        case .rooms:
            return "{\"type\":\"rooms\"}"
        case .who(let room):
            return room.map { "{\"type\":\"who\",\"room\":\(Self.quoted($0))}" } ?? "{\"type\":\"who\"}"
        case .raw(let text):
            return text
        }
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
