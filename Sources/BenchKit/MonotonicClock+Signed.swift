import SystemKit

/// The monotonic clock as ws-bench's timeline keeps it: signed nanoseconds,
/// so that a deadline minus now may go below zero without a trap.
extension MonotonicClock {
    static func now() -> Int64 {
        Int64(nanoseconds())
    }

    /// Seconds as nanoseconds, for deadlines.
    static func nanos(_ seconds: Double) -> Int64 {
        Int64(nanoseconds(seconds))
    }
}
