import SystemKit
import Testing

@Suite("MonotonicClock")
struct MonotonicClockTests {
    @Test func readingsNeverGoBack() {
        var last = MonotonicClock.nanoseconds()
        for _ in 0..<1000 {
            let now = MonotonicClock.nanoseconds()
            #expect(now >= last)
            last = now
        }
    }

    @Test func secondsAreTheSameClock() {
        let before = MonotonicClock.nanoseconds()
        let seconds = MonotonicClock.seconds()
        let after = MonotonicClock.nanoseconds()
        #expect(seconds >= Double(before) / 1e9 && seconds <= Double(after) / 1e9)
    }

    @Test func durationsBecomeNanosecondsAndNeverNegative() {
        #expect(MonotonicClock.nanoseconds(1.5) == 1_500_000_000)
        #expect(MonotonicClock.nanoseconds(0) == 0)
        #expect(MonotonicClock.nanoseconds(-3) == 0)
    }
}
