/// Events as compact JSON. The field layouts live in `ChatEvent+Payloads`
/// so the server's byte-splicing builders and this model encoding agree.
extension ChatEvent {
    /// The event as one JSON object.
    public var payload: [UInt8] {
        switch self {
        case .joined(let joined):
            return ChatEvent.joinedPayload(
                room: joined.room, members: joined.members, seq: joined.seq, epoch: joined.epoch,
                history: joined.history.map(\.payload), recovered: joined.recovered, ref: joined.ref)
        case .message(let message):
            return message.payload
        case .welcome, .reset, .refreshed, .left, .presence, .broadcast, .rooms, .who, .nick, .ack, .error:
            var writer = JSONWriter(capacity: 160)
            writer.beginObject()
            writer.field("type", ascii: typeName)
            encodeFields(into: &writer)
            writer.endObject()
            return writer.bytes
        }
    }

    /// The event's `type` field.
    public var type: String { "\(typeName)" }

    private var typeName: StaticString {
        switch self {
        case .welcome: "welcome"
        case .joined: "joined"
        case .reset: "reset"
        case .refreshed: "refreshed"
        case .left: "left"
        case .presence: "presence"
        case .message: "message"
        case .broadcast: "broadcast"
        case .rooms: "rooms"
        case .who: "who"
        case .nick: "nick"
        case .ack: "ack"
        case .error: "error"
        }
    }

    private func encodeFields(into writer: inout JSONWriter) {
        switch self {
        case .welcome(let id, let name, let user):
            writer.field("id", id)
            writer.field("name", name)
            writer.field("user", optional: user)
        case .reset(let room, let epoch, let seq):
            writer.field("room", room)
            writer.field("epoch", epoch)
            writer.field("seq", seq)
        case .refreshed(let exp, let ref):
            writer.field("exp", Int(exp))
            writer.field(ref: ref)
        case .left(let room, let ref):
            writer.field("room", room)
            writer.field(ref: ref)
        case .presence(let room, let change, let member):
            ChatEvent.writePresenceFields(room: room, change: change, member: member, into: &writer)
        case .broadcast(let broadcast):
            writer.rawFields(ChatMessage.body(
                id: broadcast.id, name: broadcast.name, text: broadcast.text, ts: broadcast.ts, user: broadcast.user))
        case .rooms(let rooms, let total, let ref):
            ChatEvent.writeRoomsFields(rooms, total: total, into: &writer)
            writer.field(ref: ref)
        case .who(let room, let members, let total, let ref):
            ChatEvent.writeWhoFields(room: room, members: members, total: total, into: &writer)
            writer.field(ref: ref)
        case .nick(let name, let ref):
            writer.field("name", name)
            writer.field(ref: ref)
        case .ack(let ref, let seq):
            writer.field(ref: ref)
            if let seq { writer.field("seq", seq) }
        case .error(let error):
            writer.field("code", error.code.rawValue)
            writer.field("message", error.message)
            writer.field(ref: error.ref)
        case .joined, .message:
            return
        }
    }
}
