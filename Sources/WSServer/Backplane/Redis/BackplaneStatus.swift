import Synchronization

/// The Redis backplane's health as `/health` and `/metrics` show it, read
/// from any loop: whether both connections work, why not, how often it had
/// to reconnect, and how long publishes take.
public final class BackplaneStatus: Sendable {
    private struct State {
        var problem: String? = "connecting to Redis"
        var reconnects = 0
        var publishes = 0
        var publishFailures = 0
        var publishNanos: UInt64 = 0
        var roomCount = 0
    }

    private let state = Mutex(State())

    public init() {}

    /// Nil while Redis is reachable; otherwise what is wrong, in words.
    public var problem: String? { state.withLock { $0.problem } }
    public var reconnects: Int { state.withLock { $0.reconnects } }
    /// Rooms with members on every node, as last counted.
    public var roomCount: Int { state.withLock { $0.roomCount } }
    public var publishes: (count: Int, failures: Int, seconds: Double) {
        state.withLock { ($0.publishes, $0.publishFailures, Double($0.publishNanos) / 1e9) }
    }

    /// The problem and a lost connection's reconnect change together, so
    /// a reader never sees the count moved while the problem still says
    /// the connection is fine.
    func report(problem: String?, countingReconnect: Bool = false) {
        state.withLock { state in
            state.problem = problem
            if countingReconnect { state.reconnects += 1 }
        }
    }

    func countPublish(nanos: UInt64?) {
        state.withLock { state in
            guard let nanos else { return state.publishFailures += 1 }
            state.publishes += 1
            state.publishNanos += nanos
        }
    }

    func update(roomCount: Int) {
        state.withLock { $0.roomCount = roomCount }
    }
}
