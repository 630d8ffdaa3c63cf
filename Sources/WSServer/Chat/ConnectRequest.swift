import ChatWire

/// What a new chat client asked for in its upgrade request (`room=`,
/// `name=`, `since=`, `epoch=`) and who its token says it is.
public struct ConnectRequest: Sendable {
    public var name: String?
    public var rooms: [String]
    public var since: UInt64?
    public var epoch: Epoch?
    public var identity: ClientIdentity?
    /// The token's display name (its `name` claim, else its `sub`).
    public var displayName: Nickname?

    public init(
        name: String? = nil, rooms: [String] = [], since: UInt64? = nil, epoch: Epoch? = nil,
        identity: ClientIdentity? = nil, displayName: Nickname? = nil
    ) {
        self.name = name
        self.rooms = rooms
        self.since = since
        self.epoch = epoch
        self.identity = identity
        self.displayName = displayName
    }
}
