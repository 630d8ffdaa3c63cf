/// Loop 0's side of the Redis backplane: its sockets are watched like any
/// other, and what it learned during a pass goes to the registry at the end
/// of the pass, outside any registry call.
extension EventLoop: BackplaneHost {
    func watch(_ fd: Int32, token: UInt64, interest: IOEvents) {
        do {
            try epoll.add(fd, token: token, interest: interest)
        } catch {
            Log.error("cannot watch the Redis connection: \(error)")
        }
    }

    func rewatch(_ fd: Int32, token: UInt64, interest: IOEvents) {
        do {
            try epoll.modify(fd, token: token, interest: interest)
        } catch {
            Log.error("cannot watch the Redis connection: \(error)")
        }
    }

    /// Hands the backplane's events to the registry (which may answer with
    /// more commands, whose immediate failures come back as more events).
    func applyBackplaneEvents() {
        guard let backplane, let registry else { return }
        while backplane.hasEvents {
            let events = backplane.takeEvents()
            let moment = currentMoment
            let deliveries = registry.assumeIsolated { registry in
                var deliveries: [Delivery] = []
                for event in events { deliveries += registry.apply(event, now: moment) }
                publishStatistics(of: registry)
                return deliveries
            }
            dispatch(deliveries)
        }
    }
}
