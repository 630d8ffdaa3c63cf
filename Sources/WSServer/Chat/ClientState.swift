import ChatWire

/// What the chat rules keep per connected client. Kept small: the nickname
/// and public id usually fit a String's inline storage, and the room list
/// and the deferred requests allocate only when used.
struct ClientState: Sendable {
    var name: Nickname
    /// The id other clients see (`c17`, or `<node>.c17` with a backplane).
    let publicID: String
    /// Set for a connection that presented a valid token.
    var identity: ClientIdentity?
    /// Rooms joined or being joined, in the order they were (re)joined; the
    /// last is the current room.
    var rooms: [RoomName] = []
    /// Requests that arrived while a join was in flight, run once it is
    /// answered, so a client's requests take effect in the order it sent them.
    var deferred: [DeferredRequest] = []
    /// A join of this client waits for the backplane.
    var isJoining = false
    var requestBucket = RateLimiter.Bucket()
    var byteBucket = RateLimiter.Bucket()
    /// Index in `ChatState.everyone`, the broadcast recipient list.
    var position: Int
    /// Silence since the last frame of any kind, for the idle sweep.
    var liveness: LivenessCycle
    /// Closed for rate-limit abuse: further requests are ignored.
    var isEvicted = false

    init(name: Nickname, publicID: String, identity: ClientIdentity?, position: Int, now: UInt64) {
        self.name = name
        self.publicID = publicID
        self.identity = identity
        self.position = position
        liveness = LivenessCycle(now: now)
    }

    var currentRoom: RoomName? { rooms.last }

    /// The client as listings and presence show it.
    var member: ChatMember {
        ChatMember(id: publicID, name: name.value, user: identity?.user)
    }

    mutating func recordActivity(now: UInt64) {
        liveness.recordActivity(now: now)
    }

    /// The liveness sweep's verdict; nothing for an evicted client.
    mutating func sweep(now: UInt64, pingAfter: UInt64, closeAfter: UInt64) -> LivenessCycle.Action? {
        guard !isEvicted else { return nil }
        return liveness.sweep(now: now, pingAfter: pingAfter, closeAfter: closeAfter)
    }
}

/// A request held back while the client's join is in flight, or an error
/// about its upgrade query that must keep its place after earlier joins.
enum DeferredRequest: Sendable {
    case request(ChatRequest, Moment)
    case error(ChatError)
}
