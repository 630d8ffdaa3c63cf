import CEpoll
import Glibc
import SystemKit

/// The blocking-with-deadline socket calls the client needs: connect with a
/// timeout, wait until readable or writable. The socket itself is
/// non-blocking, so every wait is a bounded `poll`.
enum ClientSocket {
    static func connect(host: String, port: Int, timeout: Double) throws(ClientError) -> Int32 {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { throw .unknownHost(host) }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let address = entry {
            entry = address.pointee.ai_next
            let fd = socket(address.pointee.ai_family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
            guard fd >= 0 else { continue }
            if let failure = finishConnect(fd, address.pointee, timeout: timeout) {
                lastError = failure
                Glibc.close(fd)
                continue
            }
            var one: Int32 = 1
            _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
            return fd
        }
        throw .connectFailed(lastError)
    }

    /// Nil on success, or why the connect failed.
    private static func finishConnect(_ fd: Int32, _ address: addrinfo, timeout: Double) -> String? {
        if Glibc.connect(fd, address.ai_addr, address.ai_addrlen) == 0 { return nil }
        guard errno == EINPROGRESS else { return String(cString: strerror(errno)) }
        guard wait(fd, for: Int16(POLLOUT), timeout: timeout) else { return "timed out after \(timeout) s" }
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        _ = getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
        return code == 0 ? nil : String(cString: strerror(code))
    }

    /// True when `fd` is ready for `events` within `timeout` seconds (negative: forever).
    static func wait(_ fd: Int32, for events: Int16, timeout: Double) -> Bool {
        let deadline = timeout < 0 ? nil : MonotonicClock.seconds() + timeout
        while true {
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let millis = deadline.map { Int32(max(0, ($0 - MonotonicClock.seconds()) * 1000).rounded(.up)) } ?? -1
            let ready = poll(&entry, 1, millis)
            if ready > 0 { return true }
            if ready == 0 { return false }
            if errno != EINTR { return true }  // let the following read or write report it
        }
    }
}
