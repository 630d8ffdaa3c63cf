/// Accepting (loop 0 only): accept until EAGAIN, hand sockets out round-robin.
extension EventLoop {
    func startListening(_ listener: Listener) throws(ServerError) {
        self.listener = listener
        try epoll.add(listener.fd, token: Self.listenerToken, interest: .readable)
    }

    func acceptConnections() {
        guard let listener else { return }
        while true {
            switch listener.accept() {
            case .socket(let fd):
                handOut(fd)
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

    private func handOut(_ fd: Int32) {
        let target = nextAdoptionTarget
        nextAdoptionTarget = (nextAdoptionTarget + 1) % peers.count
        if target == index {
            adopt(fd)
        } else {
            send(.adopt(fd), to: target)
        }
    }

    /// Stops watching the listener for a moment, so a persistent accept error
    /// cannot become a busy loop.
    private func pauseAccepting(seconds: Double) {
        guard let listener else { return }
        epoll.remove(listener.fd)
        acceptPausedUntil = now + Clock.nanos(seconds)
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
