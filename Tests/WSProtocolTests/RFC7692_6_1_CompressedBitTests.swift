import Testing
import WSProtocol

/// RFC 7692 section 6.1: RSV1 is the "Per-Message Compressed" bit, set on
/// the first frame of a compressed data message and nowhere else, and only
/// once permessage-deflate was negotiated (RFC 6455 section 5.2).
@Suite("RFC 7692 §6.1: the Per-Message Compressed bit")
struct RFC7692_6_1_CompressedBitTests {
    static let roles: [Role] = [.server, .client]
    static let hello = DeflateFixtures.compressed(Array("Hello".utf8))

    @Test("RSV1 without negotiation fails with 1002 on the first header byte pair", arguments: roles)
    func withoutNegotiation(role: Role) {
        let frame = DeflateFixtures.frame(.text, compressed: Self.hello, to: role)
        let failure = SessionHarness.firstFailure(in: frame, role: role)
        #expect(failure == SessionFailurePoint(byte: 1, error: .reservedBitsSet))
        SessionHarness.decodeAllWays(frame + PeerFrames.trailer(to: role), role: role)
            .expectOnlyFailure(.reservedBitsSet)
    }

    @Test("RSV1 on a continuation frame fails with 1002, after a plain or a compressed first frame", arguments: roles)
    func onContinuation(role: Role) {
        let compression = DeflateFixtures.compression(role: role)
        let plainFirst = PeerFrames.text("He", fin: false, to: role)
        let compressedFirst = PeerFrames.frame(firstByte: 0x41, [0xF2, 0x48], to: role)
        for first in [plainFirst, compressedFirst] {
            let input = first + PeerFrames.frame(firstByte: 0xC0, [0xCD], to: role) + PeerFrames.trailer(to: role)
            SessionHarness.decodeAllWays(input, role: role, messageExtension: compression)
                .expectOnlyFailure(.misplacedReservedBits)
        }
    }

    @Test("RSV1 on a control frame fails with 1002", arguments: [UInt8(0x89), 0x8A, 0x88], roles)
    func onControlFrame(first: UInt8, role: Role) {
        let frame = PeerFrames.frame(firstByte: first | 0x40, [], to: role)
        let compression = DeflateFixtures.compression(role: role)
        #expect(SessionHarness.firstFailure(in: frame, role: role, messageExtension: compression)
            == SessionFailurePoint(byte: 1, error: .misplacedReservedBits))
        SessionHarness.decodeAllWays(frame + PeerFrames.trailer(to: role), role: role, messageExtension: compression)
            .expectOnlyFailure(.misplacedReservedBits)
    }

    @Test("RSV2 and RSV3 stay reserved under permessage-deflate", arguments: [UInt8(0x20), 0x10, 0x60], roles)
    func otherBits(bits: UInt8, role: Role) {
        let frame = PeerFrames.frame(firstByte: 0x81 | bits, Self.hello, to: role)
        SessionHarness.decodeAllWays(
            frame + PeerFrames.trailer(to: role), role: role, messageExtension: DeflateFixtures.compression(role: role))
            .expectOnlyFailure(.reservedBitsSet)
    }

    @Test("a message without RSV1 is delivered as it came, compressed ones around it", arguments: roles)
    func uncompressedBetweenCompressed(role: Role) {
        let input = DeflateFixtures.frame(.text, compressed: Self.hello, to: role)
            + PeerFrames.frame(.binary, Self.hello, to: role)
            + DeflateFixtures.frame(.binary, compressed: Self.hello, to: role)
        let outcome = SessionHarness.decodeAllWays(input, role: role, messageExtension: DeflateFixtures.compression(role: role))
        #expect(outcome.events == [.text(Array("Hello".utf8)), .binary(Self.hello), .binary(Array("Hello".utf8))])
        #expect(outcome.sent.isEmpty)
    }
}
