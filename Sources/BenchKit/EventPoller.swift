import CEpoll
import Glibc

/// A level-triggered epoll set with a preallocated event array and a 64-bit
/// token per registration (the connection's index). Waits take nanoseconds,
/// through `epoll_pwait2`, because paced senders wake every few hundred
/// microseconds and millisecond timeouts would bunch their sends.
final class EventPoller {
    static let readable = EPOLLIN.rawValue
    static let writable = EPOLLOUT.rawValue
    static let failed = EPOLLERR.rawValue | EPOLLHUP.rawValue

    private let fd: Int32
    private let events: UnsafeMutablePointer<epoll_event>
    private let capacity: Int
    /// Cleared when the kernel (or valgrind) lacks `epoll_pwait2`.
    private var hasPreciseWait = true

    init(capacity: Int = 1024) throws(UsageError) {
        fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else { throw UsageError(message: "epoll_create1: \(String(cString: strerror(errno)))") }
        self.capacity = capacity
        events = .allocate(capacity: capacity)
    }

    deinit {
        events.deallocate()
        close(fd)
    }

    /// Registers `descriptor`; returns errno on failure (e.g. max_user_watches reached).
    func add(_ descriptor: Int32, token: UInt64, events mask: UInt32) -> Int32? {
        control(EPOLL_CTL_ADD, descriptor, token: token, events: mask)
    }

    func modify(_ descriptor: Int32, token: UInt64, events mask: UInt32) {
        _ = control(EPOLL_CTL_MOD, descriptor, token: token, events: mask)
    }

    private func control(_ operation: Int32, _ descriptor: Int32, token: UInt64, events mask: UInt32) -> Int32? {
        var event = epoll_event()
        event.events = mask
        event.data.u64 = token
        return epoll_ctl(fd, operation, descriptor, &event) == 0 ? nil : errno
    }

    /// Waits up to `timeout` nanoseconds (0: poll); returns how many
    /// registrations are ready, readable through `event(at:)`.
    func wait(nanoseconds timeout: Int64) -> Int {
        let timeout = max(0, timeout)
        while true {
            let count = waitOnce(timeout)
            if count >= 0 { return Int(count) }
            if errno != EINTR { return 0 }
        }
    }

    private func waitOnce(_ timeout: Int64) -> Int32 {
        if hasPreciseWait {
            var spec = timespec(tv_sec: Int(timeout / 1_000_000_000), tv_nsec: Int(timeout % 1_000_000_000))
            let count = epoll_pwait2(fd, events, Int32(capacity), &spec, nil)
            if count >= 0 || errno != ENOSYS { return count }
            hasPreciseWait = false
        }
        let millis = Int32(clamping: (timeout + 999_999) / 1_000_000)
        return epoll_wait(fd, events, Int32(capacity), millis)
    }

    /// The token and event mask of ready registration `position` from the last `wait`.
    func event(at position: Int) -> (token: UInt64, events: UInt32) {
        (events[position].data.u64, events[position].events)
    }
}
