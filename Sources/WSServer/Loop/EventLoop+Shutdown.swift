import SystemKit

/// Graceful shutdown of one loop: stop accepting, close every session with
/// 1001, drain until the closes are done or `--shutdown-timeout` passes.
extension EventLoop {
    func beginShutdown() {
        guard shutdownDeadline == nil else { return }
        stopListening()
        shutdownDeadline = now + MonotonicClock.nanoseconds(config.shutdownTimeout)
        for connection in slots.all {
            switch connection.phase {
            case .tlsHandshake, .http: connection.terminate()
            case .open, .answeringClose: connection.close(code: .goingAway, reason: "server shutting down")
            case .closing, .finishing, .lingering, .closed: continue
            }
        }
    }
}
