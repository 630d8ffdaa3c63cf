/// What the chat rules keep per connected client. Kept small (about 64
/// bytes plus the dictionary entry): the nickname usually fits a String's
/// inline storage and the room list allocates only once the client joins.
struct ClientState: Sendable {
    var name: Nickname
    /// Joined rooms in the order they were (re)joined; the last is the current room.
    var rooms: [RoomName] = []
    var bucket = RateLimiter.Bucket()
    /// Index in `ChatState.everyone`, the broadcast recipient list.
    var position: Int
    /// Silence since the last frame of any kind, for the idle sweep (last,
    /// beside the flag, so its 9 bytes pack without padding).
    var liveness: LivenessCycle
    /// Closed for rate-limit abuse: further requests are ignored.
    var isEvicted = false

    init(name: Nickname, position: Int, now: UInt64) {
        self.name = name
        self.position = position
        liveness = LivenessCycle(now: now)
    }

    var currentRoom: RoomName? { rooms.last }

    mutating func recordActivity(now: UInt64) {
        liveness.recordActivity(now: now)
    }

    /// Counts a request as activity and runs it past the rate limit; nil
    /// for an evicted client, whose requests are dropped.
    mutating func admit(now: UInt64, limiter: RateLimiter) -> RateLimiter.Verdict? {
        guard !isEvicted else { return nil }
        recordActivity(now: now)
        return limiter.admit(&bucket, now: now)
    }

    /// The liveness sweep's verdict; nothing for an evicted client.
    mutating func sweep(now: UInt64, pingAfter: UInt64, closeAfter: UInt64) -> LivenessCycle.Action? {
        guard !isEvicted else { return nil }
        return liveness.sweep(now: now, pingAfter: pingAfter, closeAfter: closeAfter)
    }
}
