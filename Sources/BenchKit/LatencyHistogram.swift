/// A log-linear histogram of nanosecond values in the manner of HdrHistogram
/// (and of wsload): below 128 every value has its own bucket; above, each
/// power of two is split into 128 equal buckets, so a bucket's midpoint is
/// within 0.4% of any value in it and a reported percentile within 0.8%.
public struct LatencyHistogram: Sendable {
    /// log2 of the buckets per power of two.
    static let subBucketBits = 7
    static let subBuckets = 1 << subBucketBits
    static let bucketCount = (64 - subBucketBits + 1) << subBucketBits

    private var counts = [UInt64](repeating: 0, count: bucketCount)
    public private(set) var count: UInt64 = 0
    public private(set) var min: Int64 = 0
    public private(set) var max: Int64 = 0
    private var sum = 0.0

    public init() {}

    public var mean: Double { count == 0 ? 0 : sum / Double(count) }

    /// Adds one value; a negative one (a clock oddity) counts as zero.
    public mutating func record(_ value: Int64) {
        let value = Swift.max(0, value)
        counts[Self.index(of: UInt64(value))] &+= 1
        if count == 0 || value < min { min = value }
        if value > max { max = value }
        count += 1
        sum += Double(value)
    }

    /// The value at percentile `percent` (0...100): the midpoint of the
    /// bucket holding the ceil(percent% of n)-th smallest value, clamped to
    /// the exact minimum and maximum. Zero when empty.
    public func percentile(_ percent: Double) -> Double {
        guard count > 0 else { return 0 }
        let target = Swift.max(1, UInt64((percent / 100 * Double(count)).rounded(.up)))
        var seen: UInt64 = 0
        for (bucket, inBucket) in counts.enumerated() where inBucket > 0 {
            seen += inBucket
            if seen >= target { return Swift.min(Swift.max(Self.midpoint(of: bucket), Double(min)), Double(max)) }
        }
        return Double(max)
    }

    public static func index(of value: UInt64) -> Int {
        guard value >= UInt64(subBuckets) else { return Int(value) }
        let shift = (63 - value.leadingZeroBitCount) - subBucketBits
        return (shift + 1) << subBucketBits | Int((value >> UInt64(shift)) & UInt64(subBuckets - 1))
    }

    public static func midpoint(of bucket: Int) -> Double {
        guard bucket >= subBuckets else { return Double(bucket) }
        let shift = (bucket >> subBucketBits) - 1
        let low = UInt64(subBuckets | (bucket & (subBuckets - 1))) << UInt64(shift)
        return Double(low) + (Double(UInt64(1) << UInt64(shift)) - 1) / 2
    }
}
