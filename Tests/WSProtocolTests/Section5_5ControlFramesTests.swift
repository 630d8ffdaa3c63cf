import Testing
import WSProtocol

/// Section 5.5: control frames are never fragmented, carry at most 125
/// bytes, and may arrive between the fragments of a message.
@Suite("RFC 6455 §5.5: control frames")
struct Section5_5ControlFramesTests {
    static let roles: [Role] = [.server, .client]
    static let controlOpcodes: [UInt8] = [0x8, 0x9, 0xA]

    @Test("a control frame with FIN clear fails with 1002", arguments: controlOpcodes, roles)
    func fragmentedControl(opcode: UInt8, role: Role) {
        let frame = PeerFrames.frame(firstByte: opcode, [0x03, 0xE8], to: role)
        SessionHarness.decodeAllWays(frame + PeerFrames.trailer(to: role), role: role)
            .expectOnlyFailure(.fragmentedControlFrame)
    }

    @Test("a control payload of 126 bytes fails with 1002", arguments: controlOpcodes, roles)
    func controlPayload126(opcode: UInt8, role: Role) {
        let frame = PeerFrames.frame(firstByte: 0x80 | opcode, [UInt8](repeating: 0x61, count: 126), to: role)
        #expect(frame[1] & 0x7F == 126)
        SessionHarness.decodeAllWays(frame + PeerFrames.trailer(to: role), role: role)
            .expectOnlyFailure(.controlFrameTooLong)
    }

    @Test("a control frame with a 64-bit length fails from its first two bytes", arguments: controlOpcodes, roles)
    func controlPayload64Bit(opcode: UInt8, role: Role) {
        let header = PeerFrames.header(firstByte: 0x80 | opcode, length: 65536, to: role)
        var firstTwo = Array(header.prefix(2))
        let parsed = firstTwo.withUnsafeMutableBytes { ParserOutcome.parse([$0], role: role) }
        #expect(parsed.error == .controlFrameTooLong)
        SessionHarness.decodeAllWays(header, role: role).expectOnlyFailure(.controlFrameTooLong)
    }

    @Test("a control payload of exactly 125 bytes is accepted", arguments: roles)
    func controlPayload125(role: Role) {
        let payload = FrameTestBytes.pattern(125)
        let outcome = SessionHarness.decodeAllWays(PeerFrames.frame(.ping, payload, to: role), role: role)
        #expect(outcome.events == [.ping(payload)])
        #expect(outcome.sent == [WireFrame(opcode: .pong, payload: payload, masked: role == .client)])
        let reason = [UInt8](repeating: 0x72, count: 123)
        let close = SessionHarness.decodeAllWays(PeerFrames.close(code: 1000, reason: reason, to: role), role: role)
        #expect(close.events == [.closed(.normalClosure, reason: String(decoding: reason, as: UTF8.self))])
    }

    @Test("a ping between text fragments is answered at once; the message still arrives", arguments: roles)
    func pingBetweenFragments(role: Role) {
        let first = PeerFrames.text("Hel", fin: false, to: role) + PeerFrames.frame(.ping, Array("ping".utf8), to: role)
        let last = PeerFrames.frame(.continuation, Array("lo".utf8), to: role)
        let pong = WireFrame(opcode: .pong, payload: Array("ping".utf8), masked: role == .client)
        var harness = SessionHarness(role: role)
        harness.receive(first)
        #expect(harness.events == [.ping(Array("ping".utf8))])
        #expect(harness.sent() == [pong])
        harness.receive(last)
        #expect(harness.events == [.ping(Array("ping".utf8)), .text(Array("Hello".utf8))])
        let outcome = SessionHarness.decodeAllWays(first + last, role: role)
        #expect(outcome.events == harness.events)
        #expect(outcome.sent == [pong])
    }

    @Test("control frames between fragments that split a UTF-8 character", arguments: roles)
    func controlFramesInsideCharacter(role: Role) {
        let kosme = Array("κόσμε".utf8)
        let input = PeerFrames.frame(.text, Array(kosme[..<3]), fin: false, to: role)
            + PeerFrames.frame(.pong, [], to: role) + PeerFrames.frame(.ping, [], to: role)
            + PeerFrames.frame(.continuation, Array(kosme[3...]), to: role)
        let outcome = SessionHarness.decodeAllWays(input, role: role)
        #expect(outcome.events == [.pong([]), .ping([]), .text(kosme)])
        #expect(outcome.sent == [WireFrame(opcode: .pong, payload: [], masked: role == .client)])
    }

    @Test("a close between fragments ends the connection without the partial message", arguments: roles)
    func closeBetweenFragments(role: Role) {
        let input = PeerFrames.text("Hel", fin: false, to: role) + PeerFrames.close(code: 1001, to: role)
            + PeerFrames.frame(.continuation, Array("lo".utf8), to: role)
        let outcome = SessionHarness.decodeAllWays(input, role: role)
        #expect(outcome.events == [.closed(.goingAway, reason: "")])
        #expect(outcome.sent.map(\.closeCode) == [1001])
        #expect(outcome.state == .closed)
    }
}
