/// One frame from the server, read as a PROTOCOL.md event. Frames that are
/// not a known event (another kind of server, a newer protocol) stay
/// `unrecognised` with their text, so they can still be shown.
enum ServerEvent: Equatable {
    /// One room in a `rooms` listing.
    struct RoomCount: Equatable {
        var room: String
        var members: Int
    }

    /// One member in a `who` listing.
    struct Member: Equatable {
        var id: String
        var name: String
    }

    case welcome(id: String, name: String)
    case joined(room: String, members: Int, seq: UInt64, history: [ChatMessage])
    case left(room: String)
    case presence(room: String, change: String, id: String, name: String)
    case message(ChatMessage)
    case broadcast(id: String, name: String, text: String, ts: Int64)
    case rooms([RoomCount])
    case who(room: String, members: [Member])
    case nick(name: String)
    case ack
    case error(code: String, message: String, ref: String?)
    case unrecognised(String)

    init(text: String) {
        guard let json = try? JSONReader.parse(text), let type = json["type"]?.string,
              let event = Self.decode(type: type, json)
        else {
            self = .unrecognised(text)
            return
        }
        self = event
    }

    private static func decode(type: String, _ json: JSONValue) -> ServerEvent? {
        switch type {
        case "welcome": welcome(json)
        case "joined": joined(json)
        case "left": json["room"]?.string.map { .left(room: $0) }
        case "presence": presence(json)
        case "message": ChatMessage(json: json).map { .message($0) }
        case "broadcast": broadcast(json)
        case "rooms": rooms(json)
        case "who": who(json)
        case "nick": json["name"]?.string.map { .nick(name: $0) }
        case "ack": .ack
        case "error": error(json)
        default: nil
        }
    }

    private static func welcome(_ json: JSONValue) -> ServerEvent? {
        guard let id = json["id"]?.scalarText, let name = json["name"]?.string else { return nil }
        return .welcome(id: id, name: name)
    }

    private static func joined(_ json: JSONValue) -> ServerEvent? {
        guard let room = json["room"]?.string else { return nil }
        let history = (json["history"]?.array ?? []).compactMap(ChatMessage.init(json:))
        return .joined(room: room, members: json["members"]?.int ?? 0, seq: json["seq"]?.uint64 ?? 0, history: history)
    }

    private static func presence(_ json: JSONValue) -> ServerEvent? {
        guard let room = json["room"]?.string, let change = json["event"]?.string, let name = json["name"]?.string else {
            return nil
        }
        return .presence(room: room, change: change, id: json["id"]?.scalarText ?? "?", name: name)
    }

    private static func broadcast(_ json: JSONValue) -> ServerEvent? {
        guard let text = json["text"]?.string else { return nil }
        return .broadcast(
            id: json["id"]?.scalarText ?? "?", name: json["name"]?.string ?? "?", text: text, ts: json["ts"]?.int64 ?? 0)
    }

    private static func rooms(_ json: JSONValue) -> ServerEvent? {
        guard let entries = json["rooms"]?.array else { return nil }
        return .rooms(entries.compactMap { entry in
            entry["room"]?.string.map { RoomCount(room: $0, members: entry["members"]?.int ?? 0) }
        })
    }

    private static func who(_ json: JSONValue) -> ServerEvent? {
        guard let room = json["room"]?.string, let entries = json["members"]?.array else { return nil }
        return .who(room: room, members: entries.compactMap { entry in
            entry["name"]?.string.map { Member(id: entry["id"]?.scalarText ?? "?", name: $0) }
        })
    }

    private static func error(_ json: JSONValue) -> ServerEvent? {
        guard let code = json["code"]?.string else { return nil }
        return .error(code: code, message: json["message"]?.string ?? "", ref: json["ref"]?.scalarText)
    }
}
