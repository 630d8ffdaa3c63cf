import CEpoll
import Glibc

/// An epoll instance in the manner of NIO's `SelectorEpoll`: a preallocated
/// event array, EINTR retried, and a 64-bit token per registration that the
/// loop uses to find (and to validate) the owner of each event.
final class Epoll {
    private let fd: Int32
    private let events: UnsafeMutablePointer<epoll_event>
    private let capacity: Int

    init(capacity: Int = 1024) throws(ServerError) {
        fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else { throw .system("epoll_create1", errno) }
        self.capacity = capacity
        events = .allocate(capacity: capacity)
    }

    deinit {
        events.deallocate()
        Glibc.close(fd)
    }

    func add(_ descriptor: Int32, token: UInt64, interest: IOEvents) throws(ServerError) {
        try control(EPOLL_CTL_ADD, descriptor, token: token, interest: interest)
    }

    func modify(_ descriptor: Int32, token: UInt64, interest: IOEvents) throws(ServerError) {
        try control(EPOLL_CTL_MOD, descriptor, token: token, interest: interest)
    }

    /// Closing a descriptor removes it too; this is for descriptors that stay open.
    func remove(_ descriptor: Int32) {
        var event = epoll_event()
        _ = epoll_ctl(fd, EPOLL_CTL_DEL, descriptor, &event)
    }

    private func control(_ operation: Int32, _ descriptor: Int32, token: UInt64, interest: IOEvents) throws(ServerError) {
        var event = epoll_event()
        event.events = interest.epollMask
        event.data.u64 = token
        guard epoll_ctl(fd, operation, descriptor, &event) == 0 else { throw .system("epoll_ctl", errno) }
    }

    /// Waits up to `timeoutMillis` (-1: forever, 0: poll); returns how many
    /// registrations are ready, readable through `event(at:)`.
    func wait(timeoutMillis: Int32) -> Int {
        var count: Int32
        repeat {
            count = epoll_wait(fd, events, Int32(capacity), timeoutMillis)
        } while count < 0 && errno == EINTR
        return max(0, Int(count))
    }

    /// The token and readiness of ready registration `position` from the last `wait`.
    func event(at position: Int) -> (UInt64, IOEvents) {
        (events[position].data.u64, IOEvents(epollMask: events[position].events))
    }
}
