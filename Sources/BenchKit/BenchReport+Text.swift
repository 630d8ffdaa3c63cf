import WSClient

/// The human summary: what ran, setup, the headline figures, latency, and
/// whether the generator itself may have been the limit.
extension BenchReport {
    public var text: String {
        var lines = [header, setupLine]
        if ports.count > 1 { lines.append(portsLine) }
        if !measured {
            lines.append(label("traffic") + "none: nothing was measured")
        } else if options.scenario.sendsMessages {
            lines += trafficLines
        } else {
            lines += holdLines
        }
        lines.append(label("received") + "\(tally.messages) msgs (\(tally.otherMessages) without marker, \(tally.joinedMessages) joined), "
            + "\(Fixed.format(Double(tally.bytesIn) / 1e6, 1)) MB in; pings \(tally.pings), closes \(tally.closes); "
            + "\(Fixed.format(Double(tally.bytesOut) / 1e6, 1)) MB out")
        if options.deflate { lines.append(deflateLine) }
        lines.append(label("errors") + "disconnects \(tally.disconnects), stalls \(tally.stalls), "
            + "foreign markers \(tally.foreignMarkers), bad markers \(tally.badMarkers)")
        if measured { lines += generatorLines }
        if options.scenario.sendsMessages, tally.expected > 0, completeness < 0.999 {
            lines.append(label("") + "WARNING: completeness below 99.9%")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private var header: String {
        let target = WebSocketURL(host: options.host, port: options.port, target: options.path, isSecure: options.tls)
        var text = "== ws-bench \(options.scenario.rawValue)  target \(target)"
        if options.ports.count > 1 { text += " ports=" + options.ports.map(String.init).joined(separator: ",") }
        if options.deflate { text += " deflate" }
        text += "  clients=\(options.clients)"
        switch options.scenario {
        case .fanout: text += " senders=\(options.senders) room=\(options.room)"
        case .rooms: text += " rooms=\(options.rooms)"
        case .echo: break
        case .connect:
            text += " concurrency=\(options.concurrency) hold=\(Fixed.compact(options.hold))s" + (options.join.map { " join=\($0)" } ?? "")
            return text
        }
        text += " size=\(options.size)"
        if options.payload != .letters { text += " payload=\(options.payload.rawValue)" }
        switch options.rate {
        case .max: text += " rate=max window=\(options.window)"
        case .perSecond(let rate): text += " rate=\(Fixed.compact(rate))" + (options.scenario == .rooms ? "/client/s" : "/s")
        }
        return text
    }

    private var setupLine: String {
        var failures = tally.failures.sorted { $0.key.rawValue < $1.key.rawValue }.map { " \($0.key.rawValue)=\($0.value)" }.joined()
        if notAttempted > 0 { failures += " not_attempted=\(notAttempted)" }
        return label("setup") + "\(handshakesOK)/\(options.clients) handshakes ok, \(ready) ready"
            + (options.scenario.joinsRoom ? " (joined)" : "") + " in \(Fixed.format(setupSeconds, 3)) s "
            + "(\(Fixed.format(handshakesPerSecond, 0)) handshakes/s); failed \(failed)\(failures)"
    }

    /// How much permessage-deflate saved on what the server sent.
    private var deflateLine: String {
        let megabytes = { (bytes: UInt64) in Fixed.format(Double(bytes) / 1e6, 1) }
        let share = tally.messageBytes == 0 ? 100 : 100 * Double(tally.messageWireBytes) / Double(tally.messageBytes)
        return label("deflate") + "accepted on \(deflateConnections)/\(handshakesOK) connections; "
            + "\(tally.compressedMessages) of \(tally.messages) msgs came compressed, \(inflations) inflated; message payloads "
            + "\(megabytes(tally.messageBytes)) MB inflated, \(megabytes(tally.messageWireBytes)) MB on the wire (\(Fixed.format(share, 1))%)"
    }

    /// Each port's share of the connections, when the run used several.
    private var portsLine: String {
        label("ports") + ports.map { "\($0.port): \($0.handshakesOK) ok, \($0.ready) ready, \($0.failed) failed" }.joined(separator: "; ")
    }

    private var trafficLines: [String] {
        let echo = options.scenario == .echo
        var lines = [
            label("window") + "warmup \(Fixed.format(options.warmup, 3)) s excluded, measured \(Fixed.format(measuredSeconds, 3)) s, drain \(Fixed.format(drainSeconds, 3)) s",
            label("sent") + "\(tally.sent) msgs (\(Fixed.format(Double(tally.sent) / measuredSeconds, 1))/s) by \(senders) senders; skipped \(tally.sendSkipped)",
            label(echo ? "echoes" : "deliveries") + "\(tally.received) received / \(tally.expected) expected  completeness \(Fixed.format(100 * completeness, 4))%",
            label("throughput") + "\(Fixed.format(throughput, 0)) \(echo ? "round trips" : "deliveries")/s received in the window",
            latencyLine("latency", latency),
        ]
        if options.rate != .max {
            lines.append(label("pacing") + "send lag vs schedule: mean \(Fixed.format(sendLagMeanNanos / 1e6, 3)) ms, max \(Fixed.format(Double(tally.sendLagMax) / 1e6, 3)) ms")
        }
        return lines
    }

    private var holdLines: [String] {
        let joined = options.join.map { ", \(joinedAtEnd) joined '\($0)'" } ?? ""
        return [
            label("hold") + "\(openAtEnd) still open after holding \(Fixed.format(measuredSeconds, 3)) s idle\(joined)",
            latencyLine("handshake", handshakeLatency),
        ]
    }

    private var generatorLines: [String] {
        var lines = [
            label("generator") + "busy \(Fixed.format(busyPercent, 1))% of the window (not waiting in epoll), cpu \(Fixed.format(cpuPercent, 1))% of a core, "
                + "waited for a CPU \(Fixed.format(runQueuePercent, 1))%; \(windowReads) reads \(windowWrites) writes \(windowWaits) epoll waits"
                + costPerDelivery,
        ]
        if busyPercent > 90 {
            lines.append(label("") + "WARNING: the generator was busy >90% of the time; figures may be generator-bound")
        }
        if runQueuePercent > 25 {
            lines.append(label("") + "WARNING: the generator waited for a CPU >25% of the time (other load on its core); figures are unreliable")
        }
        return lines
    }

    /// What each delivery cost the generator, to compare with what the server pays.
    private var costPerDelivery: String {
        guard options.scenario.sendsMessages, tally.inWindow > 0 else { return "" }
        let perRead = Double(tally.inWindow) / Double(max(1, windowReads))
        return "; \(Fixed.format(perRead, 2)) deliveries/read, \(Fixed.format(Double(windowCPUNanos) / Double(tally.inWindow), 0)) ns cpu/delivery"
    }

    private func latencyLine(_ name: String, _ histogram: LatencyHistogram) -> String {
        guard histogram.count > 0 else { return label(name) + "no samples" }
        let ms = { (nanos: Double) in Fixed.format(nanos / 1e6, 3) }
        return label(name) + "p50 \(ms(histogram.percentile(50))) ms  p90 \(ms(histogram.percentile(90))) ms  "
            + "p99 \(ms(histogram.percentile(99))) ms  p99.9 \(ms(histogram.percentile(99.9))) ms  max \(ms(Double(histogram.max))) ms  "
            + "(min \(ms(Double(histogram.min))), mean \(ms(histogram.mean)) ms, n=\(histogram.count))"
    }

    private func label(_ name: String) -> String {
        name + String(repeating: " ", count: max(1, 13 - name.count))
    }
}
