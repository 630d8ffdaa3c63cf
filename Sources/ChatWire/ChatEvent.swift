/// A server-to-client event of the chat protocol (docs/protocol.md). The
/// server encodes events with `payload` (or, where it splices stored bytes,
/// with the `ChatEvent+Payloads` builders that share the same field
/// layouts); clients decode them with `init?(json:)`. Every event starts
/// with `"type"`; a direct reply ends with the request's `ref` when it had one.
public enum ChatEvent: Equatable, Sendable {
    /// What happened to a room member, the `event` field of `presence`.
    public enum PresenceChange: String, Sendable {
        case join, leave, nick
    }

    /// The `joined` reply.
    public struct Joined: Equatable, Sendable {
        public var room: String
        public var members: Int
        public var seq: UInt64
        /// Absent only from a v1 server.
        public var epoch: String?
        public var history: [ChatMessage]
        /// Only when the join asked for recovery with `since`.
        public var recovered: Bool?
        public var ref: ChatRequest.Ref?

        public init(
            room: String, members: Int, seq: UInt64, epoch: String?, history: [ChatMessage],
            recovered: Bool? = nil, ref: ChatRequest.Ref? = nil
        ) {
            self.room = room
            self.members = members
            self.seq = seq
            self.epoch = epoch
            self.history = history
            self.recovered = recovered
            self.ref = ref
        }
    }

    /// A `broadcast` event.
    public struct Broadcast: Equatable, Sendable {
        public var id: String
        public var name: String
        public var text: String
        public var ts: Int64
        public var user: String?

        public init(id: String, name: String, text: String, ts: Int64, user: String? = nil) {
            self.id = id
            self.name = name
            self.text = text
            self.ts = ts
            self.user = user
        }
    }

    /// A room and its member count, in a `rooms` listing.
    public struct RoomCount: Equatable, Sendable {
        public var room: String
        public var members: Int

        public init(room: String, members: Int) {
            self.room = room
            self.members = members
        }
    }

    case welcome(id: String, name: String, user: String?)
    case joined(Joined)
    /// The room's history was lost while the client was in it.
    case reset(room: String, epoch: String, seq: UInt64)
    /// A `refresh` was accepted; `exp` is the new token's expiry (Unix seconds).
    case refreshed(exp: Int64, ref: ChatRequest.Ref?)
    case left(room: String, ref: ChatRequest.Ref?)
    case presence(room: String, change: PresenceChange, member: ChatMember)
    case message(ChatMessage)
    case broadcast(Broadcast)
    /// At most a page of rooms; `total` only when the list was cut (then `truncated` is true on the wire).
    case rooms([RoomCount], total: Int?, ref: ChatRequest.Ref?)
    case who(room: String, members: [ChatMember], total: Int?, ref: ChatRequest.Ref?)
    case nick(name: String, ref: ChatRequest.Ref?)
    /// `seq` is the message's room seq; nil (absent) for a broadcast.
    case ack(ref: ChatRequest.Ref, seq: UInt64?)
    case error(ChatError)
}
