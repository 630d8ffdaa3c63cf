import Synchronization

/// The limits every loop shares on connections that are not yet, or not
/// only, one loop's business: how many may be in their handshake at once
/// (a client that opens sockets and never finishes a request head holds a
/// descriptor and a timer each), how many one peer address may hold, and
/// how much chat work may wait for the registry.
final class ConnectionGate: Sendable {
    let addresses: AddressLimiter
    let maxHandshakes: Int
    private let handshaking = Atomic<Int>(0)
    /// Bytes of registry calls queued on any loop and not yet run: over
    /// `RegistryBacklog.limit`, loops stop reading chat clients until it drains.
    let registryBacklog = RegistryBacklog()

    init(maxHandshakes: Int, maxPerAddress: Int) {
        self.maxHandshakes = maxHandshakes
        addresses = AddressLimiter(limit: maxPerAddress)
    }

    /// Connections accepted that have not finished their handshake.
    var handshakesInProgress: Int { handshaking.load(ordering: .relaxed) }

    var isFullOfHandshakes: Bool { handshakesInProgress >= maxHandshakes }

    /// A new connection from `peer`: false when its address has its share.
    func admit(_ peer: PeerAddress) -> Bool {
        guard addresses.acquire(peer.key) else { return false }
        handshaking.wrappingAdd(1, ordering: .relaxed)
        return true
    }

    /// The connection left its handshake (upgraded, answered or dropped).
    func handshakeEnded() {
        handshaking.wrappingSubtract(1, ordering: .relaxed)
    }

    /// The connection is gone.
    func release(_ peer: PeerAddress) {
        addresses.release(peer.key)
    }
}
