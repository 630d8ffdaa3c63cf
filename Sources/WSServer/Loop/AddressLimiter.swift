import Synchronization

/// Open connections per peer address (see `PeerAddress.Key`), shared by
/// every loop: loop 0 acquires a place when it accepts, the owning loop
/// releases it when the connection ends. One NAT can hide many users, so
/// the default limit is generous; the point is that one host cannot take
/// every descriptor.
final class AddressLimiter: Sendable {
    private let limit: Int
    private let counts = Mutex<[PeerAddress.Key: Int]>([:])

    init(limit: Int) {
        self.limit = limit
    }

    /// Takes a place for `key`; false when it already has `limit`.
    func acquire(_ key: PeerAddress.Key) -> Bool {
        counts.withLock { counts in
            let current = counts[key, default: 0]
            guard current < limit else { return false }
            counts[key] = current + 1
            return true
        }
    }

    func release(_ key: PeerAddress.Key) {
        counts.withLock { counts in
            guard let current = counts[key] else { return }
            counts[key] = current > 1 ? current - 1 : nil
        }
    }

    /// Connections counted for `key`.
    func count(_ key: PeerAddress.Key) -> Int {
        counts.withLock { $0[key, default: 0] }
    }
}
