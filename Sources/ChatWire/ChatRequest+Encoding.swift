/// A request as the JSON text a client sends (the inverse of `parse`).
extension ChatRequest {
    public var json: [UInt8] {
        var writer = JSONWriter()
        writer.beginObject()
        encodeKind(into: &writer)
        writer.field(ref: ref)
        writer.endObject()
        return writer.bytes
    }

    private func encodeKind(into writer: inout JSONWriter) {
        switch kind {
        case .join(let room, let since, let epoch):
            writer.field("type", ascii: "join")
            writer.field("room", room.value)
            if let since { writer.field("since", since) }
            if let epoch { writer.field("epoch", epoch.value) }
        case .leave(let room):
            writer.field("type", ascii: "leave")
            writer.field("room", room.value)
        case .message(let text, let room):
            writer.field("type", ascii: "message")
            if let room { writer.field("room", room.value) }
            writer.field("text", text)
        case .broadcast(let text):
            writer.field("type", ascii: "broadcast")
            writer.field("text", text)
        case .nick(let name):
            writer.field("type", ascii: "nick")
            writer.field("name", name.value)
        case .rooms:
            writer.field("type", ascii: "rooms")
        case .who(let room):
            writer.field("type", ascii: "who")
            if let room { writer.field("room", room.value) }
        case .refresh(let token):
            writer.field("type", ascii: "refresh")
            writer.field("token", token)
        }
    }
}
