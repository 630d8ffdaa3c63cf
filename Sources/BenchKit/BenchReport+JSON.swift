/// The `--json` line: wsload's key names for every figure the two tools share.
extension BenchReport {
    public var json: String {
        var line = JSONLine()
        line.field("tool", "ws-bench")
        line.field("version", "1.0")
        addRun(to: &line)
        addSetup(to: &line)
        if options.scenario.sendsMessages { addTraffic(to: &line) } else { addHold(to: &line) }
        line.field("handshake_us", Self.latencyObject(handshakeLatency))
        addCounters(to: &line)
        line.field("exit_code", exitCode)
        return line.finished
    }

    private func addRun(to line: inout JSONLine) {
        line.field("scenario", options.scenario.rawValue)
        line.field("host", options.host)
        line.field("port", options.port)
        line.raw("ports", "[" + options.ports.map(String.init).joined(separator: ",") + "]")
        line.field("path", options.path)
        line.field("clients", options.clients)
        switch options.scenario {
        case .fanout:
            line.field("senders", options.senders)
            line.field("room", options.room)
        case .rooms: line.field("rooms", options.rooms)
        case .echo: break
        case .connect:
            line.field("concurrency", options.concurrency)
            line.raw("hold_s", Fixed.compact(options.hold))
            if let join = options.join { line.field("join", join) }
        }
        if options.scenario.sendsMessages { addRate(to: &line) }
        line.raw("duration_s", Fixed.compact(options.duration))
        line.raw("warmup_s", Fixed.compact(options.scenario.sendsMessages ? options.warmup : 0))
        line.field("measured_s", measuredSeconds, decimals: 6)
    }

    private func addRate(to line: inout JSONLine) {
        switch options.rate {
        case .max:
            line.field("rate", "max")
            line.field("window", options.window)
        case .perSecond(let rate):
            line.raw("rate", Fixed.compact(rate))
            line.field("rate_scope", options.scenario == .rooms ? "per_client" : "total")
        }
        line.field("size", options.size)
    }

    private func addSetup(to line: inout JSONLine) {
        line.field("setup_s", setupSeconds, decimals: 6)
        line.field("handshakes_ok", handshakesOK)
        line.field("handshakes_per_s", handshakesPerSecond, decimals: 1)
        line.field("ready", ready)
        line.field("failed", failed)
        line.field("not_attempted", notAttempted)
        line.field("failures", Self.reasons(tally.failures))
        line.raw("per_port", "[" + ports.map(Self.portObject).joined(separator: ",") + "]")
    }

    private func addTraffic(to line: inout JSONLine) {
        line.field("sent", tally.sent)
        line.field("sent_per_s", Double(tally.sent) / measuredSeconds, decimals: 1)
        line.field("send_skipped", tally.sendSkipped)
        line.field("expected", tally.expected)
        line.field("received", tally.received)
        line.field("completeness", completeness, decimals: 6)
        line.field(throughputKey, throughput, decimals: 1)
        line.field("drain_s", drainSeconds, decimals: 6)
        line.field("latency_us", Self.latencyObject(latency))
        guard options.rate != .max else { return }
        var lag = JSONLine()
        lag.field("mean", sendLagMeanNanos / 1e3, decimals: 1)
        lag.field("max", Double(tally.sendLagMax) / 1e3, decimals: 1)
        line.field("send_lag_us", lag)
    }

    private func addHold(to line: inout JSONLine) {
        line.field("open_at_end", openAtEnd)
        if options.join != nil { line.field("joined_at_end", joinedAtEnd) }
    }

    private func addCounters(to line: inout JSONLine) {
        line.field("msgs_rx", tally.messages)
        line.field("other_msgs", tally.otherMessages)
        line.field("joined_msgs", tally.joinedMessages)
        line.field("pings_rx", tally.pings)
        line.field("pongs_tx", tally.pongsSent)
        line.field("pongs_rx", tally.pongs)
        line.field("closes_rx", tally.closes)
        line.field("bytes_rx", tally.bytesIn)
        line.field("bytes_tx", tally.bytesOut)
        line.field("disconnect_reasons", Self.reasons(tally.disconnectReasons))
        line.field("disconnects", tally.disconnects)
        line.field("stalls", tally.stalls)
        line.field("foreign_markers", tally.foreignMarkers)
        line.field("bad_markers", tally.badMarkers)
        line.field("gen_busy_pct", busyPercent, decimals: 1)
        line.field("gen_runq_wait_pct", runQueuePercent, decimals: 1)
        line.field("gen_cpu_pct", cpuPercent, decimals: 1)
        line.field("reads", windowReads)
        line.field("writes", windowWrites)
        line.field("epoll_waits", windowWaits)
    }

    /// `{port,handshakes_ok,ready,failed}` for one `--port`.
    private static func portObject(_ tally: PortTally) -> String {
        var object = JSONLine()
        object.field("port", tally.port)
        object.field("handshakes_ok", tally.handshakesOK)
        object.field("ready", tally.ready)
        object.field("failed", tally.failed)
        return object.finished
    }

    /// Every reason, zero or not, in wsload's order.
    private static func reasons(_ counts: [FailureReason: Int]) -> JSONLine {
        var object = JSONLine()
        for reason in FailureReason.allCases { object.field(reason.rawValue, counts[reason, default: 0]) }
        return object
    }

    /// `{n,min,mean,p50,p90,p99,p999,max}` in microseconds.
    static func latencyObject(_ histogram: LatencyHistogram) -> JSONLine {
        var object = JSONLine()
        object.field("n", histogram.count)
        let empty = histogram.count == 0
        object.field("min", empty ? 0 : Double(histogram.min) / 1e3, decimals: 1)
        object.field("mean", histogram.mean / 1e3, decimals: 1)
        for (key, percent) in [("p50", 50.0), ("p90", 90), ("p99", 99), ("p999", 99.9)] {
            object.field(key, histogram.percentile(percent) / 1e3, decimals: 1)
        }
        object.field("max", Double(histogram.max) / 1e3, decimals: 1)
        return object
    }
}
