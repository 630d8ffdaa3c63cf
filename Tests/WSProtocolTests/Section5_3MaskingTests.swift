import Testing
import WSProtocol

/// Section 5.3: the masking key, the in-place XOR checked against a plain
/// byte loop, and which direction must (not) be masked.
@Suite("RFC 6455 §5.3: masking")
struct Section5_3MaskingTests {
    static let keys = [PeerFrames.rfcKey, MaskKey(0x00, 0x00, 0x00, 0x00), MaskKey(0xff, 0x01, 0x80, 0x7f)]

    /// The algorithm as section 5.3 states it: "octet i of the transformed
    /// data is the XOR of octet i of the original data with octet at index
    /// i modulo 4 of the masking key", starting at key octet `phase`.
    static func referenceMask(_ bytes: [UInt8], key: MaskKey, phase: Int) -> [UInt8] {
        bytes.enumerated().map { index, byte in byte ^ key[(phase + index) % 4] }
    }

    /// Masks `bytes` in chunks ending at `boundaries`, chaining the returned phase.
    static func chainedMask(_ bytes: [UInt8], key: MaskKey, phase: Int, boundaries: [Int]) -> (bytes: [UInt8], phase: Int) {
        var copy = bytes
        var phase = phase
        let edges = [0] + boundaries + [bytes.count]
        copy.withUnsafeMutableBytes { buffer in
            for (start, end) in zip(edges, edges.dropFirst()) {
                phase = key.apply(to: UnsafeMutableRawBufferPointer(rebasing: buffer[start..<end]), phase: phase)
            }
        }
        return (copy, phase)
    }

    @Test("key bytes keep their wire order")
    func keyByteOrder() {
        let key = PeerFrames.rfcKey
        #expect((0..<4).map { key[$0] } == [0x37, 0xfa, 0x21, 0x3d])
        #expect(MaskKey(rawValue: key.rawValue) == key)
        #expect(MaskKey.random() != MaskKey.random() || MaskKey.random() != MaskKey.random())
    }

    @Test("apply matches the byte loop for every length 0...40 and start offset", arguments: 0...3)
    func applyMatchesReference(phase: Int) {
        for key in Self.keys {
            for length in 0...40 {
                for offset in 0...7 {
                    let data = FrameTestBytes.pattern(offset + length)
                    var masked = data
                    let next = masked.withUnsafeMutableBytes {
                        key.apply(to: UnsafeMutableRawBufferPointer(rebasing: $0[offset...]), phase: phase)
                    }
                    let expected = Array(data[..<offset]) + Self.referenceMask(Array(data[offset...]), key: key, phase: phase)
                    #expect(masked == expected, "key \(key.rawValue), length \(length), offset \(offset)")
                    #expect(next == (phase + length) % 4)
                }
            }
        }
    }

    @Test("apply chained across chunks matches one pass", arguments: 0...3)
    func applyChained(phase: Int) {
        let key = PeerFrames.rfcKey
        for length in 0...40 {
            let data = FrameTestBytes.pattern(length)
            let expected = Self.referenceMask(data, key: key, phase: phase)
            for first in 0...length {
                for second in first...min(length, first + 9) {
                    let result = Self.chainedMask(data, key: key, phase: phase, boundaries: [first, second])
                    #expect(result.bytes == expected, "length \(length), cut at \(first) and \(second)")
                    #expect(result.phase == (phase + length) % 4)
                }
            }
        }
    }

    @Test("masking twice restores the data")
    func maskIsInvolution() {
        let data = FrameTestBytes.pattern(1000)
        let once = Self.chainedMask(data, key: Self.keys[2], phase: 1, boundaries: [333]).bytes
        #expect(once != data)
        #expect(Self.chainedMask(once, key: Self.keys[2], phase: 1, boundaries: [777]).bytes == data)
    }

    @Test("an unmasked frame to the server fails with 1002", arguments: RFCFrameExample.all.filter { $0.mask == nil })
    func unmaskedToServer(_ example: RFCFrameExample) {
        SessionHarness.decodeAllWays(example.wire + PeerFrames.trailer(to: .server), role: .server)
            .expectOnlyFailure(.unmaskedClientFrame)
    }

    @Test("a masked frame to the client fails with 1002", arguments: RFCFrameExample.all.filter { $0.mask != nil })
    func maskedToClient(_ example: RFCFrameExample) {
        SessionHarness.decodeAllWays(example.wire + PeerFrames.trailer(to: .client), role: .client)
            .expectOnlyFailure(.maskedServerFrame)
    }

    @Test("a client masks every frame with a fresh key")
    func clientMasksWithFreshKeys() {
        var session = WebSocketSession(role: .client, maxMessageSize: 1024)
        let payload = Array("Hello".utf8)
        for _ in 0..<8 { payload.withUnsafeBytes { _ = session.send(text: true, payload: $0) } }
        var bytes = session.output.withReadableBytes { Array($0) }
        let outcome = bytes.withUnsafeMutableBytes { ParserOutcome.parse([$0], role: .server) }
        #expect(outcome.error == nil)
        #expect(outcome.frames.map(\.payload) == Array(repeating: payload, count: 8))
        #expect(Set(outcome.frames.compactMap(\.header.mask?.rawValue)).count > 1)
        #expect(outcome.frames.allSatisfy { $0.header.mask != nil })
    }

    @Test(
        "a client refuses pre-encoded frames, which carry no mask")
    func clientRefusesSharedFrames() {
        var harness = SessionHarness(role: .client)
        let accepted = harness.session.sendEncoded(FrameEncoder.frame(opcode: .text, payload: Array("Hello".utf8)))
        var peer = SessionHarness(role: .server)
        peer.receive(harness.outputBytes)
        #expect(!accepted)
        #expect(peer.events.first != .failed(.unmaskedClientFrame))
    }

    @Test("a server never masks")
    func serverDoesNotMask() {
        var harness = SessionHarness(role: .server)
        harness.receive(PeerFrames.frame(.ping, [1, 2, 3], to: .server))
        [UInt8](repeating: 7, count: 200).withUnsafeBytes { _ = harness.session.send(text: false, payload: $0) }
        harness.session.close(code: .goingAway)
        #expect(harness.sent().map(\.masked) == [false, false, false])
    }
}
