/// A room in a `rooms` listing: its member count and, when asked for (the
/// HTTP API), where its log stands.
public struct RoomSummary: Sendable, Equatable {
    public var room: String
    public var members: Int
    public var position: LogPosition?

    public init(room: String, members: Int, position: LogPosition? = nil) {
        self.room = room
        self.members = members
        self.position = position
    }
}
