/// One client request, parsed from one text frame (see `parse`), with its
/// fields already validated: rooms are `RoomName`s, nicknames `Nickname`s.
public struct ChatRequest: Equatable, Sendable {
    /// What the client asks for, one case per request `type` of the protocol.
    public enum Kind: Equatable, Sendable {
        /// Join `room` (it becomes the current room); replay after `since`,
        /// in `epoch` when the client knows the room's epoch.
        case join(room: RoomName, since: UInt64?, epoch: Epoch?)
        case leave(room: RoomName)
        /// Send `text` to `room`, or to the current room when nil.
        case message(text: String, room: RoomName?)
        case broadcast(text: String)
        case nick(name: Nickname)
        case rooms
        /// List the members of `room`, or of the current room when nil.
        case who(room: RoomName?)
        /// Replace the connection's token before it expires.
        case refresh(token: String)
    }

    /// The client's correlation tag, echoed back exactly as received: a
    /// number keeps its source text, so `1.50` comes back as `1.50`.
    public enum Ref: Equatable, Sendable {
        case string(String)
        case number(String)

        /// The tag as text, for a client matching replies to requests.
        public var text: String {
            switch self {
            case .string(let text), .number(let text): text
            }
        }
    }

    public var kind: Kind
    public var ref: Ref?

    public init(_ kind: Kind, ref: Ref? = nil) {
        self.kind = kind
        self.ref = ref
    }
}
