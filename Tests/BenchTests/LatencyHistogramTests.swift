import BenchKit
import Testing
import TestSupport

/// Percentiles of the log-linear histogram against exactly computed ones.
@Suite("Latency histogram")
struct LatencyHistogramTests {
    @Test func emptyHistogramReportsZeros() {
        let histogram = LatencyHistogram()
        #expect(histogram.count == 0)
        #expect(histogram.percentile(50) == 0)
        #expect(histogram.mean == 0)
    }

    @Test func smallValuesAreExact() {
        var histogram = LatencyHistogram()
        for value in 1...100 { histogram.record(Int64(value)) }
        #expect(histogram.percentile(50) == 50)
        #expect(histogram.percentile(90) == 90)
        #expect(histogram.percentile(99) == 99)
        #expect(histogram.percentile(100) == 100)
        #expect(histogram.min == 1)
        #expect(histogram.max == 100)
        #expect(histogram.mean == 50.5)
    }

    @Test func percentilesOfAUniformSpreadAreWithinOnePercent() {
        var histogram = LatencyHistogram()
        let values = (1...100_000).map { Int64($0) * 1_000 }
        for value in values { histogram.record(value) }
        for percent in [50.0, 90, 99, 99.9] {
            let exact = Double(values[Int((percent / 100 * Double(values.count)).rounded(.up)) - 1])
            let reported = histogram.percentile(percent)
            #expect(abs(reported - exact) / exact < 0.01, "p\(percent): \(reported) vs \(exact)")
        }
    }

    @Test func everyBucketMidpointIsWithinOnePercentOfItsValues() {
        var generator = SeededSplitMix(seed: 42)
        for _ in 0..<10_000 {
            let value = generator.next() >> UInt64(generator.next() % 60)
            let midpoint = LatencyHistogram.midpoint(of: LatencyHistogram.index(of: value))
            #expect(abs(midpoint - Double(value)) <= max(0.5, Double(value) * 0.01), "value \(value)")
        }
    }

    @Test func percentilesAreClampedToTheExactExtremes() {
        var histogram = LatencyHistogram()
        histogram.record(1_000_003)
        #expect(histogram.percentile(50) == 1_000_003)
        #expect(histogram.percentile(99.9) == 1_000_003)
    }

    @Test func skewedSamplesPutTheTailInTheHighPercentiles() {
        var histogram = LatencyHistogram()
        for _ in 0..<990 { histogram.record(1_000_000) }
        for _ in 0..<10 { histogram.record(50_000_000) }
        #expect(abs(histogram.percentile(50) - 1_000_000) < 10_000)
        #expect(abs(histogram.percentile(99) - 1_000_000) < 10_000)
        #expect(abs(histogram.percentile(99.9) - 50_000_000) < 500_000)
        #expect(histogram.max == 50_000_000)
    }

    @Test func negativeValuesCountAsZero() {
        var histogram = LatencyHistogram()
        histogram.record(-5)
        #expect(histogram.count == 1)
        #expect(histogram.min == 0)
        #expect(histogram.percentile(50) == 0)
    }
}
