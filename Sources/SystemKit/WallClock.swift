import Glibc

/// CLOCK_REALTIME, for what must name a moment in calendar time: message
/// `ts` fields, token `exp` and `nbf`, log lines. Deadlines use
/// `MonotonicClock`, which wall-clock changes cannot move.
public enum WallClock {
    /// Milliseconds since the Unix epoch.
    public static func milliseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
