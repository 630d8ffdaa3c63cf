import CEpoll
import Glibc
import SystemKit
import WSProtocol

/// Opening connections: at most `--concurrency` handshakes in flight, the
/// upgrade request written once TCP connects, the answer checked with
/// `ClientHandshake`, then the join.
extension LoadGenerator {
    func launchMore() {
        while nextLaunch < connections.count, handshakesInFlight < options.concurrency, !launchStopped {
            startConnect(connections[nextLaunch])
            nextLaunch += 1
        }
        if launchStopped, nextLaunch < connections.count { giveUpLaunching() }
    }

    /// Out of ports or descriptors: the rest are counted as not attempted.
    func giveUpLaunching() {
        for connection in connections[nextLaunch...] {
            connection.hasFailed = true
            portTallies[portIndex(connection)].failed += 1
        }
        notAttempted += connections.count - nextLaunch
        failedCount += connections.count - nextLaunch
        nextLaunch = connections.count
    }

    private func startConnect(_ connection: BenchConnection) {
        let target = targets[portIndex(connection)]
        let fd = socket(target.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return failBeforeOpen(connection, errno: errno) }
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
        connection.connectStartedAt = MonotonicClock.now()
        if timeline.firstConnectAt == 0 { timeline.firstConnectAt = connection.connectStartedAt }
        let status = target.connect(fd)
        if status != 0, status != EINPROGRESS {
            close(fd)
            return failBeforeOpen(connection, errno: status)
        }
        do throws(SystemCallError) {
            try poller.add(fd, token: UInt64(connection.id), events: Epoll.writable)
        } catch {
            close(fd)
            return failBeforeOpen(connection, errno: error.code)
        }
        connection.fd = fd
        connection.interest = Epoll.writable
        connection.state = .connecting
        handshakesInFlight += 1
        let handshake = ClientHandshake(
            host: options.host, port: options.ports[portIndex(connection)], path: options.path,
            deflateOffer: options.deflate ? DeflateOffer.client : nil)
        connection.handshake = handshake
        handshake.requestBytes.withUnsafeBytes { connection.output.append($0) }
    }

    /// A connection that never got a socket, or whose connect failed at once.
    private func failBeforeOpen(_ connection: BenchConnection, errno code: Int32) {
        let reason = FailureReason(errno: code)
        countFailure(connection, reason)
        explain(connection, reason, String(cString: strerror(code)))
        if reason.stopsLaunching { launchStopped = true }
    }

    /// TCP connect finished (EPOLLOUT) or failed (EPOLLERR/EPOLLHUP).
    func connectFinished(_ connection: BenchConnection, events: UInt32) {
        if events & Epoll.failed != 0 {
            var code: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            _ = getsockopt(connection.fd, SOL_SOCKET, SO_ERROR, &code, &length)
            if code == 0 { code = ECONNREFUSED }
            return closeConnection(connection, FailureReason(errno: code), errno: code)
        }
        guard events & Epoll.writable != 0 else { return }
        if let tlsContext { return startTLS(connection, tlsContext) }
        connection.state = .handshaking
        flush(connection)
    }

    /// Feeds the server's answer to the response parser; returns how many
    /// bytes of `chunk` the head used once it is complete and valid.
    func readHandshake(_ connection: BenchConnection, _ chunk: UnsafeRawBufferPointer) -> Int? {
        let head: HTTPResponseHead
        let consumed: Int
        do {
            switch try connection.responseParser.parse(chunk) {
            case .needMoreData: return nil
            case .complete(let parsed, let used): (head, consumed) = (parsed, used)
            }
        } catch {
            handshakeFailed(connection, "\(error)")
            return nil
        }
        do {
            if try connection.handshake?.validate(head) != nil { useDeflate(connection) }
        } catch {
            handshakeFailed(connection, "\(error)")
            return nil
        }
        opened(connection)
        return consumed
    }

    /// The server accepted our offer: its compressed messages are inflated
    /// by the run's one receiver.
    private func useDeflate(_ connection: BenchConnection) {
        guard let deflateReceiver else { return }
        connection.session = WebSocketSession(
            role: .client, maxMessageSize: connection.session.maxMessageSize, messageExtension: deflateReceiver)
        deflateConnections += 1
    }

    private func handshakeFailed(_ connection: BenchConnection, _ why: String) {
        explain(connection, .handshake, "\(why) (path \(options.path))")
        closeConnection(connection, .handshake, errno: 0)
    }

    private func opened(_ connection: BenchConnection) {
        connection.state = .open
        connection.handshake = nil
        connection.responseParser = HTTPResponseHeadParser()
        handshakesInFlight -= 1
        openCount += 1
        handshakesOK += 1
        portTallies[portIndex(connection)].handshakesOK += 1
        timeline.lastHandshakeAt = now
        handshakeLatency.record(now - connection.connectStartedAt)
        if options.scenario.joinsRoom {
            sendJoin(connection)
        } else if options.scenario == .connect, options.join != nil {
            sendJoin(connection)
            setReady(connection)
        } else {
            setReady(connection)
        }
    }

    private func sendJoin(_ connection: BenchConnection) {
        joinRequests[connection.room].withUnsafeBytes {
            connection.output.appendFrame(opcode: .text, payload: $0, mask: maskKeys.next())
        }
        connection.joinState = .requested
        markDirty(connection)
    }

    func setReady(_ connection: BenchConnection) {
        guard !connection.isReady else { return }
        connection.isReady = true
        readyCount += 1
        portTallies[portIndex(connection)].ready += 1
    }

    /// The server confirmed the join: from now on the connection counts in
    /// its room's membership, which is what `expected` is made of.
    func joined(_ connection: BenchConnection) {
        connection.joinState = .joined
        tally.joinedMessages += 1
        guard options.scenario != .connect else { return }
        connection.isMember = true
        members[connection.room] += 1
        setReady(connection)
    }
}
