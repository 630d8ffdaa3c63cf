/// The figures of one run, worked out once at the end; printed as a short
/// summary and, with `--json`, as one JSON line with wsload's key names.
public struct BenchReport: Sendable {
    public var options: BenchOptions
    public var tally: Tally
    public var senders = 0
    public var setupSeconds = 0.0
    /// Length of the measurement window as seen (the hold in `connect`).
    public var measuredSeconds = 0.0
    public var drainSeconds = 0.0
    public var handshakesOK = 0
    /// Connections on which the server accepted permessage-deflate.
    public var deflateConnections = 0
    /// Compressed deliveries that went through zlib; identical ones reuse a
    /// recent text unless `--inflate-each`.
    public var inflations: UInt64 = 0
    /// Handshakes completed over the span from the first connect to the last 101.
    public var handshakesPerSecond = 0.0
    public var ready = 0
    public var failed = 0
    public var notAttempted = 0
    /// Per `--port`, in the order given.
    public var ports: [PortTally] = []
    /// Deliveries (round trips for echo) that arrived inside the window, per second.
    public var throughput = 0.0
    public var latency = LatencyHistogram()
    public var handshakeLatency = LatencyHistogram()
    public var openAtEnd = 0
    public var joinedAtEnd = 0
    /// Whether a measurement window (or hold) started at all.
    public var measured = false
    /// Share of the window the loop spent outside epoll waits.
    public var busyPercent = 0.0
    public var cpuPercent = 0.0
    /// CPU time the generator used inside the window.
    public var windowCPUNanos: Int64 = 0
    public var runQueuePercent = 0.0
    public var windowReads: UInt64 = 0
    public var windowWrites: UInt64 = 0
    public var windowWaits: UInt64 = 0
    public var exitCode: Int32 = 0

    public var completeness: Double { tally.expected == 0 ? 0 : Double(tally.received) / Double(tally.expected) }

    public var sendLagMeanNanos: Double { tally.sendLagCount == 0 ? 0 : tally.sendLagSum / Double(tally.sendLagCount) }

    /// The JSON key of the headline rate.
    public var throughputKey: String { options.scenario == .echo ? "round_trips_per_s" : "deliveries_per_s" }
}
