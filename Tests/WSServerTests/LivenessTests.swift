import ChatWire
import Testing
import WSProtocol
@testable import WSServer

/// The liveness sweep: ping at half the idle timeout, close at the whole.
@Suite("ChatState liveness sweep")
struct LivenessTests {
    private let idleClose = Delivery.Action.closeIfIdle

    @Test func pingAtHalfCloseAtFull() {
        var state = makeState(idleTimeout: 60)
        _ = state.open(c1, at: at(0))
        #expect(decode(state.sweep(now: at(29.9))).isEmpty)
        let ping = decode(state.sweep(now: at(30)))
        #expect(ping.map(\.action) == [.ping])
        #expect(ping[0].recipients == [c1])
        #expect(state.sweep(now: at(45)).isEmpty)
        let close = state.sweep(now: at(60))
        #expect(close.map(\.action) == [idleClose])
        #expect(close[0].recipients == [c1])
        #expect(state.sweep(now: at(90)).isEmpty)
        #expect(state.connectionCount == 1)
        #expect(state.statistics.pingsSent == 1)
        #expect(state.statistics.idleClosesRequested == 1)
    }

    @Test func aLongSweepIntervalClosesWithoutPingingFirst() {
        var state = makeState(idleTimeout: 60)
        _ = state.open(c1, at: at(0))
        #expect(state.sweep(now: at(75)).map(\.action) == [idleClose])
    }

    @Test func requestsCountAsActivity() {
        var state = makeState(idleTimeout: 60)
        _ = state.open(c1, rooms: ["r"], at: at(0))
        _ = state.send(c1, "still here", at: at(50))
        #expect(state.sweep(now: at(60)).isEmpty)
        #expect(state.sweep(now: at(80)).map(\.action) == [.ping])
    }

    @Test func aPongAfterThePingResetsTheCycle() {
        var state = makeState(idleTimeout: 60)
        _ = state.open(c1, at: at(0))
        #expect(state.sweep(now: at(30)).map(\.action) == [.ping])
        state.touch(c1, now: at(31))
        #expect(state.sweep(now: at(60)).isEmpty)
        #expect(state.sweep(now: at(61)).map(\.action) == [.ping])
        #expect(state.sweep(now: at(91)).map(\.action) == [idleClose])
    }

    @Test func touchAfterAVetoedCloseStartsOver() {
        var state = makeState(idleTimeout: 60)
        _ = state.open(c1, at: at(0))
        #expect(state.sweep(now: at(60)).map(\.action) == [idleClose])
        state.touch(c1, now: at(60))
        #expect(state.sweep(now: at(90)).map(\.action) == [.ping])
        #expect(state.sweep(now: at(120)).map(\.action) == [idleClose])
    }

    @Test func clientsDueTogetherShareOneDelivery() {
        var state = makeState(idleTimeout: 60)
        _ = state.open(c1, at: at(0))
        _ = state.open(c2, at: at(0))
        _ = state.open(c3, at: at(20))
        _ = state.open(c4, at: at(40))
        let sent = state.sweep(now: at(60))
        #expect(sent.map(\.action) == [.ping, idleClose])
        #expect(sent[0].recipients == [c3])
        #expect(Set(sent[1].recipients) == [c1, c2])
    }

    @Test func disconnectedClientsAreNotSwept() {
        var state = makeState(idleTimeout: 60)
        _ = state.open(c1, at: at(0))
        _ = state.close(c1, at: at(1))
        #expect(state.sweep(now: at(100)).isEmpty)
        state.touch(c1, now: at(101))
        #expect(state.connectionCount == 0)
    }

    @Test func zeroIdleTimeoutDisablesLiveness() {
        var state = makeState(idleTimeout: 0)
        _ = state.open(c1, at: at(0))
        #expect(state.sweep(now: at(1_000_000)).isEmpty)
    }

    @Test(arguments: [1e300, .infinity, .nan, -1])
    func extremeIdleTimeoutsNeverTrap(_ timeout: Double) {
        var state = makeState(idleTimeout: timeout)
        _ = state.open(c1, at: at(0))
        #expect(state.sweep(now: at(3600)).isEmpty)
    }
}
