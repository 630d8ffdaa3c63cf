import Glibc

/// Closing sockets and counting why: a connection that ends before it is
/// ready is a failure, one that ends while traffic runs is a disconnect.
/// The first failure of each kind is explained on stderr.
extension LoadGenerator {
    /// Closes the socket (which also leaves the epoll set). A nil reason is
    /// a normal close.
    func closeConnection(_ connection: BenchConnection, _ reason: FailureReason?, errno code: Int32) {
        guard connection.fd >= 0 else { return }
        close(connection.fd)
        connection.fd = -1
        connection.tls = nil
        connection.interest = 0
        switch connection.state {
        case .connecting, .securing, .handshaking: handshakesInFlight -= 1
        case .open, .closing: openCount -= 1
        case .idle, .closed: break
        }
        if connection.isMember {
            members[connection.room] -= 1
            connection.isMember = false
        }
        if let reason { countLoss(connection, reason, errno: code) }
        connection.state = .closed
    }

    private func countLoss(_ connection: BenchConnection, _ reason: FailureReason, errno code: Int32) {
        if !connection.isReady {
            countFailure(connection, reason)
            if reason != .handshake, reason != .protocol {
                explain(connection, reason, code == 0 ? "closed by the server" : String(cString: strerror(code)))
            }
        } else if phase != .close, phase != .done {
            tally.disconnects += 1
            tally.disconnectReasons[reason, default: 0] += 1
            if tally.disconnects == 1 {
                let why = code == 0 ? "closed by the server" : String(cString: strerror(code))
                warn("connection #\(connection.id) lost during the run: \(why) (\(reason.rawValue))")
            }
        }
    }

    /// Counts a connection as failed, once.
    func countFailure(_ connection: BenchConnection, _ reason: FailureReason) {
        guard !connection.hasFailed else { return }
        connection.hasFailed = true
        failedCount += 1
        portTallies[portIndex(connection)].failed += 1
        tally.failures[reason, default: 0] += 1
    }

    /// The first failure of each kind, with what is known about it.
    func explain(_ connection: BenchConnection, _ reason: FailureReason, _ detail: String) {
        guard explained.insert(reason).inserted else { return }
        let inFlight = "\(openCount + handshakesInFlight) connections open or connecting"
        let text = switch reason {
        case .refused: "connection #\(connection.id) refused (is a server listening on \(options.host):\(options.ports[portIndex(connection)])?); \(inFlight)"
        case .emfile: "no socket for connection #\(connection.id): \(detail); \(inFlight). Raise the descriptor limit (ulimit -n) or use fewer clients."
        case .addrnotavail: "connect for connection #\(connection.id) failed: \(detail): out of local ports with \(inFlight); use fewer clients."
        case .handshake: "handshake failed on connection #\(connection.id): \(detail)"
        case .protocol: "protocol error on connection #\(connection.id): \(detail)"
        case .timeout: "connection #\(connection.id) timed out (\(detail)); \(inFlight)"
        case .reset, .eof, .other: "connection #\(connection.id) failed: \(detail) (\(reason.rawValue)); \(inFlight)"
        }
        warn("ERROR: " + text)
    }

    func warn(_ text: String) {
        let line = "ws-bench: \(text)\n"
        _ = line.utf8CString.withUnsafeBufferPointer { write(STDERR_FILENO, $0.baseAddress, $0.count - 1) }
    }
}
