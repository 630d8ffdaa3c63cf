/// Counters of what the chat rules did since start, for `/metrics`.
public struct ChatStatistics: Sendable, Equatable {
    /// Requests handled, valid or not, refused or not.
    public var requestsReceived: UInt64 = 0
    /// `message` and `broadcast` requests that were delivered.
    public var messagesReceived: UInt64 = 0
    /// Frames queued, counted once per recipient (a room message to 1000
    /// members counts 1000).
    public var deliveries: UInt64 = 0
    /// Requests refused with `rate_limited`.
    public var rateLimitedRefusals: UInt64 = 0
    /// Clients closed with 1008 for sustained rate-limit abuse.
    public var rateLimitCloses: UInt64 = 0
    /// Idle clients the sweep asked the loop to close with 1001.
    public var idleClosesRequested: UInt64 = 0
    /// Pings the sweep asked the loop to send.
    public var pingsSent: UInt64 = 0

    public init() {}
}
