import CEpoll
import Glibc

/// An eventfd that other threads signal to wake a loop out of `epoll_wait`;
/// many signals before the loop reads it cost one wakeup.
final class EventFD: Sendable {
    let fd: Int32

    init() throws(ServerError) {
        fd = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard fd >= 0 else { throw .system("eventfd", errno) }
    }

    deinit { Glibc.close(fd) }

    func signal() {
        var one: UInt64 = 1
        _ = Glibc.write(fd, &one, 8)
    }

    /// Resets the counter so the next signal wakes the loop again.
    func drain() {
        var value: UInt64 = 0
        _ = Glibc.read(fd, &value, 8)
    }
}
