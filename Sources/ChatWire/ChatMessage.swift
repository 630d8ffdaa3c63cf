/// A numbered room message, the `message` event (and each entry of a
/// `joined` event's `history`).
///
/// The server builds a message's JSON in two parts: the `body` (everything
/// but `type`, `room` and `seq`), written once when the message is sent and
/// kept in the room's log, and the envelope that adds the room and the seq
/// the log assigned (`payload(room:seq:body:)`). That way a log that numbers
/// messages elsewhere (a Redis script) never has to parse or rewrite JSON.
public struct ChatMessage: Equatable, Sendable {
    public var room: String
    public var seq: UInt64
    public var id: String
    public var name: String
    public var text: String
    /// Milliseconds since the Unix epoch.
    public var ts: Int64
    public var user: String?

    public init(room: String, seq: UInt64, id: String, name: String, text: String, ts: Int64, user: String? = nil) {
        self.room = room
        self.seq = seq
        self.id = id
        self.name = name
        self.text = text
        self.ts = ts
        self.user = user
    }

    /// `"id":…,"name":…,"text":…,"ts":…[,"user":…]`: the part of a message
    /// event that does not depend on where the log puts it.
    public static func body(id: String, name: String, text: String, ts: Int64, user: String?) -> [UInt8] {
        var writer = JSONWriter(capacity: 64 + name.utf8.count + text.utf8.count)
        writer.field("id", id)
        writer.field("name", name)
        writer.field("text", text)
        writer.field("ts", Int(ts))
        writer.field("user", optional: user)
        return writer.bytes
    }

    /// The whole event: `{"type":"message","room":R,"seq":S,` + body + `}`.
    public static func payload(room: String, seq: UInt64, body: [UInt8]) -> [UInt8] {
        var writer = JSONWriter(capacity: 48 + room.utf8.count + body.count)
        writer.beginObject()
        writer.field("type", ascii: "message")
        writer.field("room", room)
        writer.field("seq", seq)
        writer.rawFields(body)
        writer.endObject()
        return writer.bytes
    }

    public var payload: [UInt8] {
        ChatMessage.payload(room: room, seq: seq, body: ChatMessage.body(id: id, name: name, text: text, ts: ts, user: user))
    }

    init?(json: JSONValue) {
        guard let room = json["room"]?.stringValue, let text = json["text"]?.stringValue else { return nil }
        self.init(
            room: room, seq: json["seq"]?.uint64Value ?? 0, id: json["id"]?.scalarText ?? "?",
            name: json["name"]?.stringValue ?? "?", text: text, ts: json["ts"]?.int64Value ?? 0,
            user: json["user"]?.stringValue)
    }
}
