import Glibc

/// Where a connection comes from, as far as limits care: the key that
/// per-address limits count by (an IPv4 address, or the /64 network of an
/// IPv6 address, since one IPv6 host usually holds a whole /64), and whether
/// it is the loopback interface (the echo endpoint's default audience).
struct PeerAddress: Sendable, Equatable {
    /// The counted unit: 32 bits for IPv4 (`high` 0, tagged), 64 for IPv6.
    struct Key: Hashable, Sendable {
        var high: UInt64
        var low: UInt64
    }

    let key: Key
    let isLoopback: Bool

    init(key: Key, isLoopback: Bool) {
        self.key = key
        self.isLoopback = isLoopback
    }

    /// Reads an address filled in by `accept4`; unknown families count as
    /// one shared, non-loopback key.
    init(_ storage: sockaddr_storage) {
        var storage = storage
        let family = Int32(storage.ss_family)
        switch family {
        case AF_INET:
            let address = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in.self) }
            let value = UInt32(bigEndian: address.sin_addr.s_addr)
            self.init(ipv4: value)
        case AF_INET6:
            let address = withUnsafeBytes(of: &storage) { $0.load(as: sockaddr_in6.self) }
            let bytes = withUnsafeBytes(of: address.sin6_addr) { Array($0) }
            self.init(ipv6: bytes)
        default:
            self.init(key: Key(high: .max, low: .max), isLoopback: false)
        }
    }

    init(ipv4 value: UInt32) {
        self.init(key: Key(high: 0, low: UInt64(value) | 1 << 32), isLoopback: value >> 24 == 127)
    }

    init(ipv6 bytes: [UInt8]) {
        let isMappedIPv4 = bytes[0..<10].allSatisfy { $0 == 0 } && bytes[10] == 0xFF && bytes[11] == 0xFF
        if isMappedIPv4 {
            self.init(ipv4: bytes[12..<16].reduce(0) { $0 << 8 | UInt32($1) })
            return
        }
        self.init(
            key: Key(high: bytes[0..<8].reduce(0) { $0 << 8 | UInt64($1) }, low: 0),
            isLoopback: bytes[0..<15].allSatisfy { $0 == 0 } && bytes[15] == 1)
    }
}
