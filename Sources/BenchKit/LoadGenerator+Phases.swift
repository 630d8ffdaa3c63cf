import SystemKit
import WSProtocol

/// Moving from phase to phase on time, and when each loop pass must wake.
extension LoadGenerator {
    /// Runs the current phase's work; a phase that ends starts the next at once.
    func tick() {
        var before: Phase
        repeat {
            before = phase
            tickPhase()
        } while phase != before && phase != .done
    }

    private func tickPhase() {
        switch phase {
        case .setup: tickSetup()
        case .traffic: tickTraffic()
        case .drain:
            if tally.received >= tally.expected || now >= timeline.drainDeadline {
                timeline.drainDoneAt = now
                beginClose()
            }
        case .hold:
            if now >= timeline.holdDeadline { endHold() }
        case .close:
            if openCount + handshakesInFlight == 0 || now >= timeline.closeDeadline { finish() }
        case .done: break
        }
    }

    private func tickSetup() {
        launchMore()
        let everyoneSettled = readyCount + failedCount >= connections.count
        let connectDone = options.scenario == .connect && nextLaunch >= connections.count && handshakesInFlight == 0
        if everyoneSettled || connectDone || now >= timeline.setupDeadline { endSetup() }
    }

    private func tickTraffic() {
        if loadAtWindowStart == nil, now >= timeline.windowStart { loadAtWindowStart = GeneratorLoad.sample(tally) }
        if now >= timeline.windowEnd {
            sending = false
            if loadAtWindowStart == nil { loadAtWindowStart = GeneratorLoad.sample(tally) }
            loadAtWindowEnd = GeneratorLoad.sample(tally)
            timeline.measureEndAt = now
            timeline.drainDeadline = now + MonotonicClock.nanos(options.drain)
            phase = .drain
        } else if !windowMode {
            pace()
        } else if now >= timeline.nextStallCheck {
            stallCheck()
        }
    }

    /// The setup deadline passed or everybody is settled: connections still
    /// on their way count as timed out, then traffic (or the hold) starts.
    private func endSetup() {
        timeline.setupDoneAt = now
        for connection in connections where connection.fd >= 0 && !connection.isReady {
            if connection.state == .open {
                countFailure(connection, .timeout)
                explain(connection, .timeout, "waiting for joined")
            } else {
                let step = connection.state == .connecting ? "TCP connect" : connection.state == .securing ? "TLS handshake" : "HTTP upgrade"
                explain(connection, .timeout, step)
                closeConnection(connection, .timeout, errno: 0)
            }
        }
        if nextLaunch < connections.count { giveUpLaunching() }
        if options.scenario.sendsMessages { startTraffic() } else { startHold() }
    }

    private func startHold() {
        phase = .hold
        timeline.holdDeadline = now + MonotonicClock.nanos(options.hold)
        timeline.windowStart = now
        timeline.windowEnd = timeline.holdDeadline
        loadAtWindowStart = GeneratorLoad.sample(tally)
    }

    private func endHold() {
        loadAtWindowEnd = GeneratorLoad.sample(tally)
        timeline.measureEndAt = now
        openAtEnd = openCount
        joinedAtEnd = connections.count(where: { $0.fd >= 0 && $0.state == .open && $0.joinState == .joined })
        beginClose()
    }

    private func startTraffic() {
        let wanted = options.scenario == .fanout ? options.senders : connections.count
        senders = Array(connections.lazy.filter { $0.isReady && $0.fd >= 0 }.prefix(wanted))
        guard readyCount > 0, !senders.isEmpty else { return nothingToMeasure() }
        for sender in senders { sender.isSender = true }
        if senders.count < wanted { warn("warning: only \(senders.count) of \(wanted) senders are ready") }
        timeline.windowStart = now + MonotonicClock.nanos(options.warmup)
        timeline.windowEnd = timeline.windowStart + MonotonicClock.nanos(options.duration)
        timeline.nextStallCheck = now + 100_000_000
        sending = true
        phase = .traffic
        switch options.rate {
        case .perSecond(let rate):
            let total = options.scenario == .rooms ? rate * Double(senders.count) : rate
            paceInterval = 1e9 / total
            paceStart = now
        case .max:
            for sender in senders {
                sender.lastProgress = now
                refill(sender)
            }
        }
    }

    private func nothingToMeasure() {
        let what = options.scenario.joinsRoom ? "connected and joined" : "connected"
        warn("ERROR: no connection became ready (\(what)); nothing to measure")
        exitCode = 1
        beginClose()
    }

    /// Windowed senders whose messages stopped coming back get a fresh window.
    private func stallCheck() {
        let limit = MonotonicClock.nanos(options.stallTimeout)
        for sender in senders where sender.fd >= 0 && sender.isReady && sender.inFlight > 0 && now - sender.lastProgress > limit {
            tally.stalls += 1
            if tally.stalls == 1 {
                warn("warning: sender #\(sender.id) got none of its \(sender.inFlight) in-flight messages back within \(options.stallTimeout) s; resetting its window")
            }
            sender.inFlight = 0
            sender.lastProgress = now
            refill(sender)
        }
        timeline.nextStallCheck = now + 100_000_000
    }

    /// Starts the closing handshake on every open connection; the rest are closed.
    func beginClose() {
        phase = .close
        timeline.closeDeadline = now + MonotonicClock.nanos(options.closeWait)
        for connection in connections where connection.fd >= 0 {
            if connection.state == .open {
                connection.session.close(code: .normalClosure)
                takeSessionOutput(connection)
                connection.state = .closing
            } else if connection.state != .closing {
                closeConnection(connection, nil, errno: 0)
            }
        }
    }

    private func finish() {
        for connection in connections { closeConnection(connection, nil, errno: 0) }
        phase = .done
    }

    /// When the loop must wake even without events.
    func nextDeadline() -> Int64 {
        switch phase {
        case .setup: return timeline.setupDeadline
        case .traffic: return trafficDeadline()
        case .drain: return timeline.drainDeadline
        case .hold: return timeline.holdDeadline
        case .close: return timeline.closeDeadline
        case .done: return now
        }
    }

    private func trafficDeadline() -> Int64 {
        var deadline = timeline.windowEnd
        if loadAtWindowStart == nil { deadline = min(deadline, timeline.windowStart) }
        if windowMode { return min(deadline, timeline.nextStallCheck) }
        return min(deadline, paceStart + Int64(Double(paceIndex) * paceInterval))
    }
}
