/// The run's counters. `received` counts deliveries of messages sent inside
/// the window, whenever they arrive; `inWindow` counts deliveries that
/// arrived inside the window, whenever they were sent.
struct Tally: Sendable {
    var sent: UInt64 = 0
    var sendSkipped: UInt64 = 0
    var expected: UInt64 = 0
    var received: UInt64 = 0
    var inWindow: UInt64 = 0
    var foreignMarkers: UInt64 = 0
    var badMarkers: UInt64 = 0
    var messages: UInt64 = 0
    var otherMessages: UInt64 = 0
    var joinedMessages: UInt64 = 0
    var pings: UInt64 = 0
    var pongsSent: UInt64 = 0
    var pongs: UInt64 = 0
    var closes: UInt64 = 0
    var bytesIn: UInt64 = 0
    var bytesOut: UInt64 = 0
    var reads: UInt64 = 0
    var writes: UInt64 = 0
    var waits: UInt64 = 0
    /// Time spent blocked in epoll waits.
    var idleNanos: Int64 = 0
    var disconnects: UInt64 = 0
    var stalls: UInt64 = 0
    var sendLagSum = 0.0
    var sendLagMax: Int64 = 0
    var sendLagCount: UInt64 = 0
    var failures: [FailureReason: Int] = [:]
    var disconnectReasons: [FailureReason: Int] = [:]
}
