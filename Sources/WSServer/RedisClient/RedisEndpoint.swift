import CEpoll
import Glibc

/// A resolved address to connect to, kept so that reconnecting never
/// resolves again on an event loop. `resolve` calls getaddrinfo, which for
/// a host name may block on DNS: call it at startup or off the loop threads
/// (numeric addresses never block).
struct RedisEndpoint: Sendable, CustomStringConvertible {
    let family: Int32
    let address: sockaddr_storage
    let length: socklen_t
    /// `host:port` as given, for logs.
    let description: String

    /// The first TCP address getaddrinfo gives for `host` and `port`.
    static func resolve(host: String, port: Int) throws(RedisError) -> RedisEndpoint {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list?.pointee else {
            throw .unknownHost(host)
        }
        defer { freeaddrinfo(list) }
        var address = sockaddr_storage()
        let length = min(first.ai_addrlen, socklen_t(MemoryLayout<sockaddr_storage>.size))
        withUnsafeMutableBytes(of: &address) { $0.copyMemory(from: UnsafeRawBufferPointer(start: first.ai_addr, count: Int(length))) }
        let shown = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        return RedisEndpoint(family: first.ai_family, address: address, length: length, description: shown)
    }

    /// `connect(2)` on `fd` with this address.
    func connect(_ fd: Int32) -> Int32 {
        withUnsafeBytes(of: address) { raw in
            Glibc.connect(fd, raw.baseAddress!.assumingMemoryBound(to: sockaddr.self), length)
        }
    }
}
