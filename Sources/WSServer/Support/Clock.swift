import Glibc

/// The two clocks the server reads: monotonic for deadlines and activity,
/// wall time for `ts` fields and logs.
enum Clock {
    static func monotonicNanos() -> UInt64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
    }

    static func epochMillis() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }

    static func moment() -> Moment {
        Moment(uptimeNanos: monotonicNanos(), epochMillis: epochMillis())
    }

    /// Seconds as nanoseconds, for deadlines.
    static func nanos(_ seconds: Double) -> UInt64 {
        UInt64(max(0, seconds) * 1e9)
    }
}
