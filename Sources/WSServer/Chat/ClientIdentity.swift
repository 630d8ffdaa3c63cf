import ChatWire

/// What a verified token says about a connection (docs/protocol.md,
/// "Authentication"): the user it speaks for, the rooms it may join, whether
/// it may broadcast, and when the token expires. A class, so a client's
/// state holds one reference (most clients have none).
public final class ClientIdentity: Sendable {
    /// The token's `sub`, shown as `user` on the connection's events.
    public let user: String
    /// Room names or prefixes ending in `*`; nil: any room.
    public let rooms: [String]?
    public let mayBroadcast: Bool
    /// Unix seconds (`exp`).
    public let expiry: Int64

    public init(user: String, rooms: [String]?, mayBroadcast: Bool, expiry: Int64) {
        self.user = user
        self.rooms = rooms
        self.mayBroadcast = mayBroadcast
        self.expiry = expiry
    }

    /// Whether the `rooms` claim lets this identity into `room`.
    public func mayJoin(_ room: RoomName) -> Bool {
        guard let rooms else { return true }
        return rooms.contains { pattern in
            pattern.hasSuffix("*") ? room.value.hasPrefix(pattern.dropLast()) : room.value == pattern
        }
    }
}
