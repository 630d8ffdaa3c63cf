import Glibc

/// The server's wall clock, for `ts` fields and token expiry; deadlines use
/// SystemKit's `MonotonicClock`, which wall-clock changes cannot move.
enum Clock {
    static func epochMillis() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1000 + Int64(spec.tv_nsec) / 1_000_000
    }
}
