import Testing
import WSProtocol

/// Section 5.2: the header layout, reserved bits and opcodes, and the 7-,
/// 16- and 64-bit payload length forms, in both directions.
@Suite("RFC 6455 §5.2: base framing")
struct Section5_2BaseFramingTests {
    static let roles: [Role] = [.server, .client]
    static let boundaryLengths = [0, 1, 125, 126, 127, 65535, 65536]

    // MARK: Rejections

    @Test("RSV1-3 set without an extension fails with 1002", arguments: [UInt8(0x40), 0x20, 0x10, 0x70], roles)
    func reservedBits(_ bits: UInt8, role: Role) {
        let dataFrame = PeerFrames.frame(firstByte: 0x81 | bits, Array("Hello".utf8), to: role)
        SessionHarness.decodeAllWays(dataFrame + PeerFrames.trailer(to: role), role: role)
            .expectOnlyFailure(.reservedBitsSet)
        let controlFrame = PeerFrames.frame(firstByte: 0x89 | bits, [], to: role)
        SessionHarness.decodeAllWays(controlFrame, role: role).expectOnlyFailure(.reservedBitsSet)
    }

    @Test("reserved opcodes fail with 1002", arguments: [UInt8](0x3...0x7) + [UInt8](0xB...0xF), roles)
    func reservedOpcode(_ opcode: UInt8, role: Role) {
        let frame = PeerFrames.frame(firstByte: 0x80 | opcode, [1, 2, 3], to: role)
        SessionHarness.decodeAllWays(frame + PeerFrames.trailer(to: role), role: role)
            .expectOnlyFailure(.reservedOpcode(opcode))
    }

    @Test("a 64-bit length with its most significant bit set fails with 1002", arguments: roles)
    func lengthWithMSBSet(role: Role) {
        let header = PeerFrames.header(firstByte: 0x82, length: 0x8000_0000_0000_0000, to: role)
        SessionHarness.decodeAllWays(header + PeerFrames.trailer(to: role), role: role)
            .expectOnlyFailure(.invalidLength)
        let allOnes = PeerFrames.header(firstByte: 0x82, length: .max, to: role)
        #expect(ParserOutcome.parseAllWays(allOnes, role: role).error == .invalidLength)
    }

    @Test("the largest legal 64-bit length is accepted by the parser", arguments: roles)
    func largestLength(role: Role) {
        let header = PeerFrames.header(firstByte: 0x82, length: UInt64(Int64.max), to: role)
        let outcome = ParserOutcome.parseAllWays(header, role: role)
        #expect(outcome.error == nil)
        #expect(outcome.frames.map(\.header.payloadLength) == [UInt64(Int64.max)])
        #expect(!outcome.endedAtBoundary)
    }

    @Test("header rules fail on the first two bytes, before the rest arrives", arguments: [
        (UInt8(0xC1), ProtocolError.reservedBitsSet),
        (0x83, .reservedOpcode(3)),
        (0x0F, .reservedOpcode(0xF)),
        (0x09, .fragmentedControlFrame),
    ])
    func failsOnTwoBytes(first: UInt8, error: ProtocolError) {
        var bytes: [UInt8] = [first, 0x85]
        let outcome = bytes.withUnsafeMutableBytes { ParserOutcome.parse([$0], role: .server) }
        #expect(outcome.error == error)
        #expect(outcome.frames.isEmpty)
    }

    // MARK: Payload length forms

    @Test("FrameEncoder uses the minimal length form", arguments: boundaryLengths)
    func encoderLengthForm(count: Int) {
        let expectedHeader: [UInt8] = switch count {
        case ..<126: [0x82, UInt8(count)]
        case ...0xFFFF: [0x82, 126, UInt8(count >> 8), UInt8(count & 0xFF)]
        default: [0x82, 127, 0, 0, 0, 0, UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF), UInt8(count & 0xFF)]
        }
        let payload = FrameTestBytes.pattern(count)
        #expect(FrameEncoder.frame(opcode: .binary, payload: payload) == expectedHeader + payload)
        #expect(FrameEncoder.headerLength(payloadCount: count, masked: false) == expectedHeader.count)
        #expect(FrameEncoder.headerLength(payloadCount: count, masked: true) == expectedHeader.count + 4)
        let masked = FrameEncoder.frame(opcode: .binary, payload: payload, mask: PeerFrames.rfcKey)
        #expect(Array(masked.prefix(expectedHeader.count)) == [0x82, expectedHeader[1] | 0x80] + expectedHeader.dropFirst(2))
        #expect(masked.count == expectedHeader.count + 4 + count)
    }

    @Test("FrameParser decodes each length form", arguments: boundaryLengths, roles)
    func parserLengthForm(count: Int, role: Role) {
        let payload = FrameTestBytes.pattern(count)
        let outcome = ParserOutcome.parseAllWays(PeerFrames.frame(.binary, payload, to: role), role: role)
        let header = FrameHeader(fin: true, opcode: .binary, payloadLength: UInt64(count), mask: PeerFrames.mask(towards: role))
        #expect(outcome.error == nil)
        #expect(outcome.contractHeld)
        #expect(outcome.frames == [ParsedFrame(header: header, payload: payload)])
    }

    @Test("a session round-trips each length form", arguments: boundaryLengths, roles)
    func sessionLengthForm(count: Int, role: Role) {
        let payload = FrameTestBytes.pattern(count)
        let outcome = SessionHarness.decodeAllWays(PeerFrames.frame(.binary, payload, to: role), role: role)
        #expect(outcome.events == [.binary(payload)])
        var session = WebSocketSession(role: role, maxMessageSize: 1 << 20)
        payload.withUnsafeBytes { _ = session.send(text: false, payload: $0) }
        let sent = WireFrame.decode(session.output.withReadableBytes { Array($0) }, sentBy: role)
        #expect(sent == [WireFrame(opcode: .binary, payload: payload, masked: role == .client)])
    }

    // MARK: Parser output

    @Test("an empty payload gives one empty last chunk")
    func emptyPayload() {
        let outcome = ParserOutcome.parseAllWays(FrameTestBytes.hex("81 00 82 00"), role: .client)
        #expect(outcome.contractHeld)
        #expect(outcome.frames.map(\.header.opcode) == [.text, .binary])
        #expect(outcome.frames.allSatisfy { $0.payload.isEmpty })
    }

    @Test("several frames in one input come out in order")
    func framesInOrder() {
        let input = PeerFrames.text("one", fin: false, to: .server) + PeerFrames.frame(.ping, [9], to: .server)
            + PeerFrames.frame(.continuation, Array("two".utf8), to: .server)
        let outcome = ParserOutcome.parseAllWays(input, role: .server)
        #expect(outcome.frames.map(\.header.opcode) == [.text, .ping, .continuation])
        #expect(outcome.frames.map(\.header.fin) == [false, true, true])
        #expect(outcome.frames.map(\.payload) == [Array("one".utf8), [9], Array("two".utf8)])
        #expect(outcome.endedAtBoundary)
    }

    @Test("isAtFrameBoundary is false inside a header and a payload")
    func frameBoundary() {
        let frame = FrameTestBytes.hex("82 7E 01 00") + FrameTestBytes.pattern(256)
        for end in 0...frame.count {
            var prefix = Array(frame[..<end])
            let outcome = prefix.withUnsafeMutableBytes { ParserOutcome.parse([$0], role: .client) }
            #expect(outcome.endedAtBoundary == (end == 0 || end == frame.count), "after \(end) bytes")
        }
    }

    @Test(
        "FrameEncoder.append into a growing array keeps geometric growth")
    func appendKeepsGeometricGrowth() {
        var out: [UInt8] = []
        var capacityChanges = 0
        for _ in 0..<1000 {
            let before = out.capacity
            FrameTestBytes.pattern(100).withUnsafeBytes { FrameEncoder.append(opcode: .binary, payload: $0, to: &out) }
            if out.capacity != before { capacityChanges += 1 }
        }
        #expect(out.count == 1000 * 102)
        #expect(capacityChanges <= 64, "capacity changed \(capacityChanges) times for 1000 frames")
    }

    @Test("masking while encoding leaves the caller's payload alone")
    func encoderKeepsPayload() {
        let payload = FrameTestBytes.pattern(300)
        var out: [UInt8] = [0xAA]
        payload.withUnsafeBytes { FrameEncoder.append(opcode: .binary, payload: $0, mask: PeerFrames.rfcKey, to: &out) }
        #expect(payload == FrameTestBytes.pattern(300))
        #expect(out.first == 0xAA)
        #expect(out.count == 1 + 8 + 300)
    }
}
