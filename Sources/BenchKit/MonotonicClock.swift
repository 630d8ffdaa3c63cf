import Glibc

/// CLOCK_MONOTONIC in nanoseconds: the clock of every deadline and of the
/// send times in the latency markers, read by the same process that compares them.
enum MonotonicClock {
    static func now() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// Seconds as nanoseconds, for deadlines.
    static func nanos(_ seconds: Double) -> Int64 {
        Int64(max(0, seconds) * 1e9)
    }
}
