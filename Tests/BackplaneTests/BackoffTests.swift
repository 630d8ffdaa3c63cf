import Testing
@testable import WSServer

/// Exponential backoff with full jitter, with the randomness injected.
@Suite("Backoff")
struct BackoffTests {
    /// Returns the same word every time: all ones draws the top of the range, zero the bottom.
    struct FixedRandom: RandomNumberGenerator {
        let word: UInt64
        mutating func next() -> UInt64 { word }
    }

    @Test func ceilingDoublesUpToTheCap() {
        var backoff = Backoff(base: 0.1, cap: 1)
        var random = FixedRandom(word: .max)
        let delays = (0..<7).map { _ in backoff.nextDelay(using: &random) }
        let expected = [0.1, 0.2, 0.4, 0.8, 1, 1, 1]
        #expect(zip(delays, expected).allSatisfy { abs($0 - $1) < 1e-9 }, "\(delays)")
        #expect(backoff.attempt == 7)
    }

    @Test func jitterReachesZero() {
        var backoff = Backoff(base: 0.5, cap: 8)
        var random = FixedRandom(word: 0)
        #expect((0..<5).map { _ in backoff.nextDelay(using: &random) } == [0, 0, 0, 0, 0])
    }

    @Test func delaysStayWithinTheirCeiling() {
        var backoff = Backoff(base: 0.05, cap: 3)
        var random = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let ceiling = backoff.ceiling
            let delay = backoff.nextDelay(using: &random)
            #expect(delay >= 0 && delay < ceiling && ceiling <= 3)
        }
    }

    @Test func resetStartsOver() {
        var backoff = Backoff(base: 0.1, cap: 10)
        for _ in 0..<5 { _ = backoff.nextDelay() }
        #expect(abs(backoff.ceiling - 3.2) < 1e-9)
        backoff.reset()
        #expect(backoff.attempt == 0 && backoff.ceiling == 0.1)
    }

    /// Huge attempt counts do not overflow; odd settings are clamped, not trapped on.
    @Test func extremes() {
        var backoff = Backoff(base: 1, cap: 30)
        var random = FixedRandom(word: .max)
        for _ in 0..<200 { _ = backoff.nextDelay(using: &random) }
        #expect(backoff.ceiling == 30)
        #expect(Backoff(base: 0, cap: -1).ceiling == 0.001)
        #expect(Backoff(base: 2, cap: 1).cap == 2)
    }
}
