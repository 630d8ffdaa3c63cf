import CEpoll
import Glibc
import SystemKit

/// The server's socket address, resolved once before any connection is
/// made, so that thousands of connects do not each ask the resolver. IPv4
/// is preferred when a name has both kinds of address: `localhost` then
/// means 127.0.0.1, as in wsload, where servers commonly listen.
struct TargetAddress: @unchecked Sendable {
    let family: Int32
    private let storage: sockaddr_storage
    private let length: socklen_t

    static func resolve(host: String, port: Int) throws(UsageError) -> TargetAddress {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            throw UsageError(message: "cannot resolve '\(host)': \(String(cString: gai_strerror(status)))")
        }
        defer { freeaddrinfo(list) }
        let chosen = ipv4(in: first) ?? first
        var storage = sockaddr_storage()
        let length = chosen.pointee.ai_addrlen
        withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: UnsafeRawBufferPointer(start: chosen.pointee.ai_addr, count: Int(length))) }
        return TargetAddress(family: chosen.pointee.ai_family, storage: storage, length: length)
    }

    private static func ipv4(in list: UnsafeMutablePointer<addrinfo>) -> UnsafeMutablePointer<addrinfo>? {
        var entry: UnsafeMutablePointer<addrinfo>? = list
        while let current = entry {
            if current.pointee.ai_family == AF_INET { return current }
            entry = current.pointee.ai_next
        }
        return nil
    }

    /// Starts a non-blocking connect on `fd`: 0, or the errno (EINPROGRESS is the usual one).
    func connect(_ fd: Int32) -> Int32 {
        var address = storage
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, length) }
        }
        return result == 0 ? 0 : errno
    }
}
