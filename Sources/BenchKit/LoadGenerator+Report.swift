/// Turns the counters and instants of the finished run into figures.
extension LoadGenerator {
    func makeReport() -> BenchReport {
        var report = BenchReport(options: options, tally: tally)
        report.senders = senders.count
        report.setupSeconds = seconds(timeline.setupDoneAt - timeline.startedAt)
        report.measuredSeconds = max(1e-9, seconds(timeline.measureEndAt - timeline.windowStart))
        report.drainSeconds = timeline.drainDoneAt > timeline.measureEndAt ? seconds(timeline.drainDoneAt - timeline.measureEndAt) : 0
        report.handshakesOK = handshakesOK
        report.deflateConnections = deflateConnections
        report.inflations = deflateReceiver?.inflations ?? 0
        let span = seconds(timeline.lastHandshakeAt - timeline.firstConnectAt)
        report.handshakesPerSecond = span > 0 ? Double(handshakesOK) / span : 0
        report.ready = readyCount
        report.failed = failedCount
        report.notAttempted = notAttempted
        report.ports = portTallies
        report.throughput = Double(tally.inWindow) / report.measuredSeconds
        report.latency = latency
        report.handshakeLatency = handshakeLatency
        report.openAtEnd = openAtEnd
        report.joinedAtEnd = joinedAtEnd
        report.exitCode = exitCode
        addLoad(to: &report)
        return report
    }

    private func addLoad(to report: inout BenchReport) {
        guard let start = loadAtWindowStart, let end = loadAtWindowEnd else { return }
        report.measured = true
        let wall = Double(max(1, end.at - start.at))
        report.windowCPUNanos = end.cpuNanos - start.cpuNanos
        report.cpuPercent = 100 * Double(report.windowCPUNanos) / wall
        report.busyPercent = max(0, 100 * (1 - Double(end.idleNanos - start.idleNanos) / wall))
        report.runQueuePercent = 100 * Double(end.runQueueNanos - start.runQueueNanos) / wall
        report.windowReads = end.reads - start.reads
        report.windowWrites = end.writes - start.writes
        report.windowWaits = end.waits - start.waits
    }

    private func seconds(_ nanos: Int64) -> Double { Double(nanos) / 1e9 }
}
