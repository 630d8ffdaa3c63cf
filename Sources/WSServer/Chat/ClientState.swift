/// What the chat rules keep per connected client. Kept small (about 64
/// bytes plus the dictionary entry): the nickname usually fits a String's
/// inline storage and the room list allocates only once the client joins.
struct ClientState: Sendable {
    /// Where the client is in the liveness cycle since its last activity.
    enum Liveness: Sendable {
        case active
        /// The sweep asked for a ping.
        case pinged
        /// The sweep asked the loop to close the client as idle.
        case closing
    }

    /// What the sweep wants done for a client.
    enum SweepAction {
        case ping
        case close
    }

    var name: Nickname
    /// Joined rooms in the order they were (re)joined; the last is the current room.
    var rooms: [RoomName] = []
    /// Monotonic nanoseconds of the last frame of any kind.
    var lastActivity: UInt64
    var bucket = RateLimiter.Bucket()
    /// Index in `ChatState.everyone`, the broadcast recipient list.
    var position: Int
    var liveness = Liveness.active
    /// Closed for rate-limit abuse: further requests are ignored.
    var isEvicted = false

    init(name: Nickname, position: Int, now: UInt64) {
        self.name = name
        self.position = position
        lastActivity = now
    }

    var currentRoom: RoomName? { rooms.last }

    mutating func recordActivity(now: UInt64) {
        lastActivity = max(lastActivity, now)
        liveness = .active
    }

    /// Counts a request as activity and runs it past the rate limit; nil
    /// for an evicted client, whose requests are dropped.
    mutating func admit(now: UInt64, limiter: RateLimiter) -> RateLimiter.Verdict? {
        guard !isEvicted else { return nil }
        recordActivity(now: now)
        return limiter.admit(&bucket, now: now)
    }

    /// Ping once at `pingAfter` nanoseconds of silence, close once at
    /// `closeAfter`; activity in between starts the cycle over.
    mutating func sweep(now: UInt64, pingAfter: UInt64, closeAfter: UInt64) -> SweepAction? {
        guard !isEvicted else { return nil }
        let silence = now - min(now, lastActivity)
        switch liveness {
        case .closing:
            return nil
        case .active, .pinged:
            if silence >= closeAfter {
                liveness = .closing
                return .close
            }
            guard silence >= pingAfter, liveness == .active else { return nil }
            liveness = .pinged
            return .ping
        }
    }
}
