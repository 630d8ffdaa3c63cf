import WSProtocol

/// A server-to-client event of PROTOCOL.md, encoded as its JSON payload
/// (`payload`) or as a complete text frame (`frame`). Every event starts
/// with `"type"`; a direct reply ends with the request's `ref` when it had
/// one. Callers encode an event once and share the bytes among recipients.
public enum ChatEvent: Sendable {
    /// What happened to a room member, the `event` field of `presence`.
    public enum PresenceChange: String, Sendable {
        case join, leave, nick
    }

    case welcome(id: ClientID, name: Nickname)
    /// `history` holds stored `message` payloads, spliced in unchanged.
    case joined(room: RoomName, members: Int, seq: UInt64, history: [ArraySlice<UInt8>], ref: ChatRequest.Ref?)
    case left(room: RoomName, ref: ChatRequest.Ref?)
    case presence(room: RoomName, change: PresenceChange, id: ClientID, name: Nickname)
    /// `ts` is milliseconds since the Unix epoch.
    case message(room: RoomName, seq: UInt64, id: ClientID, name: Nickname, text: String, ts: Int64)
    case broadcast(id: ClientID, name: Nickname, text: String, ts: Int64)
    case rooms([(room: RoomName, members: Int)], ref: ChatRequest.Ref?)
    case who(room: RoomName, members: [(id: ClientID, name: Nickname)], ref: ChatRequest.Ref?)
    case nick(name: Nickname, ref: ChatRequest.Ref?)
    /// `seq` is the message's room seq; nil (absent) for a broadcast.
    case ack(ref: ChatRequest.Ref, seq: UInt64?)
    case error(ChatError)

    /// The event as compact JSON.
    public var payload: [UInt8] {
        var writer = JSONWriter(capacity: estimatedSize)
        writer.beginObject()
        encodeFields(into: &writer)
        writer.endObject()
        return writer.bytes
    }

    /// The event as one complete, unmasked text frame.
    public var frame: [UInt8] { ChatEvent.frame(payload: payload) }

    /// Wraps an encoded payload in a text frame header.
    public static func frame(payload: [UInt8]) -> [UInt8] {
        FrameEncoder.frame(opcode: .text, payload: payload)
    }

    private var estimatedSize: Int {
        switch self {
        case .joined(_, _, _, let history, _): history.reduce(160) { $0 + $1.count + 1 }
        case .message(_, _, _, let name, let text, _): 160 + name.value.utf8.count + text.utf8.count
        case .broadcast(_, let name, let text, _): 128 + name.value.utf8.count + text.utf8.count
        case .rooms(let rooms, _): 64 + rooms.count * 96
        case .who(_, let members, _): 160 + members.count * 64
        case .welcome, .left, .presence, .nick, .ack, .error: 192
        }
    }

    private func encodeFields(into writer: inout JSONWriter) {
        switch self {
        case .welcome(let id, let name):
            writer.field("type", ascii: "welcome")
            writer.field("id", id: id)
            writer.field("name", name.value)
        case .joined(let room, let members, let seq, let history, let ref):
            ChatEvent.encodeJoined(room: room, members: members, seq: seq, history: history, into: &writer)
            writer.field(ref: ref)
        case .left(let room, let ref):
            writer.field("type", ascii: "left")
            writer.field("room", room.value)
            writer.field(ref: ref)
        case .presence(let room, let change, let id, let name):
            ChatEvent.encodePresence(room: room, change: change, id: id, name: name, into: &writer)
        case .message(let room, let seq, let id, let name, let text, let ts):
            ChatEvent.encodeMessage(room: room, seq: seq, id: id, name: name, text: text, ts: ts, into: &writer)
        case .broadcast(let id, let name, let text, let ts):
            ChatEvent.encodeBroadcast(id: id, name: name, text: text, ts: ts, into: &writer)
        case .rooms(let rooms, let ref):
            ChatEvent.encodeRooms(rooms, into: &writer)
            writer.field(ref: ref)
        case .who(let room, let members, let ref):
            ChatEvent.encodeWho(room: room, members: members, into: &writer)
            writer.field(ref: ref)
        case .nick(let name, let ref):
            writer.field("type", ascii: "nick")
            writer.field("name", name.value)
            writer.field(ref: ref)
        case .ack(let ref, let seq):
            ChatEvent.encodeAck(ref: ref, seq: seq, into: &writer)
        case .error(let error):
            ChatEvent.encodeError(error, into: &writer)
        }
    }
}
