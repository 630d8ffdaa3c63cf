import ChatWire
import WSProtocol

/// The API's successful answers, as JSON (docs/protocol.md, "HTTP API for backends").
enum APIReply {
    static func json(_ write: (inout JSONWriter) -> Void) -> HTTPResponse {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        write(&writer)
        writer.endObject()
        return HTTPResponse(
            status: .ok, headers: ["Content-Type": "application/json", "Cache-Control": "no-store"], body: writer.bytes)
    }

    static let empty = json { _ in }

    /// `{"room","seq","epoch"}` of a published message.
    static func published(_ room: RoomName, at position: LogPosition) -> HTTPResponse {
        json { writer in
            writer.field("room", room.value)
            writer.field("seq", position.seq)
            writer.field("epoch", position.epoch.value)
        }
    }

    /// `{"rooms":[{"room","members","seq","epoch"}]}`, with `total` and
    /// `truncated` when the list was cut.
    static func rooms(_ rooms: [RoomSummary], total: Int) -> HTTPResponse {
        json { writer in
            writer.key("rooms")
            writer.beginArray()
            for room in rooms {
                writer.beginObject()
                writer.field("room", room.room)
                writer.field("members", room.members)
                writer.field("seq", room.position?.seq ?? 0)
                writer.field("epoch", optional: room.position?.epoch.value)
                writer.endObject()
            }
            writer.endArray()
            if total > rooms.count {
                writer.field("total", total)
                writer.field("truncated", true)
            }
        }
    }

    /// `{"room","seq","epoch","messages":[...]}`: `message` events, oldest first.
    static func history(_ room: RoomName, at position: LogPosition, _ messages: [LoggedMessage]) -> HTTPResponse {
        json { writer in
            writer.field("room", room.value)
            writer.field("seq", position.seq)
            writer.field("epoch", position.epoch.value)
            writer.key("messages")
            writer.beginArray()
            for message in messages { writer.rawJSON(message.payload) }
            writer.endArray()
        }
    }

    /// `{"room","members":[{"id","name","user"}]}`, cut like `who`.
    static func members(_ room: RoomName, _ members: [ChatMember], total: Int) -> HTTPResponse {
        json { ChatEvent.writeWhoFields(room: room.value, members: members, total: total > members.count ? total : nil, into: &$0) }
    }
}
