import Glibc
import Testing

/// A loopback listener that plays a misbehaving Redis: it accepts (or
/// not), reads what it is sent, and writes whatever bytes a test gives it.
/// Every call is bounded by a short poll.
final class FakeRedisServer {
    /// The listener could not be set up.
    struct SetupFailure: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int
    private let listener: Int32
    private var client: Int32 = -1

    init(backlog: Int32 = 16) throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = in_addr_t(0x7F00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, length) == 0 && getsockname(listener, $0, &length) == 0
            }
        }
        guard ready, listen(listener, backlog) == 0 else {
            close(listener)
            throw SetupFailure(description: "listen: \(String(cString: strerror(errno)))")
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        if client >= 0 { close(client) }
        close(listener)
    }

    /// Accepts the connection waiting in the backlog (at most 5 s).
    func accept() throws {
        var entry = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        try #require(poll(&entry, 1, 5000) == 1, "nothing connected")
        client = Glibc.accept(listener, nil, nil)
        try #require(client >= 0)
    }

    /// What the client sent, once at least `count` bytes arrived (at most 5 s).
    func read(atLeast count: Int) throws -> [UInt8] {
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.count < count {
            var entry = pollfd(fd: client, events: Int16(POLLIN), revents: 0)
            try #require(poll(&entry, 1, 5000) == 1, "only \(received.count) bytes arrived")
            let got = recv(client, &buffer, buffer.count, 0)
            try #require(got > 0, "the client closed")
            received += buffer[..<got]
        }
        return received
    }

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        _ = send(client, bytes, bytes.count, Int32(MSG_NOSIGNAL))
    }

    func closeClient() {
        close(client)
        client = -1
    }
}
