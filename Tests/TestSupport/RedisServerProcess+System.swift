import Glibc
import SystemKit

/// The system calls behind `RedisServerProcess`: a free port, a PING over
/// a plain socket, the tail of the log.
extension RedisServerProcess {
    /// True once a `PING` on `port` gets any reply (`-NOAUTH` counts: the server is up).
    static func waitUntilAnswering(port: Int, child: ChildProcess, timeout: Double) -> Bool {
        let deadline = MonotonicClock.seconds() + timeout
        while MonotonicClock.seconds() < deadline {
            if child.hasExited() { return false }
            if ping(port: port) { return true }
            var pause = timespec(tv_sec: 0, tv_nsec: 20_000_000)
            nanosleep(&pause, nil)
        }
        return false
    }

    private static func ping(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = loopback(port: port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0, send(fd, "PING\r\n", 6, Int32(MSG_NOSIGNAL)) == 6 else { return false }
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        guard poll(&entry, 1, 1000) == 1 else { return false }
        var first: UInt8 = 0
        return recv(fd, &first, 1, 0) == 1 && (first == UInt8(ascii: "+") || first == UInt8(ascii: "-"))
    }

    /// A port the kernel just handed out on 127.0.0.1, released for the server to take.
    public static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        defer { close(fd) }
        var address = loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard fd >= 0, bound else { throw Failure(description: "no free port: \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        return address
    }

    static func logTail(_ path: String) -> String {
        let lines = Files.read(path).split(separator: "\n")
        return lines.isEmpty ? "no log" : lines.suffix(5).joined(separator: "\n")
    }
}
