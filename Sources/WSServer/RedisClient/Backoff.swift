/// Delays between reconnect attempts: exponential with full jitter. Attempt
/// n (from 0) waits a uniformly random time in [0, min(cap, base * 2^n)),
/// so clients that lost the same server spread out instead of returning
/// together. The owner calls `nextDelay` after each failed attempt and
/// `reset` once a connection works again.
struct Backoff: Sendable {
    /// Upper bound of the first delay, in seconds.
    let base: Double
    /// Largest upper bound, in seconds.
    let cap: Double
    /// Failed attempts since the last reset.
    private(set) var attempt = 0

    /// A non-positive base counts as one millisecond; a cap below the base as the base.
    init(base: Double = 0.1, cap: Double = 10) {
        self.base = base > 0 ? base : 0.001
        self.cap = max(cap, self.base)
    }

    /// The upper bound for the current attempt.
    var ceiling: Double {
        min(cap, base * Double(UInt64(1) << UInt64(min(attempt, 62))))
    }

    /// Seconds to wait before the next attempt: one 64-bit draw from
    /// `random`, scaled to [0, ceiling), so any generator works, even a
    /// constant one in tests (no rejection sampling).
    mutating func nextDelay(using random: inout some RandomNumberGenerator) -> Double {
        let unit = Double(random.next() >> 11) * 0x1p-53
        let delay = unit * ceiling
        attempt += 1
        return delay
    }

    mutating func nextDelay() -> Double {
        var random = SystemRandomNumberGenerator()
        return nextDelay(using: &random)
    }

    mutating func reset() {
        attempt = 0
    }
}
