/// The figures of one run, worked out once at the end; printed as a short
/// summary and, with `--json`, as one JSON line with wsload's key names.
struct BenchReport: Sendable {
    var options: BenchOptions
    var tally: Tally
    var senders = 0
    var setupSeconds = 0.0
    /// Length of the measurement window as seen (the hold in `connect`).
    var measuredSeconds = 0.0
    var drainSeconds = 0.0
    var handshakesOK = 0
    /// Handshakes completed over the span from the first connect to the last 101.
    var handshakesPerSecond = 0.0
    var ready = 0
    var failed = 0
    var notAttempted = 0
    /// Per `--port`, in the order given.
    var ports: [PortTally] = []
    /// Deliveries (round trips for echo) that arrived inside the window, per second.
    var throughput = 0.0
    var latency = LatencyHistogram()
    var handshakeLatency = LatencyHistogram()
    var openAtEnd = 0
    var joinedAtEnd = 0
    /// Whether a measurement window (or hold) started at all.
    var measured = false
    /// Share of the window the loop spent outside epoll waits.
    var busyPercent = 0.0
    var cpuPercent = 0.0
    /// CPU time the generator used inside the window.
    var windowCPUNanos: Int64 = 0
    var runQueuePercent = 0.0
    var windowReads: UInt64 = 0
    var windowWrites: UInt64 = 0
    var windowWaits: UInt64 = 0
    var exitCode: Int32 = 0

    var completeness: Double { tally.expected == 0 ? 0 : Double(tally.received) / Double(tally.expected) }

    var sendLagMeanNanos: Double { tally.sendLagCount == 0 ? 0 : tally.sendLagSum / Double(tally.sendLagCount) }

    /// The JSON key of the headline rate.
    var throughputKey: String { options.scenario == .echo ? "round_trips_per_s" : "deliveries_per_s" }
}
