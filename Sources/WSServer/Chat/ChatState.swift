import ChatWire

/// The chat rules of one node, as a value: synchronous, no I/O, no clock
/// (every entry point takes `now`), no threads. It knows this node's clients
/// and the rooms they are in; everything shared with other nodes (numbering
/// and storing messages, presence, listings) it asks of the backplane
/// through `BackplaneCommand`s (taken with `takeCommands`) and learns back
/// through `apply(_:now:)`. The memory backplane answers at once, Redis
/// later; both take the same path through this type.
///
/// Each entry point returns the deliveries to make, in the order they must
/// be sent. An event meant for many clients is prepared once and its
/// recipient list is a room's member array itself.
public struct ChatState: Sendable {
    public let config: ChatConfig
    public internal(set) var statistics = ChatStatistics()

    let requestLimiter: RateLimiter
    let byteLimiter: RateLimiter
    var clients: [ClientID: ClientState] = [:]
    /// Every connected client, the recipients of a broadcast.
    var everyone: [ClientID] = []
    /// Rooms with local members or joiners.
    var rooms: [RoomName: LocalRoom] = [:]
    /// Commands waiting for an answer, by ticket.
    var pending: [UInt64: PendingReply] = [:]
    var nextTicket: UInt64 = 0
    var backplaneAvailable = true
    /// What the current entry point produced.
    var deliveries: [Delivery] = []
    var commands: [BackplaneCommand] = []

    public init(config: ChatConfig = ChatConfig()) {
        self.config = config
        requestLimiter = RateLimiter(rate: config.rateLimit, burst: 2 * config.rateLimit)
        byteLimiter = RateLimiter(
            rate: config.rateLimit > 0 ? config.byteRate : 0,
            burst: max(2 * config.byteRate, 6 * Double(config.maxMessageSize) + Double(RequestCost.bodyEnvelope)))
    }

    public var connectionCount: Int { clients.count }
    /// Rooms this node has members in.
    public var localRoomCount: Int { rooms.count }

    /// A connected client's nickname.
    public func nickname(of id: ClientID) -> Nickname? { clients[id]?.name }

    /// A client's rooms in the order they were (re)joined; the last is current.
    public func joinedRooms(of id: ClientID) -> [RoomName] { clients[id]?.rooms ?? [] }

    /// The room a `message` or `who` without `room` goes to.
    public func currentRoom(of id: ClientID) -> RoomName? { clients[id]?.currentRoom }

    /// Local members of `room` that receive its events.
    public func localMembers(of room: RoomName) -> [ClientID] { rooms[room]?.members.ids ?? [] }

    /// The public id of a connected client.
    public func publicID(of id: ClientID) -> String? { clients[id]?.publicID }

    /// The commands produced since the last call, for the backplane.
    public mutating func takeCommands() -> [BackplaneCommand] {
        defer { commands = [] }
        return commands
    }

    /// Runs `body` and returns the deliveries it produced.
    mutating func collecting(_ body: (inout ChatState) -> Void) -> [Delivery] {
        body(&self)
        defer { deliveries = [] }
        return deliveries
    }
}
