import SystemKit

/// The loop's side of the registry: calls go to loop 0 once per pass, where
/// the registry actor runs on the loop's own executor, and deliveries come
/// back to each loop that owns a recipient, one batch per pass.
extension EventLoop {
    func submit(_ call: RegistryCall) {
        registryCalls.append(call)
        gate.registryBacklog.add(call.weight)
    }

    /// A client left the registry: requests it queued in this pass and not
    /// yet sent to loop 0 are dropped.
    func dropQueuedRequests(of client: ClientID) {
        gate.registryBacklog.add(-registryCalls.dropRequests(of: client))
    }

    /// Loop 0 runs the pass's calls in small batches and stops once the pass
    /// has queued `passOutputBudget` bytes for the clients of every loop, or
    /// once another loop's inbox holds more than that: the rest waits for the
    /// next pass, after this one's output is written. A join storm (each join
    /// sends presence to up to `--presence-limit` members) then cannot pile
    /// up megabytes of queued frames in one pass.
    func runRegistryCalls() {
        guard !registryCalls.isEmpty else { return }
        guard index == 0, let registry else {
            return send(.registry(registryCalls.takeAll()), to: 0)
        }
        while !registryCalls.isEmpty, queuedThisPass < Self.passOutputBudget, !peersAreBehind {
            let batch = Array(registryCalls.takeBatch(Self.registryBatchSize))
            gate.registryBacklog.add(-batch.reduce(0) { $0 + $1.weight })
            let moment = currentMoment
            let deliveries = registry.assumeIsolated { registry in
                let deliveries = registry.perform(batch, now: moment)
                publishStatistics(of: registry)
                return deliveries
            }
            dispatch(deliveries)
        }
    }

    /// Whether another loop has not yet applied a pass's worth of deliveries.
    private var peersAreBehind: Bool {
        peers.contains { $0 !== self && $0.inboxBytes.load(ordering: .relaxed) > Self.passOutputBudget }
    }

    /// Echo sessions are not registry clients: each loop sweeps its own,
    /// with the chat clients' `--idle-timeout`.
    func sweepEchoSessions() {
        guard config.chat.idleTimeout > 0 else { return }
        let closeAfter = MonotonicClock.nanoseconds(config.chat.idleTimeout)
        for connection in slots.all where connection.endpoint == .echo {
            connection.sweepEcho(pingAfter: closeAfter / 2, closeAfter: closeAfter)
        }
    }

    /// The idle sweep of chat clients, every `--sweep-interval` on loop 0.
    func sweep() {
        guard let registry else { return }
        let moment = currentMoment
        dispatch(registry.assumeIsolated { $0.sweep(now: moment) })
    }

    var currentMoment: Moment {
        Moment(uptimeNanos: now, epochMillis: WallClock.milliseconds())
    }

    func publishStatistics(of registry: isolated RoomRegistry) {
        let statistics = registry.statistics
        metrics.rooms.store(registry.roomCount, ordering: .relaxed)
        metrics.rateLimited.store(Int(statistics.rateLimitedRefusals), ordering: .relaxed)
        metrics.rateLimitCloses.store(Int(statistics.rateLimitCloses), ordering: .relaxed)
    }

    /// Applies deliveries for this loop's clients and forwards each delivery
    /// once to every other loop that owns one of its recipients; counts the
    /// bytes queued for every loop against the pass's output budget.
    func dispatch(_ deliveries: [Delivery]) {
        queuedThisPass += deliveries.reduce(0) { $0 + $1.queuedBytes }
        guard peers.count > 1 else { return apply(deliveries) }
        var forwarded = Array(repeating: [Delivery](), count: peers.count)
        for delivery in deliveries {
            var loopsPresent: UInt64 = 0
            for id in delivery.recipients { loopsPresent |= 1 << UInt64(id.loop) }
            for target in peers.indices where target != index && loopsPresent & (1 << UInt64(target)) != 0 {
                forwarded[target].append(delivery)
            }
        }
        apply(deliveries)
        for target in peers.indices where !forwarded[target].isEmpty {
            peers[target].inboxBytes.wrappingAdd(forwarded[target].reduce(0) { $0 + $1.heldBytes }, ordering: .relaxed)
            send(.deliver(forwarded[target]), to: target)
        }
    }

    /// Hands each action to the recipients that live on this loop.
    func apply(_ deliveries: [Delivery]) {
        var delivered = 0
        for delivery in deliveries {
            for id in delivery.recipients where id.loop == index {
                guard let connection = slots.connection(for: id) else { continue }
                connection.deliver(delivery.action)
                if case .event = delivery.action { delivered += 1 }
            }
        }
        ServerMetrics.add(metrics.deliveries, delivered)
    }
}
