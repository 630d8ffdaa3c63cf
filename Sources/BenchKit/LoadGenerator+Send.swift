import SystemKit
import WSProtocol

/// The send path: each message is built and masked in place in the
/// connection's send buffer, which is written once per loop pass.
extension LoadGenerator {
    /// Queues one chat message (or echo payload) stamped with `now`.
    func sendMessage(_ connection: BenchConnection) {
        let marker = LatencyMarker(sender: UInt64(connection.id), sequence: connection.sequence, sentAt: UInt64(now))
        withUnsafeTemporaryAllocation(byteCount: LatencyMarker.maxLength, alignment: 8) { markerBytes in
            let markerLength = marker.write(to: markerBytes.baseAddress!)
            let text = UnsafeRawBufferPointer(rebasing: markerBytes[..<markerLength])
            let template = messageTemplates[options.scenario == .echo ? 0 : connection.room]
            template.prefix.withUnsafeBytes { prefix in
                template.suffix.withUnsafeBytes { suffix in
                    padding.withUnsafeBytes { pad in
                        let fill = UnsafeRawBufferPointer(rebasing: pad[..<max(0, options.size - markerLength)])
                        queueText(connection, around: (prefix, suffix), marker: text, pad: fill)
                    }
                }
            }
        }
        markDirty(connection)
        connection.sequence += 1
        connection.inFlight += 1
        guard timeline.inWindow(now) else { return }
        tally.sent += 1
        tally.expected += UInt64(options.scenario == .echo ? 1 : members[connection.room])
    }

    /// The payload: the text (marker, then padding up to `--size`) between
    /// the template's prefix and suffix (both empty for echo, where the text
    /// is the whole payload). A text cut right after an escape's backslash
    /// ends in a space instead, or the backslash would escape the closing quote.
    private func queueText(
        _ connection: BenchConnection, around template: (prefix: UnsafeRawBufferPointer, suffix: UnsafeRawBufferPointer),
        marker: UnsafeRawBufferPointer, pad: UnsafeRawBufferPointer
    ) {
        let count = template.prefix.count + marker.count + pad.count + template.suffix.count
        connection.output.appendFrame(opcode: .text, payloadCount: count, mask: maskKeys.next()) { at in
            var offset = Self.copy(template.prefix, to: at, at: 0)
            offset = Self.copy(marker, to: at, at: offset)
            offset = Self.copy(pad, to: at, at: offset)
            if pad.last == UInt8(ascii: "\\") { at.storeBytes(of: UInt8(ascii: " "), toByteOffset: offset - 1, as: UInt8.self) }
            Self.copy(template.suffix, to: at, at: offset)
        }
    }

    @discardableResult
    private static func copy(_ part: UnsafeRawBufferPointer, to base: UnsafeMutableRawPointer, at offset: Int) -> Int {
        if let source = part.baseAddress { (base + offset).copyMemory(from: source, byteCount: part.count) }
        return offset + part.count
    }

    /// Windowed mode: tops a sender's window up while the window is open.
    func refill(_ connection: BenchConnection) {
        while connection.isSender, connection.inFlight < options.window, sending, now < timeline.windowEnd,
              connection.state == .open, connection.isReady {
            sendMessage(connection)
        }
    }

    /// Paced mode: sends every message whose time has come, round-robin
    /// over the senders, and records how late each went.
    func pace() {
        var budget = 65536
        while budget > 0 {
            budget -= 1
            let due = paceStart + Int64(Double(paceIndex) * paceInterval)
            guard due <= now, due < timeline.windowEnd else { return }
            let connection = senders[Int(paceIndex % UInt64(senders.count))]
            paceIndex += 1
            guard connection.fd >= 0, connection.state == .open, connection.isReady,
                  connection.output.pending <= Self.sendBacklogLimit
            else {
                if now >= timeline.windowStart { tally.sendSkipped += 1 }
                continue
            }
            if now >= timeline.windowStart { recordLag(now - due) }
            sendMessage(connection)
        }
    }

    private func recordLag(_ lag: Int64) {
        tally.sendLagMax = max(tally.sendLagMax, lag)
        tally.sendLagSum += Double(lag)
        tally.sendLagCount += 1
    }

    func markDirty(_ connection: BenchConnection) {
        guard !connection.isDirty else { return }
        connection.isDirty = true
        dirty.append(connection)
    }

    /// The end of a loop pass: one write per connection with frames queued,
    /// except those already waiting for EPOLLOUT.
    func flushDirty() {
        for connection in dirty {
            connection.isDirty = false
            if connection.fd >= 0, connection.interest & Epoll.writable == 0 { flush(connection) }
        }
        dirty.removeAll(keepingCapacity: true)
    }

    /// Writes what is pending and sets the epoll interest to match.
    func flush(_ connection: BenchConnection) {
        guard connection.fd >= 0, connection.state != .connecting, connection.state != .securing else { return }
        guard !connection.output.isEmpty else { return setInterest(connection, idleInterest(connection)) }
        tally.writes += 1
        let outcome = if let session = connection.tls {
            connection.output.write(through: session)
        } else {
            connection.output.write(to: connection.fd)
        }
        switch outcome {
        case .drained(let written):
            tally.bytesOut += UInt64(written)
            setInterest(connection, Epoll.readable)
        case .blocked(let written):
            tally.bytesOut += UInt64(written)
            setInterest(connection, Epoll.readable | Epoll.writable)
        case .failed(let code):
            closeConnection(connection, FailureReason(errno: code), errno: code)
        }
    }

    func setInterest(_ connection: BenchConnection, _ mask: UInt32) {
        guard connection.interest != mask else { return }
        try? poller.modify(connection.fd, token: UInt64(connection.id), events: mask)
        connection.interest = mask
    }
}
