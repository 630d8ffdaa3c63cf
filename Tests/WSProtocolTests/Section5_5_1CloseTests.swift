import Testing
import WSProtocol

/// Section 5.5.1 and the closing handshake of section 7: what a close frame
/// may carry, the reply, and what may still flow once a close was sent.
@Suite("RFC 6455 §5.5.1: close")
struct Section5_5_1CloseTests {
    static let roles: [Role] = [.server, .client]
    static let invalidCodes: [UInt16] = [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535]
    static let validCodes: [UInt16] = [1000, 1001, 1002, 1003] + Array(1007...1014) + [3000, 3999, 4000, 4999]

    // MARK: The peer's close frame

    @Test("a close payload of one byte fails with 1002", arguments: roles)
    func oneBytePayload(role: Role) {
        let frame = PeerFrames.frame(.close, [0x03], to: role)
        SessionHarness.decodeAllWays(frame + PeerFrames.trailer(to: role), role: role)
            .expectOnlyFailure(.truncatedClosePayload)
    }

    @Test("a code not allowed on the wire fails with 1002", arguments: invalidCodes, roles)
    func invalidCode(code: UInt16, role: Role) {
        let frame = PeerFrames.close(code: code, reason: Array("why".utf8), to: role)
        SessionHarness.decodeAllWays(frame + PeerFrames.trailer(to: role), role: role)
            .expectOnlyFailure(.invalidCloseCode(code))
    }

    @Test("a valid code is reported and echoed", arguments: validCodes, roles)
    func validCodeEchoed(code: UInt16, role: Role) {
        let frame = PeerFrames.close(code: code, reason: Array("bye ✓".utf8), to: role)
        let outcome = SessionHarness.decodeAllWays(frame + PeerFrames.trailer(to: role), role: role)
        #expect(outcome.events == [.closed(CloseCode(code), reason: "bye ✓")])
        #expect(outcome.sent == [WireFrame(opcode: .close, payload: [UInt8(code >> 8), UInt8(code & 0xFF)], masked: role == .client)])
        #expect(outcome.state == .closed)
    }

    @Test("a reason that is not UTF-8 fails with 1007", arguments: ["ff", "ce", "ed a0 80", "c0 af", "62 79 e2 82"], roles)
    func invalidReason(reasonHex: String, role: Role) {
        let frame = PeerFrames.close(code: 1000, reason: FrameTestBytes.hex(reasonHex), to: role)
        SessionHarness.decodeAllWays(frame + PeerFrames.trailer(to: role), role: role)
            .expectOnlyFailure(.invalidUTF8)
    }

    @Test("an empty close is answered by an empty close; 1005 stays off the wire", arguments: roles)
    func emptyClose(role: Role) {
        let outcome = SessionHarness.decodeAllWays(PeerFrames.close(code: nil, to: role), role: role)
        #expect(outcome.events == [.closed(.noStatusReceived, reason: "")])
        #expect(outcome.sent == [WireFrame(opcode: .close, payload: [], masked: role == .client)])
        #expect(outcome.state == .closed)
    }

    // MARK: Our close

    @Test("close() then the peer's close: closing, then closed, no second reply", arguments: roles)
    func closeHandshake(role: Role) {
        var harness = SessionHarness(role: role)
        harness.session.close(code: .goingAway, reason: "restart")
        #expect(harness.session.state == .closing)
        #expect(harness.session.closeExpected)
        harness.receive(PeerFrames.close(code: 1001, to: role))
        #expect(harness.session.state == .closed)
        #expect(!harness.session.closeExpected)
        #expect(harness.events == [.closed(.goingAway, reason: "")])
        #expect(harness.sent() == [WireFrame(opcode: .close, payload: [0x03, 0xE9] + Array("restart".utf8), masked: role == .client)])
    }

    @Test("after our close no data frame, ping or second close is queued", arguments: roles)
    func nothingAfterOurClose(role: Role) {
        var session = WebSocketSession(role: role, maxMessageSize: 1024)
        session.close(code: .normalClosure)
        let before = session.output.count
        let payload: [UInt8] = [1, 2, 3]
        let sent = payload.withUnsafeBytes { session.send(text: false, payload: $0) }
        let pinged = payload.withUnsafeBytes { session.ping($0) }
        let shared = session.sendEncoded(FrameEncoder.frame(opcode: .text, payload: Array("late".utf8)))
        #expect(!sent && !pinged && !shared)
        session.close(code: .goingAway)
        session.fail(.invalidUTF8)
        #expect(session.output.count == before)
    }

    @Test("data that arrives after our close is not delivered", arguments: roles)
    func noEventsAfterOurClose(role: Role) {
        let input = PeerFrames.text("late", to: role) + PeerFrames.frame(.binary, [1], to: role)
            + PeerFrames.text("frag", fin: false, to: role) + PeerFrames.frame(.continuation, [0x21], to: role)
            + PeerFrames.close(code: 1000, to: role)
        let outcome = SessionHarness.decodeAllWays(input, role: role) { $0.session.close(code: .normalClosure) }
        #expect(outcome.events == [.closed(.normalClosure, reason: "")])
        #expect(outcome.sent.map(\.closeCode) == [1000])
        #expect(outcome.state == .closed)
    }

    @Test("input after the closing handshake is ignored", arguments: roles)
    func inputAfterHandshake(role: Role) {
        let input = PeerFrames.close(code: 1000, to: role) + PeerFrames.trailer(to: role)
        let outcome = SessionHarness.decodeAllWays(input, role: role)
        #expect(outcome.events == [.closed(.normalClosure, reason: "")])
        #expect(outcome.sent.count == 1)
    }

    // MARK: Failing the connection

    @Test("a failure queues exactly one close frame and stops reading", arguments: roles)
    func failureStopsReading(role: Role) {
        let bad = PeerFrames.frame(firstByte: 0xC1, [0x41], to: role)
        let input = PeerFrames.text("first", to: role) + bad + PeerFrames.trailer(to: role) + bad
        let outcome = SessionHarness.decodeAllWays(input, role: role)
        #expect(outcome.events == [.text(Array("first".utf8)), .failed(.reservedBitsSet)])
        #expect(outcome.sent.map(\.closeCode) == [1002])
        #expect(outcome.state == .closed)
    }

    @Test("a failure after our close queues no second close", arguments: roles)
    func failureAfterOurClose(role: Role) {
        let input = PeerFrames.frame(firstByte: 0x83, [], to: role) + PeerFrames.trailer(to: role)
        let outcome = SessionHarness.decodeAllWays(input, role: role) { $0.session.close(code: .normalClosure) }
        #expect(outcome.events == [.failed(.reservedOpcode(3))])
        #expect(outcome.sent.map(\.closeCode) == [1000])
        #expect(outcome.state == .closed)
    }

    @Test("fail(_:) queues the error's code once")
    func failByApplication() {
        var harness = SessionHarness(role: .server)
        harness.session.fail(.messageTooBig(limit: 10))
        harness.session.fail(.invalidUTF8)
        harness.receive(PeerFrames.text("ignored", to: .server))
        #expect(harness.events.isEmpty)
        #expect(harness.sent().map(\.closeCode) == [1009])
        #expect(harness.session.state == .closed)
    }

    // MARK: FrameEncoder.closePayload

    @Test("closePayload without a sendable code is empty", arguments: [nil, CloseCode.noStatusReceived, .abnormalClosure])
    func closePayloadEmpty(code: CloseCode?) {
        #expect(FrameEncoder.closePayload(code: code, reason: "ignored").isEmpty)
    }

    @Test("closePayload puts the code first, in network byte order")
    func closePayloadLayout() {
        #expect(FrameEncoder.closePayload(code: CloseCode(4001), reason: "bye") == [0x0F, 0xA1, 0x62, 0x79, 0x65])
        #expect(FrameEncoder.closePayload(code: .normalClosure, reason: "") == [0x03, 0xE8])
    }

    @Test("closePayload cuts the reason to 123 bytes of whole UTF-8 sequences", arguments: [
        (String(repeating: "a", count: 123), 123),
        (String(repeating: "a", count: 124), 123),
        (String(repeating: "é", count: 100), 122),
        (String(repeating: "€", count: 50), 123),
        (String(repeating: "😀", count: 40), 120),
        ("a" + String(repeating: "😀", count: 40), 121),
    ])
    func closePayloadTruncates(reason: String, reasonBytes: Int) {
        let payload = FrameEncoder.closePayload(code: .goingAway, reason: reason)
        #expect(payload.count == 2 + reasonBytes)
        let kept = Array(payload.dropFirst(2))
        #expect(String(validating: kept, as: UTF8.self) != nil)
        #expect(Array(reason.utf8).starts(with: kept))
    }

    @Test(
        "closePayload cuts the reason on a Character boundary",
        arguments: [
            String(repeating: "a", count: 122) + "e\u{301}",
            String(repeating: "a", count: 119) + "🇫🇷",
            String(repeating: "a", count: 116) + "👩‍💻",
        ])
    func closePayloadKeepsCharacters(reason: String) {
        let kept = String(decoding: FrameEncoder.closePayload(code: .goingAway, reason: reason).dropFirst(2), as: UTF8.self)
        #expect(reason.hasPrefix(kept))
    }

    /// Section 5.5.1: "An endpoint MAY delay sending a Close frame until its
    /// current message is sent" (chat uses it to send the replies owed).
    @Test("with defersCloseReply, data may go before the close reply", arguments: [UInt16(1000), 4000])
    func deferredCloseReply(code: UInt16) {
        var harness = SessionHarness(role: .server)
        harness.session.defersCloseReply = true
        harness.receive(PeerFrames.close(code: code, to: .server) + PeerFrames.text("ignored", to: .server))
        #expect(harness.events == [.closed(CloseCode(code), reason: "")])
        #expect(harness.session.state == .closeReceived)
        #expect(harness.outputBytes.isEmpty)
        #expect(Array("reply".utf8).withUnsafeBytes { harness.session.send(text: true, payload: $0) })
        harness.session.completeClose()
        #expect(harness.session.state == .closed)
        #expect(harness.sent().map(\.opcode) == [.text, .close])
        #expect(harness.sent().last?.closeCode == code)
        #expect(Array("late".utf8).withUnsafeBytes { !harness.session.send(text: true, payload: $0) })
    }
}
