import Synchronization

/// Counters and gauges shared by every loop, for `/health` and `/metrics`.
/// Relaxed atomics: each is an independent tally, read only for reporting.
public final class ServerMetrics: Sendable {
    /// Open WebSocket sessions (chat and echo), also the `--max-connections` gauge.
    public let openConnections = Atomic<Int>(0)
    public let chatClients = Atomic<Int>(0)
    public let rooms = Atomic<Int>(0)
    public let messagesReceived = Atomic<Int>(0)
    public let deliveries = Atomic<Int>(0)
    public let bytesIn = Atomic<Int>(0)
    public let bytesOut = Atomic<Int>(0)
    public let idleCloses = Atomic<Int>(0)
    public let slowConsumerCloses = Atomic<Int>(0)
    public let rateLimited = Atomic<Int>(0)
    public let rateLimitCloses = Atomic<Int>(0)
    public let protocolErrors = Atomic<Int>(0)
    private let handshakeFailures = Mutex<[String: Int]>([:])
    private let authFailures = Mutex<[String: Int]>([:])
    /// The Redis backplane's health, when one is configured.
    public let backplane: BackplaneStatus?

    public init(backplane: BackplaneStatus? = nil) {
        self.backplane = backplane
    }

    /// Counts one refused upgrade under a short reason label.
    public func countHandshakeFailure(_ label: String) {
        handshakeFailures.withLock { $0[label, default: 0] += 1 }
    }

    public var handshakeFailuresByReason: [String: Int] {
        handshakeFailures.withLock { $0 }
    }

    /// Counts one refused token under its reason label.
    public func countAuthFailure(_ label: String) {
        authFailures.withLock { $0[label, default: 0] += 1 }
    }

    public var authFailuresByReason: [String: Int] {
        authFailures.withLock { $0 }
    }

    @inline(__always)
    static func add(_ counter: borrowing Atomic<Int>, _ amount: Int) {
        counter.wrappingAdd(amount, ordering: .relaxed)
    }
}
