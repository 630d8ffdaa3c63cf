import SystemKit
import WSProtocol

/// Accepting (loop 0 only): accept until EAGAIN or `acceptsPerPass`, hand
/// sockets out round-robin. A peer address over its share gets a short 503
/// and is closed; while `--max-handshakes` connections are still in their
/// handshake, accepting pauses (the kernel's backlog holds the rest).
extension EventLoop {
    /// At most this many accepts per pass, so a connect storm cannot starve
    /// the connections already open.
    static let acceptsPerPass = 128

    func startListening(_ listener: Listener) throws(ServerError) {
        self.listener = listener
        try epoll.add(listener.fd, token: Self.listenerToken, interest: .readable)
    }

    func acceptConnections() {
        guard let listener else { return }
        for _ in 0..<Self.acceptsPerPass {
            guard !gate.isFullOfHandshakes else {
                Log.debug("\(gate.handshakesInProgress) handshakes in progress: pausing accept for 50 ms")
                return pauseAccepting(seconds: 0.05)
            }
            switch listener.accept() {
            case .socket(let fd, let peer):
                guard gate.admit(peer) else {
                    refuseOverAddressLimit(fd)
                    continue
                }
                handOut(fd, peer)
            case .none:
                return
            case .exhausted:
                Log.warn("out of file descriptors: shed a connection, pausing accept for 100 ms")
                pauseAccepting(seconds: 0.1)
                return
            case .failed(let code):
                Log.warn("accept failed: \(Socket.describe(code)); pausing accept for 100 ms")
                pauseAccepting(seconds: 0.1)
                return
            }
        }
    }

    private func handOut(_ fd: Int32, _ peer: PeerAddress) {
        let target = nextAdoptionTarget
        nextAdoptionTarget = (nextAdoptionTarget + 1) % peers.count
        if target == index {
            adopt(fd, peer: peer)
        } else {
            send(.adopt(fd, peer), to: target)
        }
    }

    /// One best-effort write of a fixed answer, then close: the peer learns
    /// why, and costs no more than the accept. A TLS client could not read a
    /// plaintext answer: it is only closed.
    private func refuseOverAddressLimit(_ fd: Int32) {
        metrics.countHandshakeFailure("address_limit")
        if tls == nil { _ = Self.addressLimitResponse.withUnsafeBytes { Socket.write(fd, $0) } }
        Socket.close(fd)
    }

    static let addressLimitResponse = HTTPResponse.plainText(
        .serviceUnavailable, "too many connections from your address").bytes

    /// Stops watching the listener for a moment, so a persistent accept error
    /// cannot become a busy loop.
    private func pauseAccepting(seconds: Double) {
        guard let listener else { return }
        epoll.remove(listener.fd)
        acceptPausedUntil = now + MonotonicClock.nanoseconds(seconds)
    }

    func resumeAccepting() {
        acceptPausedUntil = 0
        guard let listener else { return }
        try? epoll.add(listener.fd, token: Self.listenerToken, interest: .readable)
    }

    func stopListening() {
        guard let listener else { return }
        if acceptPausedUntil == 0 { epoll.remove(listener.fd) }
        acceptPausedUntil = 0
        listener.close()
        self.listener = nil
    }
}
