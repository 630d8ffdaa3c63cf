/// Reading events, as a client does. Lenient where leniency cannot mislead:
/// unknown fields are ignored, an optional field that is missing or of
/// another type reads as absent, and an event without the fields that make
/// it meaningful (a `message` without `text`) is not an event (nil).
extension ChatEvent {
    /// The event in one text frame; nil for anything that is not a known event.
    public init?(text: String) {
        var text = text
        let json = text.withUTF8 { try? JSONParser.parse($0, options: .lenient) }
        guard let json else { return nil }
        self.init(json: json)
    }

    public init?(json: JSONValue) {
        guard let type = json["type"]?.stringValue, let event = ChatEvent.decode(type: type, json) else { return nil }
        self = event
    }

    private static func decode(type: String, _ json: JSONValue) -> ChatEvent? {
        let ref = ChatEvent.ref(json)
        switch type {
        case "welcome": return welcome(json)
        case "joined": return joined(json, ref: ref)
        case "reset": return reset(json)
        case "refreshed": return json["exp"]?.int64Value.map { .refreshed(exp: $0, ref: ref) }
        case "left": return json["room"]?.stringValue.map { .left(room: $0, ref: ref) }
        case "presence": return presence(json)
        case "message": return ChatMessage(json: json).map { .message($0) }
        case "broadcast": return broadcast(json)
        case "rooms": return rooms(json, ref: ref)
        case "who": return who(json, ref: ref)
        case "nick": return json["name"]?.stringValue.map { .nick(name: $0, ref: ref) }
        case "ack": return ref.map { .ack(ref: $0, seq: json["seq"]?.uint64Value) }
        case "error": return error(json, ref: ref)
        default: return nil
        }
    }

    private static func ref(_ json: JSONValue) -> ChatRequest.Ref? {
        switch json["ref"] {
        case .string(let text)?: .string(text)
        case .number(let text)?: .number(text)
        case nil, .null?, .bool?, .array?, .object?: nil
        }
    }

    private static func welcome(_ json: JSONValue) -> ChatEvent? {
        guard let id = json["id"]?.scalarText, let name = json["name"]?.stringValue else { return nil }
        return .welcome(id: id, name: name, user: json["user"]?.stringValue)
    }

    private static func joined(_ json: JSONValue, ref: ChatRequest.Ref?) -> ChatEvent? {
        guard let room = json["room"]?.stringValue else { return nil }
        return .joined(Joined(
            room: room, members: json["members"]?.intValue ?? 0, seq: json["seq"]?.uint64Value ?? 0,
            epoch: json["epoch"]?.stringValue,
            history: (json["history"]?.arrayValue ?? []).compactMap(ChatMessage.init(json:)),
            recovered: json["recovered"]?.boolValue, ref: ref))
    }

    private static func reset(_ json: JSONValue) -> ChatEvent? {
        guard let room = json["room"]?.stringValue, let epoch = json["epoch"]?.stringValue else { return nil }
        return .reset(room: room, epoch: epoch, seq: json["seq"]?.uint64Value ?? 0)
    }

    private static func presence(_ json: JSONValue) -> ChatEvent? {
        guard let room = json["room"]?.stringValue,
              let change = json["event"]?.stringValue.flatMap(PresenceChange.init(rawValue:)),
              let member = ChatMember(json: json)
        else { return nil }
        return .presence(room: room, change: change, member: member)
    }

    private static func broadcast(_ json: JSONValue) -> ChatEvent? {
        guard let text = json["text"]?.stringValue else { return nil }
        return .broadcast(Broadcast(
            id: json["id"]?.scalarText ?? "?", name: json["name"]?.stringValue ?? "?", text: text,
            ts: json["ts"]?.int64Value ?? 0, user: json["user"]?.stringValue))
    }

    private static func rooms(_ json: JSONValue, ref: ChatRequest.Ref?) -> ChatEvent? {
        guard let entries = json["rooms"]?.arrayValue else { return nil }
        let rooms = entries.compactMap { entry in
            entry["room"]?.stringValue.map { RoomCount(room: $0, members: entry["members"]?.intValue ?? 0) }
        }
        return .rooms(rooms, total: json["total"]?.intValue, ref: ref)
    }

    private static func who(_ json: JSONValue, ref: ChatRequest.Ref?) -> ChatEvent? {
        guard let room = json["room"]?.stringValue, let entries = json["members"]?.arrayValue else { return nil }
        return .who(room: room, members: entries.compactMap(ChatMember.init(json:)), total: json["total"]?.intValue, ref: ref)
    }

    private static func error(_ json: JSONValue, ref: ChatRequest.Ref?) -> ChatEvent? {
        guard let raw = json["code"]?.stringValue else { return nil }
        let message = json["message"]?.stringValue ?? ""
        guard let code = ChatError.Code(rawValue: raw) else {
            return .error(ChatError(.badRequest, "\(raw): \(message)", ref: ref))
        }
        return .error(ChatError(code, message, ref: ref))
    }
}
