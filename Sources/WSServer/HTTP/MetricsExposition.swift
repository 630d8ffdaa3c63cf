import WSProtocol

/// The `/metrics` body in the Prometheus text exposition format (0.0.4).
struct MetricsExposition {
    let metrics: ServerMetrics

    var text: String {
        var out = ""
        func metric(_ name: String, _ type: String, _ help: String, _ value: Int) {
            out += "# HELP \(name) \(help)\n# TYPE \(name) \(type)\n\(name) \(value)\n"
        }
        let m = metrics
        metric("chat_connections", "gauge", "Open WebSocket sessions (chat and echo).", m.openConnections.load(ordering: .relaxed))
        metric("chat_clients", "gauge", "Connected chat clients.", m.chatClients.load(ordering: .relaxed))
        metric("chat_rooms", "gauge", "Rooms with at least one member.", m.rooms.load(ordering: .relaxed))
        metric("chat_messages_received_total", "counter", "Data messages received on chat sessions.", m.messagesReceived.load(ordering: .relaxed))
        metric("chat_deliveries_total", "counter", "Frames queued to chat clients (one per recipient).", m.deliveries.load(ordering: .relaxed))
        metric("chat_bytes_received_total", "counter", "Bytes read from sockets.", m.bytesIn.load(ordering: .relaxed))
        metric("chat_bytes_sent_total", "counter", "Bytes written to sockets.", m.bytesOut.load(ordering: .relaxed))
        metric("chat_idle_closes_total", "counter", "Sessions closed by the idle sweep.", m.idleCloses.load(ordering: .relaxed))
        metric("chat_slow_consumer_closes_total", "counter", "Sessions closed for exceeding --max-outbound.", m.slowConsumerCloses.load(ordering: .relaxed))
        metric("chat_rate_limited_total", "counter", "Requests refused by the rate limit.", m.rateLimited.load(ordering: .relaxed))
        metric("chat_rate_limit_closes_total", "counter", "Sessions closed for sustained rate-limit abuse.", m.rateLimitCloses.load(ordering: .relaxed))
        metric("chat_protocol_errors_total", "counter", "Sessions failed for breaking RFC 6455.", m.protocolErrors.load(ordering: .relaxed))
        out += "# HELP chat_handshake_failures_total Refused WebSocket upgrades by reason.\n"
        out += "# TYPE chat_handshake_failures_total counter\n"
        for (reason, count) in m.handshakeFailuresByReason.sorted(by: { $0.key < $1.key }) {
            out += "chat_handshake_failures_total{reason=\"\(reason)\"} \(count)\n"
        }
        out += "# HELP chat_auth_failures_total Chat upgrades refused for their token, by reason.\n"
        out += "# TYPE chat_auth_failures_total counter\n"
        for (reason, count) in m.authFailuresByReason.sorted(by: { $0.key < $1.key }) {
            out += "chat_auth_failures_total{reason=\"\(reason)\"} \(count)\n"
        }
        if let backplane = m.backplane { out += Self.backplaneMetrics(backplane) }
        metric("process_resident_memory_bytes", "gauge", "Resident memory size in bytes.", ProcessInfo.residentBytes)
        metric("process_uptime_seconds", "gauge", "Seconds since the server started.", ProcessInfo.uptimeSeconds)
        return out
    }

    /// The Redis backplane's state, reconnects and publish latency (a
    /// summary's sum and count: the mean is their ratio).
    private static func backplaneMetrics(_ status: BackplaneStatus) -> String {
        let publishes = status.publishes
        return """
            # HELP chat_backplane_up Whether both Redis connections work (1) or not (0).
            # TYPE chat_backplane_up gauge
            chat_backplane_up \(status.problem == nil ? 1 : 0)
            # HELP chat_backplane_reconnects_total Redis connections lost after they had worked.
            # TYPE chat_backplane_reconnects_total counter
            chat_backplane_reconnects_total \(status.reconnects)
            # HELP chat_backplane_publish_seconds Time from sending a message to Redis until it was numbered.
            # TYPE chat_backplane_publish_seconds summary
            chat_backplane_publish_seconds_sum \(publishes.seconds)
            chat_backplane_publish_seconds_count \(publishes.count)
            # HELP chat_backplane_publish_failures_total Publishes sent to Redis that failed (answered unavailable); messages refused while Redis is known down are not sent.
            # TYPE chat_backplane_publish_failures_total counter
            chat_backplane_publish_failures_total \(publishes.failures)

            """
    }

    var response: HTTPResponse {
        HTTPResponse(status: .ok, headers: ["Content-Type": "text/plain; version=0.0.4; charset=utf-8", "Cache-Control": "no-store"],
                     body: Array(text.utf8))
    }
}
