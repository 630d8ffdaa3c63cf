import CEpoll
import Glibc

/// The listening socket: non-blocking, `SO_REUSEADDR`, a real backlog.
///
/// It keeps one descriptor in reserve: when `accept` fails with EMFILE the
/// pending connection would keep the listener readable forever (a busy
/// loop), so the spare is closed, the connection accepted and closed at
/// once, and the spare taken back.
final class Listener {
    /// What one `accept` produced.
    enum Accepted {
        case socket(Int32, PeerAddress)
        /// No connection is waiting.
        case none
        /// Out of descriptors: one waiting connection was shed.
        case exhausted
        case failed(Int32)
    }

    private(set) var fd: Int32
    /// The bound port (the kernel's choice when asked for port 0).
    let port: Int
    private var spare: Int32

    init(host: String, port: Int, backlog: Int32) throws(ServerError) {
        var address = try SocketAddress(host: host, port: port)
        fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw .system("socket", errno) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        guard address.bind(fd) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw .system("bind \(host):\(port)", code)
        }
        guard Glibc.listen(fd, backlog) == 0 else {
            let code = errno
            Glibc.close(fd)
            throw .system("listen", code)
        }
        self.port = SocketAddress.boundPort(of: fd)
        spare = open("/dev/null", O_RDONLY | O_CLOEXEC)
    }

    deinit { close() }

    func accept() -> Accepted {
        while true {
            var address = sockaddr_storage()
            var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
            let client = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    cepoll_accept4(fd, $0, &length, Int32(SOCK_NONBLOCK.rawValue) | Int32(SOCK_CLOEXEC.rawValue))
                }
            }
            if client >= 0 { return .socket(client, PeerAddress(address)) }
            switch errno {
            case EINTR, ECONNABORTED: continue
            case EAGAIN, EWOULDBLOCK: return .none
            case EMFILE, ENFILE: return shedOne()
            default: return .failed(errno)
            }
        }
    }

    private func shedOne() -> Accepted {
        if spare >= 0 { Glibc.close(spare) }
        let client = cepoll_accept4(fd, nil, nil, Int32(SOCK_CLOEXEC.rawValue))
        if client >= 0 { Glibc.close(client) }
        spare = open("/dev/null", O_RDONLY | O_CLOEXEC)
        return .exhausted
    }

    /// Idempotent: a second close must not hit a descriptor number that
    /// another thread has been given since.
    func close() {
        if spare >= 0 { Glibc.close(spare) }
        if fd >= 0 { Glibc.close(fd) }
        spare = -1
        fd = -1
    }
}
