/// The run's counters. `received` counts deliveries of messages sent inside
/// the window, whenever they arrive; `inWindow` counts deliveries that
/// arrived inside the window, whenever they were sent.
public struct Tally: Sendable {
    public var sent: UInt64 = 0
    public var sendSkipped: UInt64 = 0
    public var expected: UInt64 = 0
    public var received: UInt64 = 0
    public var inWindow: UInt64 = 0
    public var foreignMarkers: UInt64 = 0
    public var badMarkers: UInt64 = 0
    public var messages: UInt64 = 0
    public var otherMessages: UInt64 = 0
    public var joinedMessages: UInt64 = 0
    public var pings: UInt64 = 0
    public var pongsSent: UInt64 = 0
    public var pongs: UInt64 = 0
    public var closes: UInt64 = 0
    public var bytesIn: UInt64 = 0
    /// Data message payloads as the application reads them (inflated).
    public var messageBytes: UInt64 = 0
    /// The same payloads as they came in frames (compressed or not).
    public var messageWireBytes: UInt64 = 0
    /// Data messages that came compressed (RSV1).
    public var compressedMessages: UInt64 = 0
    public var bytesOut: UInt64 = 0
    public var reads: UInt64 = 0
    public var writes: UInt64 = 0
    public var waits: UInt64 = 0
    /// Time spent blocked in epoll waits.
    public var idleNanos: Int64 = 0
    public var disconnects: UInt64 = 0
    public var stalls: UInt64 = 0
    public var sendLagSum = 0.0
    public var sendLagMax: Int64 = 0
    public var sendLagCount: UInt64 = 0
    public var failures: [FailureReason: Int] = [:]
    public var disconnectReasons: [FailureReason: Int] = [:]
}
