import ChatWire
import Testing
import WSProtocol
@testable import WSServer

/// The per-client token bucket and the eviction of sustained abusers.
@Suite("ChatState rate limit")
struct RateLimitTests {
    /// 5 requests per second, bursts of 10.
    private func limitedState() -> ChatNode {
        var state = makeState(rateLimit: 5)
        _ = state.open(c1, rooms: ["r"])
        return state
    }

    @Test func aFullBurstPassesThenRequestsAreRefused() {
        var state = limitedState()
        for index in 1...10 {
            #expect(state.send(c1, "m\(index)", at: at(0)).map(\.type) == ["message"])
        }
        let refused = state.send(c1, #"{"type":"message","text":"m11","ref":"r11"}"#, at: at(0))
        #expect(refused.count == 1)
        #expect(refused[0].recipients == [c1])
        #expect(refused[0].event?["code"] == .string("rate_limited"))
        #expect(refused[0].event?["ref"] == .string("r11"))
        #expect(state.send(c1, #"{"type":"rooms"}"#, at: at(0))[0].event?["code"] == .string("rate_limited"))
        #expect(state.statistics.rateLimitedRefusals == 2)
    }

    @Test func refusedRequestsAreNotExecuted() {
        var state = limitedState()
        for _ in 1...10 { _ = state.send(c1, "x", at: at(0)) }
        _ = state.send(c1, #"{"type":"leave","room":"r"}"#, at: at(0))
        #expect(state.currentRoom(of: c1) == room("r"))
        let next = state.send(c1, "later", at: at(1))
        #expect(next[0].event?["seq"] == .number("11"))
    }

    @Test func tokensRefillWithTime() {
        var state = limitedState()
        for _ in 1...10 { _ = state.send(c1, "x", at: at(0)) }
        #expect(state.send(c1, "y", at: at(0.1))[0].type == "error")
        #expect(state.send(c1, "y", at: at(0.2))[0].type == "message")
        #expect(state.send(c1, "y", at: at(0.2))[0].type == "error")
        for _ in 1...5 { #expect(state.send(c1, "z", at: at(1.2))[0].type == "message") }
        #expect(state.send(c1, "z", at: at(1.2))[0].type == "error")
    }

    @Test func theBucketHoldsNoMoreThanTheBurst() {
        var state = limitedState()
        let passed = (0..<30).filter { _ in state.send(c1, "x", at: at(3600))[0].type == "message" }
        #expect(passed.count == 10)
    }

    @Test func invalidFramesAreRateLimitedToo() {
        var state = limitedState()
        for _ in 1...10 { #expect(state.send(c1, "{bad", at: at(0))[0].event?["code"] == .string("bad_json")) }
        #expect(state.send(c1, "{bad", at: at(0))[0].event?["code"] == .string("rate_limited"))
    }

    @Test func sustainedAbuseIsClosedWithPolicyViolation() {
        var state = limitedState()
        for _ in 1...10 { _ = state.send(c1, "x", at: at(0)) }
        for _ in 1...20 { #expect(state.send(c1, "x", at: at(0))[0].event?["code"] == .string("rate_limited")) }
        let close = state.send(c1, "x", at: at(0))
        #expect(close.map(\.action) == [.close(.rateLimitExceeded)])
        #expect(close[0].recipients == [c1])
        #expect(state.send(c1, "x", at: at(0)).isEmpty)
        #expect(state.send(c1, "x", at: at(60)).isEmpty)
        #expect(state.sweep(now: at(600)).isEmpty)
        #expect(state.statistics.rateLimitCloses == 1)
        #expect(state.connectionCount == 1)
        _ = state.close(c1)
        #expect(state.connectionCount == 0)
    }

    @Test func refusalsSpreadOverTimeAreNotAbuse() {
        var state = limitedState()
        var time = 0.0
        for _ in 1...200 {
            _ = state.send(c1, "x", at: at(time))
            _ = state.send(c1, "x", at: at(time))
            time += 0.3
        }
        #expect(state.statistics.rateLimitCloses == 0)
        #expect(state.statistics.rateLimitedRefusals > 20)
    }

    @Test func theAbuseWindowRestartsAfterTenSeconds() {
        var state = limitedState()
        for _ in 1...10 { _ = state.send(c1, "x", at: at(0)) }
        for _ in 1...20 { _ = state.send(c1, "x", at: at(0)) }
        for _ in 1...10 { _ = state.send(c1, "x", at: at(10)) }
        let afterWindow = (0..<20).map { _ in state.send(c1, "x", at: at(10))[0].event?["code"] }
        #expect(afterWindow.allSatisfy { $0 == .string("rate_limited") })
        #expect(state.statistics.rateLimitCloses == 0)
    }

    @Test func rateZeroDisablesTheLimit() {
        var state = makeState(rateLimit: 0)
        _ = state.open(c1, rooms: ["r"])
        for _ in 1...1000 { _ = state.send(c1, "x", at: at(0)) }
        #expect(state.statistics.rateLimitedRefusals == 0)
        #expect(state.send(c1, "x", at: at(0))[0].event?["seq"] == .number("1001"))
    }

    @Test func aFractionalRateStillAllowsOneRequest() {
        var state = makeState(rateLimit: 0.1)
        _ = state.open(c1, rooms: ["r"])
        #expect(state.send(c1, "x", at: at(0))[0].type == "message")
        #expect(state.send(c1, "x", at: at(1))[0].type == "error")
        #expect(state.send(c1, "x", at: at(10))[0].type == "message")
    }

    @Test func connectAndTouchDoNotSpendTokens() {
        var state = makeState(rateLimit: 5)
        _ = state.open(c1, rooms: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"])
        for _ in 1...20 { state.touch(c1, now: at(0)) }
        let passed = (0..<10).filter { _ in state.send(c1, "x", at: at(0))[0].type == "message" }
        #expect(passed.count == 10)
    }

    @Test(arguments: [1e300, .infinity, .nan, -5])
    func extremeRatesNeitherTrapNorLimit(_ rate: Double) {
        var state = makeState(rateLimit: rate)
        _ = state.open(c1, rooms: ["r"])
        let passed = (0..<100).filter { _ in state.send(c1, "x", at: at(0))[0].type == "message" }
        #expect(passed.count == 100)
    }

    /// Issue: one client sending 64 KiB of U+0001 at the request rate sent
    /// 7.4 MB/s to every member. The byte budget counts text as it fans out.
    @Test func theByteBudgetCountsEscapedTextAndRefusesPastIt() {
        var state = makeState(rateLimit: 100) { config in
            config.byteRate = 10_000
            config.maxMessageSize = 5000
        }
        _ = state.open(c1, rooms: ["r"])
        let controls = String(repeating: "\u{1}", count: 5000)
        #expect(state.send(c1, controls, at: at(0))[0].type == "message")
        #expect(state.send(c1, controls, at: at(0))[0].event?["code"] == .string("rate_limited"))
        #expect(state.send(c1, controls, at: at(3))[0].type == "message")
    }

    @Test func theByteBucketAlwaysAdmitsOneLargestMessage() {
        var state = makeState(rateLimit: 1) { config in
            config.byteRate = 100
            config.maxMessageSize = 65536
        }
        _ = state.open(c1, rooms: ["r"])
        let largest = String(repeating: "\u{1}", count: 65536)
        #expect(state.send(c1, largest, at: at(0))[0].type == "message")
    }

    /// A rename tells every room it is in: it costs a token per 100 members told.
    @Test func presenceProducingRequestsCostThePresenceTheyCause() {
        var state = makeState(rateLimit: 5)
        for serial in 2...301 { _ = state.open(client(UInt64(serial)), rooms: ["big"]) }
        _ = state.open(c1, rooms: ["big"])
        #expect(state.send(c1, #"{"type":"nick","name":"a"}"#, at: at(0))[0].type == "nick")
        #expect(state.send(c1, #"{"type":"nick","name":"b"}"#, at: at(0))[0].type == "nick")
        #expect(state.send(c1, #"{"type":"nick","name":"c"}"#, at: at(0))[0].event?["code"] == .string("rate_limited"))
    }
}
