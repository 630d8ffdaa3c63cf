import Glibc
import SystemKit
import Testing
@testable import WSServer

/// Drives `RedisConnection`s with poll(2) the way the event loop drives
/// them with epoll: wait for each one's `interest` (bounded by its
/// `nextDeadline`), call `handle` for what is ready, then `tick` on every
/// one. It also checks the contract that `onInterestChange` reports every
/// change of `interest`.
final class PollDriver {
    private var connections: [RedisConnection] = []
    private var reported: [ObjectIdentifier: IOEvents] = [:]

    /// Drives `connection` from now on, taking over its `onInterestChange`.
    func add(_ connection: RedisConnection) {
        connections.append(connection)
        reported[ObjectIdentifier(connection)] = connection.interest
        connection.onInterestChange = { [unowned self, unowned connection] interest in
            #expect(interest == connection.interest)
            reported[ObjectIdentifier(connection)] = interest
        }
    }

    /// Runs passes over `only` (default: every added connection) until
    /// `done` holds; false if `timeout` seconds pass first.
    @discardableResult
    func run(only: [RedisConnection]? = nil, timeout: Double = 10, until done: () -> Bool) -> Bool {
        let deadline = MonotonicClock.nanoseconds() + MonotonicClock.nanoseconds(timeout)
        while !done() {
            let now = MonotonicClock.nanoseconds()
            guard now < deadline else { return false }
            let live = (only ?? connections).filter { $0.state != .closed }
            pass(live, until: live.compactMap(\.nextDeadline).reduce(min(deadline, now + 50_000_000), min))
        }
        return true
    }

    private func pass(_ live: [RedisConnection], until wake: UInt64) {
        var entries = live.map { connection in
            #expect(reported[ObjectIdentifier(connection)] == connection.interest, "an interest change was not reported")
            return pollfd(fd: connection.fd, events: Self.pollMask(connection.interest), revents: 0)
        }
        let now = MonotonicClock.nanoseconds()
        let millis = Int32(wake > now ? (wake - now + 999_999) / 1_000_000 : 0)
        if entries.isEmpty {
            var pause = timespec(tv_sec: 0, tv_nsec: Int(millis) * 1_000_000)
            nanosleep(&pause, nil)
        } else {
            _ = poll(&entries, nfds_t(entries.count), millis)
        }
        let after = MonotonicClock.nanoseconds()
        for (connection, entry) in zip(live, entries) where entry.revents != 0 {
            connection.handle(Self.events(entry.revents), now: after)
        }
        for connection in live {
            connection.tick(now: after)
        }
    }

    private static func pollMask(_ interest: IOEvents) -> Int16 {
        (interest.contains(.readable) ? Int16(POLLIN) : 0) | (interest.contains(.writable) ? Int16(POLLOUT) : 0)
    }

    private static func events(_ revents: Int16) -> IOEvents {
        var events: IOEvents = []
        if revents & Int16(POLLIN) != 0 { events.insert(.readable) }
        if revents & Int16(POLLOUT) != 0 { events.insert(.writable) }
        if revents & Int16(POLLHUP | POLLERR) != 0 { events.insert(.hangup) }
        return events
    }
}
