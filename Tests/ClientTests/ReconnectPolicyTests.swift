import ChatClient
import Testing

/// Exponential backoff with full jitter, 0.5 s base and 30 s cap.
@Suite("ReconnectPolicy")
struct ReconnectPolicyTests {
    @Test func ceilingDoublesUpToTheCap() {
        var policy = ReconnectPolicy(unitRandom: { 1 })
        let delays = (0..<9).map { _ in policy.nextDelay() }
        #expect(delays == [0.5, 1, 2, 4, 8, 16, 30, 30, 30])
    }

    @Test func fullJitterSpansZeroToTheCeiling() {
        var low = ReconnectPolicy(unitRandom: { 0 })
        #expect(low.nextDelay() == 0)
        var half = ReconnectPolicy(unitRandom: { 0.5 })
        _ = half.nextDelay()
        #expect(half.nextDelay() == 0.5)
    }

    @Test func defaultRandomStaysInRange() {
        var policy = ReconnectPolicy()
        for attempt in 0..<20 {
            let ceiling = policy.ceiling
            let delay = policy.nextDelay()
            #expect(delay >= 0 && delay <= ceiling, "attempt \(attempt)")
        }
    }

    @Test func resetStartsOver() {
        var policy = ReconnectPolicy(unitRandom: { 1 })
        _ = policy.nextDelay()
        _ = policy.nextDelay()
        policy.reset()
        #expect(policy.nextDelay() == 0.5)
    }

    @Test func manyAttemptsDoNotOverflow() {
        var policy = ReconnectPolicy(unitRandom: { 1 })
        for _ in 0..<200 { _ = policy.nextDelay() }
        #expect(policy.nextDelay() == 30)
    }
}
