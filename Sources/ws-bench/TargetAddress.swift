import CEpoll
import Glibc

/// The server's socket address, resolved once before any connection is
/// made (IPv4 or IPv6, the resolver's first answer), so that thousands of
/// connects do not each ask the resolver.
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
        var storage = sockaddr_storage()
        let length = first.pointee.ai_addrlen
        withUnsafeMutableBytes(of: &storage) { $0.copyMemory(from: UnsafeRawBufferPointer(start: first.pointee.ai_addr, count: Int(length))) }
        return TargetAddress(family: first.pointee.ai_family, storage: storage, length: length)
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
