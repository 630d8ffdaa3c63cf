/// One client request, parsed from one text frame (see `parse`), with its
/// fields already validated: rooms are `RoomName`s, nicknames `Nickname`s.
public struct ChatRequest: Equatable, Sendable {
    /// What the client asks for, one case per request `type` of PROTOCOL.md.
    public enum Kind: Equatable, Sendable {
        /// Join `room` (it becomes the current room); replay after `since`.
        case join(room: RoomName, since: UInt64?)
        case leave(room: RoomName)
        /// Send `text` to `room`, or to the current room when nil.
        case message(text: String, room: RoomName?)
        case broadcast(text: String)
        case nick(name: Nickname)
        case rooms
        /// List the members of `room`, or of the current room when nil.
        case who(room: RoomName?)
    }

    /// The client's correlation tag, echoed back exactly as received: a
    /// number keeps its source text, so `1.50` comes back as `1.50`.
    public enum Ref: Equatable, Sendable {
        case string(String)
        case number(String)
    }

    public var kind: Kind
    public var ref: Ref?

    public init(_ kind: Kind, ref: Ref? = nil) {
        self.kind = kind
        self.ref = ref
    }
}
