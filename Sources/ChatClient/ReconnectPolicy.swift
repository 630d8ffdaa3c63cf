/// Exponential backoff with full jitter: before attempt n (from 0) wait a
/// uniformly random time in `0...min(cap, base * 2^n)`. Spreading the waits
/// over the whole range keeps a crowd of clients cut off by one server
/// restart from coming back in lockstep.
public struct ReconnectPolicy {
    public let base: Double
    public let cap: Double
    /// Returns a value in `0...1`; injectable so tests can pin the jitter.
    private let unitRandom: () -> Double
    /// Attempts since the last successful connection.
    public private(set) var attempt = 0

    public init(base: Double = 0.5, cap: Double = 30, unitRandom: @escaping () -> Double = { Double.random(in: 0...1) }) {
        self.base = base
        self.cap = cap
        self.unitRandom = unitRandom
    }

    /// The upper bound of the wait before the next attempt.
    public var ceiling: Double {
        // 2^62 dwarfs any cap; stopping there keeps the shift from overflowing.
        min(cap, base * Double(UInt64(1) << UInt64(min(attempt, 62))))
    }

    /// The wait before the next attempt, counting that attempt.
    public mutating func nextDelay() -> Double {
        let delay = unitRandom() * ceiling
        attempt += 1
        return delay
    }

    /// A connection succeeded: the next failure starts from `base` again.
    public mutating func reset() {
        attempt = 0
    }
}
