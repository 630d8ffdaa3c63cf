import Testing
import WSProtocol

/// Sections 5.5.2 and 5.5.3: a ping is answered by a pong with the same
/// application data; an unsolicited pong needs no answer.
@Suite("RFC 6455 §5.5.2-3: ping and pong")
struct Section5_5_2PingPongTests {
    static let roles: [Role] = [.server, .client]

    @Test("a ping is answered by a pong with the same payload", arguments: [0, 1, 5, 124, 125], roles)
    func pingAnswered(count: Int, role: Role) {
        let payload = FrameTestBytes.pattern(count)
        let outcome = SessionHarness.decodeAllWays(PeerFrames.frame(.ping, payload, to: role), role: role)
        #expect(outcome.events == [.ping(payload)])
        #expect(outcome.sent == [WireFrame(opcode: .pong, payload: payload, masked: role == .client)])
        #expect(outcome.state == .open)
    }

    @Test("several pings get their pongs in order", arguments: roles)
    func pongsInOrder(role: Role) {
        let input = (1...3).flatMap { PeerFrames.frame(.ping, [UInt8($0)], to: role) }
        let outcome = SessionHarness.decodeAllWays(input, role: role)
        #expect(outcome.sent.map(\.payload) == [[1], [2], [3]])
        #expect(outcome.sent.allSatisfy { $0.opcode == .pong })
    }

    @Test("an unsolicited pong is reported and not answered", arguments: roles)
    func unsolicitedPong(role: Role) {
        let outcome = SessionHarness.decodeAllWays(PeerFrames.frame(.pong, [7, 7], to: role), role: role)
        #expect(outcome.events == [.pong([7, 7])])
        #expect(outcome.sent.isEmpty)
    }

    /// Section 5.5.2: a pong is owed "unless it already received a Close
    /// frame"; our own close does not lift that (a pong is not a data frame).
    @Test("a ping after our close, before the peer's, still gets its pong", arguments: roles)
    func pongAfterOurClose(role: Role) {
        let input = PeerFrames.frame(.ping, [1], to: role) + PeerFrames.close(code: 1000, to: role)
        let outcome = SessionHarness.decodeAllWays(input, role: role) { $0.session.close(code: .normalClosure) }
        #expect(outcome.events == [.ping([1]), .closed(.normalClosure, reason: "")])
        #expect(outcome.sent.map(\.opcode) == [.close, .pong])
    }

    @Test("a ping after the peer's close is not read", arguments: roles)
    func noPongAfterPeerClose(role: Role) {
        let input = PeerFrames.close(code: nil, to: role) + PeerFrames.frame(.ping, [1], to: role)
        let outcome = SessionHarness.decodeAllWays(input, role: role)
        #expect(outcome.events == [.closed(.noStatusReceived, reason: "")])
        #expect(outcome.sent.map(\.opcode) == [.close])
    }

    @Test("a pong is queued after the bytes already waiting")
    func pongAfterQueuedBytes() {
        var harness = SessionHarness(role: .server)
        Array("queued".utf8).withUnsafeBytes { _ = harness.session.send(text: true, payload: $0) }
        harness.session.output.consume(3)
        harness.receive(PeerFrames.frame(.ping, [5], to: .server))
        let expected = Array(FrameEncoder.frame(opcode: .text, payload: Array("queued".utf8)).dropFirst(3))
            + FrameEncoder.frame(opcode: .pong, payload: [5])
        #expect(harness.outputBytes == expected)
    }

    @Test("ping() queues a ping frame, masked by a client", arguments: roles)
    func sendPing(role: Role) {
        var harness = SessionHarness(role: role)
        let accepted = [UInt8](repeating: 9, count: 125).withUnsafeBytes { harness.session.ping($0) }
        #expect(accepted)
        #expect(harness.sent() == [WireFrame(opcode: .ping, payload: [UInt8](repeating: 9, count: 125), masked: role == .client)])
    }

    @Test(
        "ping() refuses a payload over 125 bytes",
        arguments: roles)
    func pingTooLong(role: Role) {
        var harness = SessionHarness(role: role)
        let accepted = [UInt8](repeating: 9, count: 126).withUnsafeBytes { harness.session.ping($0) }
        #expect(!accepted)
        #expect(harness.outputBytes.count == 0)
        var peer = SessionHarness(role: PeerFrames.peer(of: role))
        peer.receive(harness.outputBytes)
        #expect(peer.events.first != .failed(.controlFrameTooLong))
    }

    /// Section 5.5.3: "If an endpoint receives a Ping frame and has not yet
    /// sent Pong frame(s) in response to previous Ping frame(s), the endpoint
    /// MAY elect to send a Pong frame for only the most recently processed
    /// Ping frame." Above the threshold the session holds one pong, the
    /// latest, until its caller's output drained.
    @Test("under pressure only the latest pong is kept, and released once", arguments: roles)
    func pongsCoalesceAboveTheThreshold(role: Role) {
        let input = (1...5).flatMap { PeerFrames.frame(.ping, [UInt8($0)], to: role) }
        let outcome = SessionHarness.decodeAllWays(input, role: role) { harness in
            harness.session.pongHoldThreshold = 0
            harness.session.ping(UnsafeRawBufferPointer(start: nil, count: 0))
        }
        #expect(outcome.events.count == 5)
        #expect(outcome.sent.map(\.opcode) == [.ping])
        var harness = SessionHarness(role: role)
        harness.session.pongHoldThreshold = 0
        harness.session.ping(UnsafeRawBufferPointer(start: nil, count: 0))
        harness.receive(input)
        harness.session.output.consume(harness.session.output.count)
        let released = harness.session.releaseHeldPong()
        #expect(released)
        #expect(harness.sent().map(\.payload) == [[5]])
        let again = harness.session.releaseHeldPong()
        #expect(!again)
    }

    @Test("a held pong is dropped once the peer closed", arguments: roles)
    func heldPongAfterPeerClose(role: Role) {
        var harness = SessionHarness(role: role)
        harness.session.pongHoldThreshold = 0
        harness.session.ping(UnsafeRawBufferPointer(start: nil, count: 0))
        harness.receive(PeerFrames.frame(.ping, [9], to: role) + PeerFrames.close(code: 1000, to: role))
        let released = harness.session.releaseHeldPong()
        #expect(!released)
    }
}
