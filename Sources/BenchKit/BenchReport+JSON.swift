import ChatWire

/// The `--json` line: wsload's key names for every figure the two tools share.
extension BenchReport {
    public var json: String {
        var writer = JSONWriter(capacity: 2048)
        writer.beginObject()
        writer.field("tool", ascii: "ws-bench")
        writer.field("version", ascii: "1.0")
        addRun(to: &writer)
        addSetup(to: &writer)
        if options.scenario.sendsMessages { addTraffic(to: &writer) } else { addHold(to: &writer) }
        writer.key("handshake_us")
        Self.writeLatency(handshakeLatency, to: &writer)
        addCounters(to: &writer)
        addMessageText(to: &writer)
        writer.field("exit_code", Int(exitCode))
        writer.endObject()
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    private func addRun(to writer: inout JSONWriter) {
        writer.field("scenario", options.scenario.rawValue)
        writer.field("host", options.host)
        writer.field("port", options.port)
        writer.field("ports", integers: options.ports)
        writer.field("path", options.path)
        writer.field("tls", options.tls)
        writer.field("clients", options.clients)
        switch options.scenario {
        case .fanout:
            writer.field("senders", options.senders)
            writer.field("room", options.room)
        case .rooms: writer.field("rooms", options.rooms)
        case .echo: break
        case .connect:
            writer.field("concurrency", options.concurrency)
            writer.field("hold_s", compact: options.hold)
            writer.field("join", optional: options.join)
        }
        if options.scenario.sendsMessages { addRate(to: &writer) }
        writer.field("duration_s", compact: options.duration)
        writer.field("warmup_s", compact: options.scenario.sendsMessages ? options.warmup : 0)
        writer.field("measured_s", measuredSeconds, decimals: 6)
    }

    private func addRate(to writer: inout JSONWriter) {
        switch options.rate {
        case .max:
            writer.field("rate", ascii: "max")
            writer.field("window", options.window)
        case .perSecond(let rate):
            writer.field("rate", compact: rate)
            writer.field("rate_scope", ascii: options.scenario == .rooms ? "per_client" : "total")
        }
        writer.field("size", options.size)
    }

    private func addSetup(to writer: inout JSONWriter) {
        writer.field("setup_s", setupSeconds, decimals: 6)
        writer.field("handshakes_ok", handshakesOK)
        writer.field("handshakes_per_s", handshakesPerSecond, decimals: 1)
        writer.field("ready", ready)
        writer.field("failed", failed)
        writer.field("not_attempted", notAttempted)
        writer.key("failures")
        Self.writeReasons(tally.failures, to: &writer)
        writer.key("per_port")
        writer.beginArray()
        for port in ports { Self.writePort(port, to: &writer) }
        writer.endArray()
    }

    private func addTraffic(to writer: inout JSONWriter) {
        writer.field("sent", tally.sent)
        writer.field("sent_per_s", Double(tally.sent) / measuredSeconds, decimals: 1)
        writer.field("send_skipped", tally.sendSkipped)
        writer.field("expected", tally.expected)
        writer.field("received", tally.received)
        writer.field("completeness", completeness, decimals: 6)
        writer.field(throughputKey, throughput, decimals: 1)
        writer.field("drain_s", drainSeconds, decimals: 6)
        writer.key("latency_us")
        Self.writeLatency(latency, to: &writer)
        guard options.rate != .max else { return }
        writer.key("send_lag_us")
        writer.beginObject()
        writer.field("mean", sendLagMeanNanos / 1e3, decimals: 1)
        writer.field("max", Double(tally.sendLagMax) / 1e3, decimals: 1)
        writer.endObject()
    }

    private func addHold(to writer: inout JSONWriter) {
        writer.field("open_at_end", openAtEnd)
        if options.join != nil { writer.field("joined_at_end", joinedAtEnd) }
    }

    private func addCounters(to writer: inout JSONWriter) {
        writer.field("msgs_rx", tally.messages)
        writer.field("other_msgs", tally.otherMessages)
        writer.field("joined_msgs", tally.joinedMessages)
        writer.field("pings_rx", tally.pings)
        writer.field("pongs_tx", tally.pongsSent)
        writer.field("pongs_rx", tally.pongs)
        writer.field("closes_rx", tally.closes)
        writer.field("bytes_rx", tally.bytesIn)
        writer.field("bytes_tx", tally.bytesOut)
        writer.key("disconnect_reasons")
        Self.writeReasons(tally.disconnectReasons, to: &writer)
        writer.field("disconnects", tally.disconnects)
        writer.field("stalls", tally.stalls)
        writer.field("foreign_markers", tally.foreignMarkers)
        writer.field("bad_markers", tally.badMarkers)
        writer.field("gen_busy_pct", busyPercent, decimals: 1)
        writer.field("gen_runq_wait_pct", runQueuePercent, decimals: 1)
        writer.field("gen_cpu_pct", cpuPercent, decimals: 1)
        writer.field("reads", windowReads)
        writer.field("writes", windowWrites)
        writer.field("epoll_waits", windowWaits)
    }

    /// The message text's kind, and what `--deflate` changed: message bytes
    /// before and after inflation (equal without it), so runs compare.
    private func addMessageText(to writer: inout JSONWriter) {
        if options.scenario.sendsMessages { writer.field("payload", options.payload.rawValue) }
        writer.field("deflate", options.deflate)
        writer.field("deflate_connections", deflateConnections)
        writer.field("msg_bytes_rx", tally.messageBytes)
        writer.field("msg_wire_bytes_rx", tally.messageWireBytes)
        writer.field("compressed_msgs_rx", tally.compressedMessages)
        writer.field("inflated_msgs_rx", inflations)
    }

    /// `{port,handshakes_ok,ready,failed}` for one `--port`.
    private static func writePort(_ tally: PortTally, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("port", tally.port)
        writer.field("handshakes_ok", tally.handshakesOK)
        writer.field("ready", tally.ready)
        writer.field("failed", tally.failed)
        writer.endObject()
    }

    /// Every reason, zero or not, in wsload's order.
    private static func writeReasons(_ counts: [FailureReason: Int], to writer: inout JSONWriter) {
        writer.beginObject()
        for reason in FailureReason.allCases { writer.field(reason.rawValue, counts[reason, default: 0]) }
        writer.endObject()
    }

    /// `{n,min,mean,p50,p90,p99,p999,max}` in microseconds.
    private static func writeLatency(_ histogram: LatencyHistogram, to writer: inout JSONWriter) {
        writer.beginObject()
        writer.field("n", histogram.count)
        let empty = histogram.count == 0
        writer.field("min", empty ? 0 : Double(histogram.min) / 1e3, decimals: 1)
        writer.field("mean", histogram.mean / 1e3, decimals: 1)
        for (key, percent) in [("p50", 50.0), ("p90", 90), ("p99", 99), ("p999", 99.9)] {
            writer.field(key, histogram.percentile(percent) / 1e3, decimals: 1)
        }
        writer.field("max", Double(histogram.max) / 1e3, decimals: 1)
        writer.endObject()
    }
}
