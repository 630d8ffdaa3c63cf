/// The chat rules' tunables, with the server's defaults.
public struct ChatConfig: Sendable, Equatable {
    /// Message events kept per room for `joined.history` and `since` replay (0: none).
    public var historySize: Int
    /// Rooms one client may be in at once; one more is `too_many_rooms`.
    public var maxRoomsPerClient: Int
    /// Rooms with more members than this send no `presence` events.
    public var presenceLimit: Int
    /// Requests per second a client may make, with bursts of twice that
    /// (at least 1); 0 disables rate limiting.
    public var rateLimit: Double
    /// Seconds of silence after which a client is closed; it is pinged at
    /// half of it. 0 disables liveness checks.
    public var idleTimeout: Double
    /// Seconds between liveness sweeps (used by the event loop's timer).
    public var sweepInterval: Double

    public init(
        historySize: Int = 100, maxRoomsPerClient: Int = 32, presenceLimit: Int = 1000,
        rateLimit: Double = 20, idleTimeout: Double = 60, sweepInterval: Double = 30
    ) {
        self.historySize = historySize
        self.maxRoomsPerClient = maxRoomsPerClient
        self.presenceLimit = presenceLimit
        self.rateLimit = rateLimit
        self.idleTimeout = idleTimeout
        self.sweepInterval = sweepInterval
    }

    /// `seconds` as nanoseconds, clamped to 0...1e18 (about 31 years), so
    /// that no setting, however large, NaN or negative, overflows the clock.
    static func nanoseconds(_ seconds: Double) -> UInt64 {
        guard seconds > 0 else { return 0 }
        return UInt64(min(seconds, 1e9) * 1e9)
    }
}
