/// Liveness: activity stamps and the periodic sweep.
///
/// A client silent (no frame of any kind) for half of `idleTimeout` gets one
/// ping per silent period; silent for the whole `idleTimeout`, the sweep asks
/// the loop once to close it with 1001 "idle timeout". The sweep removes
/// nobody: the loop closes the connection and then calls `disconnect`, which
/// sends the presence. If the loop vetoes a close (it saw unread input), it
/// calls `touch` and the cycle starts over.
extension ChatState {
    /// Any frame from the client, pongs included, counts as activity.
    public mutating func touch(_ id: ClientID, now: Moment) {
        clients[id]?.recordActivity(now: now.uptimeNanos)
    }

    /// At most two deliveries: one ping to every client due one, then one
    /// close to every client silent for the whole timeout.
    public mutating func sweep(now: Moment) -> [Delivery] {
        guard config.idleTimeout > 0 else { return [] }
        let closeAfter = ChatConfig.nanoseconds(config.idleTimeout)
        let pingAfter = closeAfter / 2
        var pings: [ClientID] = []
        var closes: [ClientID] = []
        for id in everyone {
            switch clients[id]?.sweep(now: now.uptimeNanos, pingAfter: pingAfter, closeAfter: closeAfter) {
            case .ping?: pings.append(id)
            case .close?: closes.append(id)
            case nil: break
            }
        }
        statistics.pingsSent += UInt64(pings.count)
        statistics.idleClosesRequested += UInt64(closes.count)
        return collecting { state in
            state.act(.ping, for: pings)
            state.act(.closeIfIdle, for: closes)
        }
    }
}
