/// The time as the registry sees it, injected by the caller so that sweeps,
/// rate limits and `ts` fields are unit-tested without sleeping.
public struct Moment: Sendable, Equatable, Comparable {
    /// Monotonic nanoseconds since an arbitrary origin; only differences matter.
    public var uptimeNanos: UInt64
    /// Wall-clock milliseconds since the Unix epoch, for `ts` fields.
    public var epochMillis: Int64

    public init(uptimeNanos: UInt64, epochMillis: Int64) {
        self.uptimeNanos = uptimeNanos
        self.epochMillis = epochMillis
    }

    /// This moment moved on by `seconds`, on both clocks.
    public func adding(seconds: Double) -> Moment {
        Moment(uptimeNanos: uptimeNanos + UInt64(seconds * 1e9), epochMillis: epochMillis + Int64(seconds * 1000))
    }

    /// Seconds from `earlier` to this moment (0 if `earlier` is later).
    public func seconds(since earlier: Moment) -> Double {
        uptimeNanos >= earlier.uptimeNanos ? Double(uptimeNanos - earlier.uptimeNanos) / 1e9 : 0
    }

    public static func < (lhs: Moment, rhs: Moment) -> Bool { lhs.uptimeNanos < rhs.uptimeNanos }
}
