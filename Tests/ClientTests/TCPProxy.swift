import CPseudoTerminal
import Foundation
import Glibc

/// A loopback TCP relay in front of a server, for cutting a client off
/// while the server (and its rooms) stay up: `cut()` drops every relayed
/// connection and refuses new ones until `restore()`.
final class TCPProxy: @unchecked Sendable {
    let port: Int
    private let listener: Int32
    private let upstreamPort: Int
    private let lock = NSLock()
    private var open: [Int32] = []
    private var refusing = false

    init(upstreamPort: Int) throws {
        self.upstreamPort = upstreamPort
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        listener = fd
        var address = Self.loopback(port: 0)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 16) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw POSIXError(.EADDRNOTAVAIL) }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread.detachNewThread { [self] in acceptLoop() }
    }

    /// Drops every relayed connection and refuses new ones.
    func cut() {
        lock.withLock {
            refusing = true
            for fd in open { shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }

    func restore() {
        lock.withLock { refusing = false }
    }

    func stop() {
        cut()
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        while true {
            let client = accept4(listener, nil, nil, O_CLOEXEC)
            guard client >= 0 else {
                close(listener)
                return
            }
            guard lock.withLock({ !refusing }), let upstream = connectUpstream() else {
                close(client)
                continue
            }
            lock.withLock { open += [client, upstream] }
            let pair = RelayPair()
            Thread.detachNewThread { [self] in relay(from: client, to: upstream, pair) }
            Thread.detachNewThread { [self] in relay(from: upstream, to: client, pair) }
        }
    }

    private func connectUpstream() -> Int32? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        var address = Self.loopback(port: upstreamPort)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
        if connected { return fd }
        close(fd)
        return nil
    }

    /// Copies until either side ends, then ends both; the second direction
    /// to finish closes the descriptors, so neither is closed while in use.
    private func relay(from source: Int32, to destination: Int32, _ pair: RelayPair) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = read(source, &buffer, buffer.count)
            guard count > 0, buffer.withUnsafeBytes({ send(destination, $0.baseAddress, count, Int32(MSG_NOSIGNAL)) }) == count
            else { break }
        }
        shutdown(source, Int32(SHUT_RDWR))
        shutdown(destination, Int32(SHUT_RDWR))
        let last = lock.withLock {
            pair.finished += 1
            guard pair.finished == 2 else { return false }
            open.removeAll { $0 == source || $0 == destination }
            return true
        }
        if last {
            close(source)
            close(destination)
        }
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        return address
    }
}

/// How many directions of one relayed connection have ended (guarded by the proxy's lock).
final class RelayPair: @unchecked Sendable {
    var finished = 0
}
