/// The field layouts of the events the server builds from stored bytes or
/// from its own tables, without going through the `ChatEvent` model.
extension ChatEvent {
    /// `joined`, splicing `history` (complete `message` payloads) unchanged.
    public static func joinedPayload(
        room: String, members: Int, seq: UInt64, epoch: String?, history: [[UInt8]], recovered: Bool?,
        ref: ChatRequest.Ref?
    ) -> [UInt8] {
        var writer = JSONWriter(capacity: history.reduce(192) { $0 + $1.count + 1 })
        writer.beginObject()
        writer.field("type", ascii: "joined")
        writer.field("room", room)
        writer.field("members", members)
        writer.field("seq", seq)
        writer.field("epoch", optional: epoch)
        writer.key("history")
        writer.beginArray()
        for payload in history { writer.rawJSON(payload) }
        writer.endArray()
        if let recovered { writer.field("recovered", recovered) }
        writer.field(ref: ref)
        writer.endObject()
        return writer.bytes
    }

    /// The size of a `joined` reply's fixed part (room, counts, epoch, ref,
    /// punctuation) is at most this many bytes plus the room's text and the
    /// `ref` field as written (escaped); each history entry adds its payload
    /// and one comma.
    public static let joinedOverhead = 256

    static func writePresenceFields(room: String, change: PresenceChange, member: ChatMember, into writer: inout JSONWriter) {
        writer.field("room", room)
        writer.key("event")
        switch change {
        case .join: writer.asciiString("join")
        case .leave: writer.asciiString("leave")
        case .nick: writer.asciiString("nick")
        }
        member.writeFields(into: &writer)
    }

    static func writeRoomsFields(_ rooms: [RoomCount], total: Int?, into writer: inout JSONWriter) {
        writer.key("rooms")
        writer.beginArray()
        for entry in rooms {
            writer.beginObject()
            writer.field("room", entry.room)
            writer.field("members", entry.members)
            writer.endObject()
        }
        writer.endArray()
        writeTruncation(total: total, into: &writer)
    }

    /// `"room":…,"members":[…]` and the truncation fields: a `who` event's
    /// body, which the HTTP API's members answer shares.
    public static func writeWhoFields(room: String, members: [ChatMember], total: Int?, into writer: inout JSONWriter) {
        writer.field("room", room)
        writer.key("members")
        writer.beginArray()
        for member in members {
            writer.beginObject()
            member.writeFields(into: &writer)
            writer.endObject()
        }
        writer.endArray()
        writeTruncation(total: total, into: &writer)
    }

    /// `"total":N,"truncated":true` when a listing was cut to its page size.
    private static func writeTruncation(total: Int?, into writer: inout JSONWriter) {
        guard let total else { return }
        writer.field("total", total)
        writer.field("truncated", true)
    }
}
