import CEpoll
import Glibc

/// A level-triggered epoll set in the manner of NIO's `SelectorEpoll`: a
/// preallocated event array, EINTR retried, and a 64-bit token per
/// registration that the owner uses to find (and to validate) whose event it
/// is. The server's loops and ws-bench both wait on one; the calls on their
/// hot paths are inlinable, so a loop pays for the system call and no more.
public final class Epoll {
    /// Interest and readiness masks for callers that work in epoll's own bits.
    public static let readable = EPOLLIN.rawValue
    public static let writable = EPOLLOUT.rawValue
    public static let failed = EPOLLERR.rawValue | EPOLLHUP.rawValue

    @usableFromInline let fd: Int32
    @usableFromInline let events: UnsafeMutablePointer<epoll_event>
    @usableFromInline let capacity: Int
    /// Cleared when the kernel (or valgrind) lacks `epoll_pwait2`.
    private var hasPreciseWait = true

    public init(capacity: Int = 1024) throws(SystemCallError) {
        fd = epoll_create1(Int32(EPOLL_CLOEXEC))
        guard fd >= 0 else { throw SystemCallError("epoll_create1", errno) }
        self.capacity = capacity
        events = .allocate(capacity: capacity)
    }

    deinit {
        events.deallocate()
        Glibc.close(fd)
    }

    @inlinable
    public func add(_ descriptor: Int32, token: UInt64, events mask: UInt32) throws(SystemCallError) {
        try control(EPOLL_CTL_ADD, descriptor, token: token, events: mask)
    }

    @inlinable
    public func modify(_ descriptor: Int32, token: UInt64, events mask: UInt32) throws(SystemCallError) {
        try control(EPOLL_CTL_MOD, descriptor, token: token, events: mask)
    }

    /// Closing a descriptor removes it too; this is for descriptors that stay open.
    public func remove(_ descriptor: Int32) {
        var event = epoll_event()
        _ = epoll_ctl(fd, EPOLL_CTL_DEL, descriptor, &event)
    }

    @inlinable
    func control(_ operation: Int32, _ descriptor: Int32, token: UInt64, events mask: UInt32) throws(SystemCallError) {
        var event = epoll_event()
        event.events = mask
        event.data.u64 = token
        guard epoll_ctl(fd, operation, descriptor, &event) == 0 else { throw SystemCallError("epoll_ctl", errno) }
    }

    /// Waits up to `timeoutMillis` (-1: forever, 0: poll); returns how many
    /// registrations are ready, readable through `event(at:)`.
    @inlinable
    public func wait(timeoutMillis: Int32) -> Int {
        var count: Int32
        repeat {
            count = epoll_wait(fd, events, Int32(capacity), timeoutMillis)
        } while count < 0 && errno == EINTR
        return max(0, Int(count))
    }

    /// Waits up to `timeout` nanoseconds (0: poll), through `epoll_pwait2`:
    /// a sender paced every few hundred microseconds would have its sends
    /// bunched by millisecond timeouts. Falls back to `epoll_wait` where the
    /// kernel lacks it.
    public func wait(nanoseconds timeout: Int64) -> Int {
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
    @inlinable
    public func event(at position: Int) -> (token: UInt64, events: UInt32) {
        (events[position].data.u64, events[position].events)
    }
}
