// `timespec` reaches this file through CEpoll's headers too; importing it
// lets `nanoseconds()` be inlined into the server's loop, as before.
import CEpoll
import Glibc

/// CLOCK_MONOTONIC, the clock of every deadline, timeout and latency in the
/// repository: wall-clock changes cannot move it. Its origin is arbitrary
/// (the boot), so only differences between two readings mean anything.
public enum MonotonicClock {
    /// Nanoseconds since the clock's origin.
    @inlinable
    public static func nanoseconds() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    /// The same reading in seconds, for deadlines kept as `Double`.
    public static func seconds() -> Double {
        Double(nanoseconds()) / 1e9
    }

    /// `seconds` (a negative duration counts as none) as nanoseconds, for deadlines.
    @inlinable
    public static func nanoseconds(_ seconds: Double) -> UInt64 {
        UInt64(max(0, seconds) * 1e9)
    }
}
