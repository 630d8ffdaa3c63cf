import ChatWire
import Glibc
import SystemKit
import WSProtocol

/// The receive path: reads into the shared buffer, frames parsed in place by
/// the connection's `WebSocketSession`, every data message scanned for
/// latency markers.
extension LoadGenerator {
    /// Reads until the socket has no more (a short read), or the connection ends.
    func readAll(_ connection: BenchConnection) {
        if let session = connection.tls { return readAllSecure(connection, session) }
        while connection.fd >= 0 {
            let count = read(connection.fd, readBuffer.baseAddress, readBuffer.count)
            tally.reads += 1
            if count > 0 {
                tally.bytesIn += UInt64(count)
                now = MonotonicClock.now()
                consume(connection, UnsafeMutableRawBufferPointer(rebasing: readBuffer[..<count]))
                if count < readBuffer.count { return }
                continue
            }
            let code = count < 0 ? errno : 0
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK { return }
            readEnded(connection, errno: code)
        }
    }

    /// EOF or a read error. EOF after the close handshake is the normal end.
    func readEnded(_ connection: BenchConnection, errno code: Int32) {
        if code != 0 {
            closeConnection(connection, FailureReason(errno: code), errno: code)
        } else if connection.state == .closing {
            closeConnection(connection, nil, errno: 0)
        } else {
            closeConnection(connection, .eof, errno: 0)
        }
    }

    func consume(_ connection: BenchConnection, _ chunk: UnsafeMutableRawBufferPointer) {
        var frames = chunk
        if connection.state == .handshaking {
            guard let used = readHandshake(connection, UnsafeRawBufferPointer(chunk)) else { return }
            frames = UnsafeMutableRawBufferPointer(rebasing: chunk[used...])
        }
        guard connection.fd >= 0, !frames.isEmpty else { return }
        receiveFrames(connection, frames)
    }

    private func receiveFrames(_ connection: BenchConnection, _ frames: UnsafeMutableRawBufferPointer) {
        var failure: ProtocolError?
        connection.session.receive(frames) { event in
            switch event {
            case .text(let payload): self.message(connection, payload, isText: true)
            case .binary(let payload): self.message(connection, payload, isText: false)
            case .ping:
                self.tally.pings += 1
                self.tally.pongsSent += 1
            case .pong: self.tally.pongs += 1
            case .closed: self.tally.closes += 1
            case .failed(let error): failure = error
            }
        }
        takeSessionOutput(connection)
        if let failure {
            explain(connection, .protocol, failure.reason)
            flush(connection)
            closeConnection(connection, .protocol, errno: 0)
        } else if connection.session.state == .closed {
            closeHandshakeDone(connection)
        } else if windowMode {
            refill(connection)
        }
    }

    /// Pongs and close frames the session queued go out with our frames.
    func takeSessionOutput(_ connection: BenchConnection) {
        guard !connection.session.output.isEmpty else { return }
        connection.session.output.withReadableBytes { connection.output.append($0) }
        connection.session.output.removeAll()
        markDirty(connection)
    }

    /// Both close frames went by. If we started it, wait for the server's
    /// FIN (it closes the TCP connection first, RFC 6455 section 7.1.1);
    /// if the server did, the connection is lost.
    private func closeHandshakeDone(_ connection: BenchConnection) {
        flush(connection)
        guard connection.fd >= 0 else { return }
        if connection.state == .closing {
            // Best effort: a close_notify that finds the socket full is dropped.
            _ = connection.tls?.sendCloseNotify()
            shutdown(connection.fd, Int32(SHUT_WR))
        } else {
            closeConnection(connection, .eof, errno: 0)
        }
    }

    private func message(_ connection: BenchConnection, _ payload: UnsafeRawBufferPointer, isText: Bool) {
        tally.messages += 1
        tally.messageBytes += UInt64(payload.count)
        if let compressed = deflateReceiver?.compressedCount {
            tally.compressedMessages += 1
            tally.messageWireBytes += UInt64(compressed)
        } else {
            tally.messageWireBytes += UInt64(payload.count)
        }
        if connection.joinState == .requested, isText, isJoinReply(payload, for: connection) {
            joined(connection)
            return
        }
        var offset = 0
        var found = false
        while let marker = LatencyMarker.next(in: payload, from: &offset) {
            markerArrived(connection, marker)
            found = true
        }
        if !found { tally.otherMessages += 1 }
    }

    /// The server's `joined` answer for the connection's room, read with
    /// ChatWire. Only messages that arrive while a join is pending get here,
    /// so decoding costs nothing once traffic flows.
    private func isJoinReply(_ payload: UnsafeRawBufferPointer, for connection: BenchConnection) -> Bool {
        guard let json = try? JSONParser.parse(payload, options: .lenient),
              case .joined(let reply)? = ChatEvent(json: json)
        else { return false }
        return reply.room == roomNames[connection.room].value
    }

    /// Counts one delivery. Figures are frozen once closing starts.
    private func markerArrived(_ connection: BenchConnection, _ marker: LatencyMarker) {
        guard phase != .close, phase != .done else { return }
        guard marker.sender < UInt64(connections.count) else {
            tally.foreignMarkers += 1
            return
        }
        let sentAt = Int64(truncatingIfNeeded: marker.sentAt)
        guard sentAt <= now, sentAt >= timeline.startedAt else {
            tally.badMarkers += 1
            return
        }
        if timeline.inWindow(now) { tally.inWindow += 1 }
        if timeline.inWindow(sentAt) {
            tally.received += 1
            latency.record(now - sentAt)
        }
        if marker.sender == UInt64(connection.id), connection.inFlight > 0 {
            connection.inFlight -= 1
            connection.lastProgress = now
        }
    }
}
