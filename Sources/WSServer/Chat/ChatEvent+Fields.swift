/// The field layouts of the events with more than a couple of fields.
extension ChatEvent {
    static func encodeJoined(
        room: RoomName, members: Int, seq: UInt64, history: [ArraySlice<UInt8>], into writer: inout JSONWriter
    ) {
        writer.field("type", ascii: "joined")
        writer.field("room", room.value)
        writer.key("members")
        writer.int(members)
        writer.key("seq")
        writer.uint(seq)
        writer.key("history")
        writer.beginArray()
        for payload in history { writer.rawJSON(payload) }
        writer.endArray()
    }

    static func encodePresence(
        room: RoomName, change: PresenceChange, id: ClientID, name: Nickname, into writer: inout JSONWriter
    ) {
        writer.field("type", ascii: "presence")
        writer.field("room", room.value)
        writer.key("event")
        switch change {
        case .join: writer.asciiString("join")
        case .leave: writer.asciiString("leave")
        case .nick: writer.asciiString("nick")
        }
        writer.field("id", id: id)
        writer.field("name", name.value)
    }

    static func encodeMessage(
        room: RoomName, seq: UInt64, id: ClientID, name: Nickname, text: String, ts: Int64,
        into writer: inout JSONWriter
    ) {
        writer.field("type", ascii: "message")
        writer.field("room", room.value)
        writer.key("seq")
        writer.uint(seq)
        writer.field("id", id: id)
        writer.field("name", name.value)
        writer.field("text", text)
        writer.key("ts")
        writer.int(ts)
    }

    static func encodeBroadcast(id: ClientID, name: Nickname, text: String, ts: Int64, into writer: inout JSONWriter) {
        writer.field("type", ascii: "broadcast")
        writer.field("id", id: id)
        writer.field("name", name.value)
        writer.field("text", text)
        writer.key("ts")
        writer.int(ts)
    }

    static func encodeRooms(_ rooms: [(room: RoomName, members: Int)], into writer: inout JSONWriter) {
        writer.field("type", ascii: "rooms")
        writer.key("rooms")
        writer.beginArray()
        for entry in rooms {
            writer.beginObject()
            writer.field("room", entry.room.value)
            writer.key("members")
            writer.int(entry.members)
            writer.endObject()
        }
        writer.endArray()
    }

    static func encodeWho(room: RoomName, members: [(id: ClientID, name: Nickname)], into writer: inout JSONWriter) {
        writer.field("type", ascii: "who")
        writer.field("room", room.value)
        writer.key("members")
        writer.beginArray()
        for member in members {
            writer.beginObject()
            writer.field("id", id: member.id)
            writer.field("name", member.name.value)
            writer.endObject()
        }
        writer.endArray()
    }

    static func encodeAck(ref: ChatRequest.Ref, seq: UInt64?, into writer: inout JSONWriter) {
        writer.field("type", ascii: "ack")
        writer.field(ref: ref)
        if let seq {
            writer.key("seq")
            writer.uint(seq)
        }
    }

    static func encodeError(_ error: ChatError, into writer: inout JSONWriter) {
        writer.field("type", ascii: "error")
        writer.field("code", error.code.rawValue)
        writer.field("message", error.message)
        writer.field(ref: error.ref)
    }
}

/// Shorthands for the `"key":value` pairs that every event uses.
extension JSONWriter {
    mutating func field(_ name: StaticString, _ value: String) {
        key(name)
        string(value)
    }

    mutating func field(_ name: StaticString, ascii value: StaticString) {
        key(name)
        asciiString(value)
    }

    /// A client's public id, `"c<serial>"`, written without building a String.
    mutating func field(_ name: StaticString, id: ClientID) {
        key(name)
        string(prefix: "c", number: id.serial)
    }

    /// `"ref":…` exactly as the request had it; nothing when it had none.
    mutating func field(ref: ChatRequest.Ref?) {
        guard let ref else { return }
        key("ref")
        switch ref {
        case .string(let text): string(text)
        case .number(let text): rawNumber(text)
        }
    }
}
