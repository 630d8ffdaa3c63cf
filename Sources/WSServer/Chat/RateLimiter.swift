/// The per-client request rate policy: a token bucket of `rate` tokens per
/// second holding up to `burst` (twice the rate, at least 1), one token per
/// request, full at connect; plus the eviction rule for clients that keep
/// pushing once refused: more than `2 × burst` refusals within a
/// 10-second window (opened by the first refusal after the previous window
/// expired) and the client is closed with 1008. At the default 20/s that is
/// 80 refusals in 10 s, i.e. sustained sending at 28/s or more; a client
/// that merely bursts a little over the limit only sees `rate_limited`.
///
/// The bucket is kept as the "theoretical arrival time" of the generic cell
/// rate algorithm (GCRA), which is the same bucket in one integer: each
/// request pushes it one emission interval (1/rate) into the future, and a
/// request is allowed while that time is at most `burst - 1` intervals ahead.
struct RateLimiter: Sendable {
    /// One client's bucket and refusal window; small, as there is one per connection.
    struct Bucket: Sendable {
        fileprivate var theoreticalArrival: UInt64 = 0
        fileprivate var refusalWindowStart: UInt64 = 0
        fileprivate var refusals: UInt32 = 0
    }

    /// What to do with a request.
    enum Verdict: Equatable {
        case allowed
        /// Refuse it with `rate_limited`.
        case refused
        /// Refuse it and close the client: sustained abuse.
        case abusive
    }

    static let abuseWindowNanos: UInt64 = 10_000_000_000

    /// Nil: rate limiting disabled.
    private let intervalNanos: UInt64?
    private let toleranceNanos: UInt64
    private let abuseThreshold: UInt32

    init(rate: Double) {
        guard rate > 0, rate.isFinite else {
            intervalNanos = nil
            toleranceNanos = 0
            abuseThreshold = 0
            return
        }
        let burst = max(1, 2 * rate)
        let interval = max(1, ChatConfig.nanoseconds(1 / rate))
        intervalNanos = interval
        toleranceNanos = ChatConfig.nanoseconds((burst - 1) * Double(interval) / 1e9)
        abuseThreshold = UInt32(min(2 * burst, Double(UInt32.max - 1)))
    }

    /// Takes a token from `bucket` at monotonic time `now` (nanoseconds).
    func admit(_ bucket: inout Bucket, now: UInt64) -> Verdict {
        guard let intervalNanos else { return .allowed }
        let arrival = max(bucket.theoreticalArrival, now)
        if arrival - now <= toleranceNanos {
            bucket.theoreticalArrival = arrival + intervalNanos
            return .allowed
        }
        if bucket.refusals == 0 || now - min(now, bucket.refusalWindowStart) >= RateLimiter.abuseWindowNanos {
            bucket.refusalWindowStart = now
            bucket.refusals = 0
        }
        bucket.refusals = min(bucket.refusals, UInt32.max - 1) + 1
        return bucket.refusals > abuseThreshold ? .abusive : .refused
    }
}
