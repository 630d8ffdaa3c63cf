import RESP
import SystemKit

/// Keeping the two connections up: connect, set up (scripts loaded; base
/// channels subscribed), and on failure tell the registry, log once per
/// outage, and try again with backoff.
extension RedisBackplane {
    typealias Link = ReferenceWritableKeyPath<RedisBackplane, RedisLink>

    func connectCommands() {
        guard let connection = open(\.command) else { return }
        for script in RoomScripts.all + [NodeScripts.heartbeat] {
            connection.send(RESPCommand("SCRIPT", "LOAD", .string(script.source))) { _ in }
        }
        connection.send(RESPCommand("PING")) { [unowned self] result in
            if case .success = result { commandsReady() }
        }
    }

    func connectSubscriber() {
        guard let connection = open(\.subscriber) else { return }
        let base = [GlobalKeys.broadcastChannel, GlobalKeys.controlChannel].map { Array($0.utf8) }
        connection.subscribe(base) { [unowned self] result in
            if case .success = result { subscriberReady() }
        }
    }

    private func open(_ link: Link) -> RedisConnection? {
        self[keyPath: link].retryAt = nil
        var options = RedisConnection.Options(url: settings.url)
        options.maxOutputBytes = 64 << 20
        let connection: RedisConnection
        do {
            connection = try RedisConnection(endpoint: settings.endpoint, options: options, now: host.now)
        } catch {
            failed(link, reason: error.description)
            return nil
        }
        let token = self[keyPath: link].token
        connection.onInterestChange = { [unowned self, unowned connection] interest in
            host.rewatch(connection.fd, token: token, interest: interest)
        }
        connection.onClose = { [unowned self] reason in
            self[keyPath: link].connection = nil
            failed(link, reason: reason.description)
        }
        connection.onMessage = { [unowned self] message in receive(message) }
        host.watch(connection.fd, token: token, interest: connection.interest)
        self[keyPath: link].connection = connection
        return connection
    }

    private func commandsReady() {
        recovered(\.command)
        registerAgain()
        heartbeat()
        announce(available: subscriber.isReady)
    }

    private func subscriberReady() {
        recovered(\.subscriber)
        resubscribeRooms()
        announce(available: command.isReady)
    }

    private func recovered(_ link: Link) {
        if let problem = self[keyPath: link].problem {
            Log.info("redis \(settings.endpoint) \(name(link)) connection is back (it was: \(problem))")
        }
        self[keyPath: link].isReady = true
        self[keyPath: link].problem = nil
        self[keyPath: link].backoff.reset()
        reportStatus()
    }

    /// A connection failed or could not be made: once per outage a log
    /// line; every time a retry after the backoff's delay.
    private func failed(_ link: Link, reason: String) {
        let wasReady = self[keyPath: link].isReady
        if self[keyPath: link].problem == nil {
            Log.warn("redis \(settings.endpoint) \(name(link)) connection: \(reason); reconnecting with backoff")
        }
        self[keyPath: link].isReady = false
        self[keyPath: link].problem = reason
        self[keyPath: link].retryAt = host.now + MonotonicClock.nanoseconds(self[keyPath: link].backoff.nextDelay())
        if link == \RedisBackplane.subscriber { subscriptionsLost() }
        announce(available: false)
        reportStatus(countingReconnect: wasReady)
    }

    private func reportStatus(countingReconnect: Bool = false) {
        let problems = [command.problem.map { "commands: \($0)" }, subscriber.problem.map { "pub/sub: \($0)" }]
            .compactMap { $0 }
        let settingUp = command.isReady && subscriber.isReady ? nil : "connecting to Redis"
        status.report(
            problem: problems.isEmpty ? settingUp : "redis unreachable (\(problems.joined(separator: "; ")))",
            countingReconnect: countingReconnect)
    }

    private func name(_ link: Link) -> String {
        link == \RedisBackplane.command ? "command" : "pub/sub"
    }
}
