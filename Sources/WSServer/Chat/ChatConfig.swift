import ChatWire

/// The chat rules' tunables, with the server's defaults.
public struct ChatConfig: Sendable, Equatable {
    /// Message events kept per room for `joined.history` and `since` replay (0: none).
    public var historySize = 100
    /// Seconds an empty room keeps its state (epoch, seq, history) after its
    /// last message or its last member, whichever came later.
    public var historyTTL = 3600.0
    /// Bytes of history kept in memory by all rooms together (memory mode);
    /// over it, the longest-idle empty rooms are forgotten first, then the
    /// oldest messages of the largest rooms.
    public var historyMemory = 256 << 20
    /// Rooms one client may be in at once; one more is `too_many_rooms`.
    public var maxRoomsPerClient = 32
    /// Rooms with more members than this send no `presence` events.
    public var presenceLimit = 1000
    /// Requests per second a client may make, with bursts of twice that
    /// (at least 1); 0 disables both rate limits.
    public var rateLimit = 20.0
    /// Bytes per second a client may send (message text counted as it fans
    /// out, JSON-escaped), with bursts of twice that or one largest message.
    public var byteRate = 32768.0
    /// The largest chat message (the byte bucket always admits one).
    public var maxMessageSize = 65536
    /// The most bytes one reply may take: a `joined` replay is trimmed to
    /// its newest messages that fit (the outbound budget of a client).
    public var maxReplyBytes = 1 << 20
    /// Entries in one `rooms` or `who` reply; more are counted in `total`.
    public var listingLimit = 1000
    /// Seconds of silence after which a client is closed; it is pinged at
    /// half of it. 0 disables liveness checks.
    public var idleTimeout = 60.0
    /// Seconds between liveness sweeps (used by the event loop's timer).
    public var sweepInterval = 30.0
    /// Put before every public client id (`<node>.c17`), so ids stay unique
    /// across the nodes sharing a backplane; empty on a single node.
    public var idPrefix = ""
    /// The HS256 key tokens are checked with (for `refresh`); nil without
    /// authentication.
    public var tokenSecret: [UInt8]?

    public init() {}

    /// `seconds` as nanoseconds, clamped to 0...1e18 (about 31 years), so
    /// that no setting, however large, NaN or negative, overflows the clock.
    static func nanoseconds(_ seconds: Double) -> UInt64 {
        guard seconds > 0 else { return 0 }
        return UInt64(min(seconds, 1e9) * 1e9)
    }

    /// History bytes one room may hold: no more than one reply can replay.
    var historyBytesPerRoom: Int {
        max(0, min(historyMemory, maxReplyBytes - ChatEvent.joinedOverhead - 2 * RoomName.maxLength))
    }
}
