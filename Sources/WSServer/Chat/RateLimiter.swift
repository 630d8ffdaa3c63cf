/// A per-client rate policy: a token bucket of `rate` tokens per second
/// holding up to `burst`, full at connect, from which each request takes its
/// cost; plus the eviction rule for clients that keep pushing once refused:
/// more than `2 × burst` refusals within a 10-second window (opened by the
/// first refusal after the previous window expired) and the client is
/// closed with 1008. At the default 20 requests/s that is 80 refusals in
/// 10 s, i.e. sustained sending at 28/s or more; a client that merely
/// bursts a little over the limit only sees `rate_limited`. The abuse count
/// is capped so that byte buckets (burst in the thousands) evict as readily.
///
/// The bucket is kept as the "theoretical arrival time" of the generic cell
/// rate algorithm (GCRA), which is the same bucket in one integer: a request
/// of cost c pushes it c emission intervals (1/rate) into the future, and is
/// allowed while that leaves it at most `burst` intervals ahead of now.
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
    static let maxAbuseThreshold: UInt32 = 200

    /// Nil: rate limiting disabled.
    private let intervalNanos: UInt64?
    private let burst: UInt64
    private let abuseThreshold: UInt32

    /// `burst` is raised to at least 1 token.
    init(rate: Double, burst: Double) {
        guard rate > 0, rate.isFinite else {
            intervalNanos = nil
            self.burst = 0
            abuseThreshold = 0
            return
        }
        let tokens = max(1, burst.isFinite ? burst : 1)
        intervalNanos = max(1, ChatConfig.nanoseconds(1 / rate))
        self.burst = UInt64(min(tokens, 1e9))
        abuseThreshold = UInt32(min(2 * tokens, Double(RateLimiter.maxAbuseThreshold)))
    }

    /// Whether this limiter limits anything.
    var isEnabled: Bool { intervalNanos != nil }

    /// Takes `cost` tokens (at most a full bucket) from `bucket` at monotonic
    /// time `now` (nanoseconds).
    func admit(_ bucket: inout Bucket, now: UInt64, cost: UInt64 = 1) -> Verdict {
        guard let intervalNanos else { return .allowed }
        let tokens = min(max(cost, 1), burst)
        let arrival = max(bucket.theoreticalArrival, now)
        let (pushed, overflow) = arrival.addingReportingOverflow(RateLimiter.product(tokens, intervalNanos))
        if !overflow, pushed - now <= RateLimiter.product(burst, intervalNanos) {
            bucket.theoreticalArrival = pushed
            return .allowed
        }
        if bucket.refusals == 0 || now - min(now, bucket.refusalWindowStart) >= RateLimiter.abuseWindowNanos {
            bucket.refusalWindowStart = now
            bucket.refusals = 0
        }
        bucket.refusals = min(bucket.refusals, UInt32.max - 1) + 1
        return bucket.refusals > abuseThreshold ? .abusive : .refused
    }

    /// `a × b`, or the largest value when that overflows.
    private static func product(_ a: UInt64, _ b: UInt64) -> UInt64 {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? .max : value
    }
}
