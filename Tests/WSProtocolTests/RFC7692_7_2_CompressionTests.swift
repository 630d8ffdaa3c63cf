import TestSupport
import Testing
import WSProtocol

/// RFC 7692 section 7.2: compressing a message (7.2.1), decompressing it
/// (7.2.2), and the examples of section 7.2.3, each fed whole, byte by byte
/// and split at every point, to both roles.
@Suite("RFC 7692 §7.2: compression")
struct RFC7692_7_2_CompressionTests {
    static let roles: [Role] = [.server, .client]
    static let hello = Array("Hello".utf8)

    /// Frames of section 7.2.3 as printed (unmasked), each standing for one "Hello".
    static let examples: [(String, [UInt8])] = [
        ("7.2.3.1 one compressed DEFLATE block", FrameTestBytes.hex("c1 07 f2 48 cd c9 c9 07 00")),
        ("7.2.3.1 the same, fragmented", FrameTestBytes.hex("41 03 f2 48 cd 80 04 c9 c9 07 00")),
        ("7.2.3.3 a DEFLATE block with no compression", FrameTestBytes.hex("c1 0b 00 05 00 fa ff 48 65 6c 6c 6f 00")),
        ("7.2.3.4 a DEFLATE block with BFINAL set", FrameTestBytes.hex("c1 08 f3 48 cd c9 c9 07 00 00")),
        ("7.2.3.5 two DEFLATE blocks", FrameTestBytes.hex("c1 0d f2 48 05 00 00 00 ff ff ca c9 c9 07 00")),
    ]

    /// The frames of an unmasked example re-encoded towards `role` (masked towards a server).
    static func frames(_ wire: [UInt8], to role: Role) -> [UInt8] {
        var parsed = wire
        let outcome = parsed.withUnsafeMutableBytes { ParserOutcome.parse([$0], role: .client, extensionBits: .rsv1) }
        return outcome.frames.flatMap { frame in
            let first = (frame.header.fin ? 0x80 : 0) | frame.header.reserved.rawValue | frame.header.opcode.rawValue
            return PeerFrames.frame(firstByte: first, frame.payload, to: role)
        }
    }

    @Test("the examples of section 7.2.3 inflate to Hello", arguments: examples.map(\.1), roles)
    func sectionExamples(wire: [UInt8], role: Role) {
        let outcome = SessionHarness.decodeAllWays(
            Self.frames(wire, to: role), role: role, messageExtension: DeflateFixtures.compression(role: role))
        #expect(outcome.events == [.text(Self.hello)])
        #expect(outcome.sent.isEmpty)
        #expect(outcome.state == .open)
    }

    @Test("7.2.3.2: the second message refers back to the first, so without context takeover it fails with 1007")
    func sharedWindow() {
        let first = FrameTestBytes.hex("c1 07 f2 48 cd c9 c9 07 00")
        let second = FrameTestBytes.hex("c1 05 f2 00 11 00 00")
        let compression = DeflateFixtures.compression(role: .client)
        let outcome = SessionHarness.decodeAllWays(first + second, role: .client, messageExtension: compression)
        #expect(outcome.events == [.text(Self.hello), .failed(.invalidCompressedData)])
        #expect(outcome.sent.map(\.closeCode) == [1007])
        // Its first message alone is 7.2.3.1's payload: this end compresses it the same way.
        #expect(DeflateFixtures.compressed(Self.hello) == Array(first.dropFirst(2)))
    }

    @Test("7.2.3.6: an empty message compresses to a single 0x00 and back", arguments: roles)
    func emptyMessage(role: Role) {
        #expect(DeflateFixtures.compressed([]) == [0x00])
        let input = DeflateFixtures.frame(.text, compressed: [0x00], to: role)
        let outcome = SessionHarness.decodeAllWays(input, role: role, messageExtension: DeflateFixtures.compression(role: role))
        #expect(outcome.events == [.text([])])
    }

    @Test("send puts a compressed message in one frame with RSV1, as the shared-frame builder does")
    func sendsOneCompressedFrame() {
        let payload = DeflateFixtures.chatJSON(400)
        let expected = FrameEncoder.frame(opcode: .text, reserved: .rsv1, payload: DeflateFixtures.compressed(payload))
        var session = WebSocketSession(role: .server, maxMessageSize: 1 << 20, messageExtension: DeflateFixtures.compression(role: .server))
        #expect(payload.withUnsafeBytes { session.send(text: true, payload: $0) })
        #expect(session.output.withReadableBytes { Array($0) } == expected)
        let shared = payload.withUnsafeBytes { PerMessageDeflate.frame(text: true, payload: $0, deflater: Deflater()) }
        #expect(shared == expected)
        #expect(expected[0] == 0xC1 && expected.count < payload.count)
    }

    @Test("messages below the minimum size, or that would not shrink, go uncompressed")
    func uncompressedWhenNotWorthIt() throws {
        var session = WebSocketSession(
            role: .client, maxMessageSize: 1 << 20, messageExtension: DeflateFixtures.compression(role: .client, minimumSize: 256))
        let small = DeflateFixtures.chatJSON(255)
        let large = DeflateFixtures.chatJSON(256)
        var random = SeededSplitMix(seed: 7)
        let noise = (0..<1000).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        for payload in [small, large, noise] { payload.withUnsafeBytes { _ = session.send(text: false, payload: $0) } }
        let sent = WireFrame.decode(session.output.withReadableBytes { Array($0) }, sentBy: .client, extensionBits: .rsv1)
        #expect(sent.map(\.reserved) == [[], .rsv1, []])
        #expect(sent.allSatisfy { $0.masked })
        #expect(try sent.map(DeflateFixtures.inflated) == [small, large, noise])
        #expect(sent[1].payload.count < large.count)
    }

    @Test("what one role compresses the other inflates, every size and kind", arguments: roles)
    func roundTrip(sender: Role) throws {
        var random = SeededSplitMix(seed: 11)
        let payloads: [[UInt8]] = [0, 1, 125, 126, 300, 4096, 65535, 65536, 200_000].flatMap { count in
            [DeflateFixtures.chatJSON(count), (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) }]
        }
        var session = WebSocketSession(role: sender, maxMessageSize: 1 << 20, messageExtension: DeflateFixtures.compression(role: sender))
        for payload in payloads { payload.withUnsafeBytes { _ = session.send(text: false, payload: $0) } }
        var receiver = SessionHarness(role: PeerFrames.peer(of: sender), messageExtension: DeflateFixtures.compression(role: PeerFrames.peer(of: sender)))
        receiver.receive(session.output.withReadableBytes { Array($0) })
        #expect(receiver.events == payloads.map { .binary($0) })
    }

    @Test("a control frame between compressed fragments is answered at once", arguments: roles)
    func controlFrameBetweenFragments(role: Role) {
        let input = PeerFrames.frame(firstByte: 0x41, [0xF2, 0x48, 0xCD], to: role)
            + PeerFrames.frame(.ping, [1, 2], to: role)
            + PeerFrames.frame(.continuation, [0xC9, 0xC9, 0x07, 0x00], to: role)
        let outcome = SessionHarness.decodeAllWays(input, role: role, messageExtension: DeflateFixtures.compression(role: role))
        #expect(outcome.events == [.ping([1, 2]), .text(Self.hello)])
        #expect(outcome.sent.map(\.opcode) == [.pong])
    }

    @Test("a compressed message in many fragments, empty ones included", arguments: roles)
    func manyFragments(role: Role) {
        let payload = DeflateFixtures.chatJSON(3000)
        let compressed = DeflateFixtures.compressed(payload)
        let parts = [[], Array(compressed[..<1]), Array(compressed[1..<100]), [], Array(compressed[100...]), []]
        let input = DeflateFixtures.fragments(.text, compressed: parts, to: role)
        let outcome = SessionHarness.decodeAllWays(input, role: role, messageExtension: DeflateFixtures.compression(role: role))
        #expect(outcome.events == [.text(payload)])
    }

    @Test("data that is not DEFLATE, or ends inside a block, fails with 1007", arguments: [
        [0xFF, 0xFF, 0xFF], [0xF2, 0x48], [0x00, 0x05, 0x00, 0xFA, 0xFF], [],
    ] as [[UInt8]], roles)
    func invalidData(payload: [UInt8], role: Role) {
        let input = DeflateFixtures.frame(.binary, compressed: payload, to: role) + PeerFrames.trailer(to: role)
        SessionHarness.decodeAllWays(input, role: role, messageExtension: DeflateFixtures.compression(role: role))
            .expectOnlyFailure(.invalidCompressedData)
    }

    @Test("inflated text that is not UTF-8 fails with 1007", arguments: roles)
    func invalidUTF8(role: Role) {
        let compressed = DeflateFixtures.compressed(FrameTestBytes.autobahnSurrogate)
        let input = DeflateFixtures.frame(.text, compressed: compressed, to: role) + PeerFrames.trailer(to: role)
        SessionHarness.decodeAllWays(input, role: role, messageExtension: DeflateFixtures.compression(role: role))
            .expectOnlyFailure(.invalidUTF8)
        let binary = DeflateFixtures.frame(.binary, compressed: compressed, to: role)
        let outcome = SessionHarness.decodeAllWays(binary, role: role, messageExtension: DeflateFixtures.compression(role: role))
        #expect(outcome.events == [.binary(FrameTestBytes.autobahnSurrogate)])
    }

    @Test("a client's echo writer compresses and masks like send")
    func messageWriter() throws {
        let session = WebSocketSession(role: .client, maxMessageSize: 1 << 20, messageExtension: DeflateFixtures.compression(role: .client))
        var output = OutboundBuffer()
        let payload = DeflateFixtures.chatJSON(1000)
        payload.withUnsafeBytes { session.messageWriter.append(text: true, payload: $0, to: &output) }
        let sent = WireFrame.decode(output.withReadableBytes { Array($0) }, sentBy: .client, extensionBits: .rsv1)
        #expect(sent.map(\.reserved) == [.rsv1] && sent.allSatisfy { $0.masked })
        #expect(try sent.map(DeflateFixtures.inflated) == [payload])
    }
}
