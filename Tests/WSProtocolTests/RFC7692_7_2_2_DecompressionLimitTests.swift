@testable import WSProtocol
import Testing

/// RFC 7692 section 7.2.2 with RFC 6455 section 10.4: a compressed message is
/// held to the message limit twice, by its compressed size as its frames
/// arrive and by its inflated size while it is inflated, so a small frame
/// that would inflate to gigabytes (a "bomb") fails with 1009 after at most
/// the limit plus one byte was produced.
@Suite("RFC 7692 §7.2.2: limits on compressed messages")
struct RFC7692_7_2_2_DecompressionLimitTests {
    static let roles: [Role] = [.server, .client]
    /// 10 MiB of zeros: about 10 KB compressed.
    static let bomb = DeflateFixtures.compressed([UInt8](repeating: 0, count: 10 << 20))

    @Test("a 10 KB frame that inflates to 10 MiB fails with 1009 under a 1 MiB limit", arguments: roles)
    func bomb(role: Role) {
        #expect(Self.bomb.count < 11_000)
        let input = DeflateFixtures.frame(.binary, compressed: Self.bomb, to: role) + PeerFrames.trailer(to: role)
        var harness = SessionHarness(role: role, maxMessageSize: 1 << 20, messageExtension: DeflateFixtures.compression(role: role))
        harness.receive(input)
        harness.outcome().expectOnlyFailure(.messageTooBig(limit: 1 << 20))
    }

    @Test("the inflater stops one byte past the limit", arguments: [0, 1, 1000, 65536, 1 << 20])
    func inflaterStopsAtTheLimit(limit: Int) {
        let inflater = Inflater()
        var delivered = false
        _ = Self.bomb.withUnsafeBytes { bytes in
            #expect(throws: ProtocolError.messageTooBig(limit: limit)) {
                try inflater.inflate(bytes, limit: limit) { _ in delivered = true }
            }
        }
        #expect(!delivered)
        #expect(inflater.produced == limit + 1)
    }

    @Test("a message that inflates to exactly the limit is delivered; one byte more fails", arguments: roles)
    func exactlyTheLimit(role: Role) {
        let payload = DeflateFixtures.chatJSON(5000)
        let input = DeflateFixtures.frame(.text, compressed: DeflateFixtures.compressed(payload), to: role)
        let atLimit = SessionHarness.decodeAllWays(
            input, role: role, maxMessageSize: 5000, messageExtension: DeflateFixtures.compression(role: role))
        #expect(atLimit.events == [.text(payload)])
        SessionHarness.decodeAllWays(
            input + PeerFrames.trailer(to: role), role: role, maxMessageSize: 4999,
            messageExtension: DeflateFixtures.compression(role: role))
            .expectOnlyFailure(.messageTooBig(limit: 4999))
    }

    @Test("the compressed size counts too: fragments over the limit fail on the crossing header", arguments: roles)
    func compressedSizeLimited(role: Role) {
        let compressed = Array(Self.bomb.prefix(3000))
        let input = DeflateFixtures.fragments(.binary, compressed: [Array(compressed[..<1500]), Array(compressed[1500...])], to: role)
        let compression = DeflateFixtures.compression(role: role)
        let secondHeader = FrameEncoder.headerLength(payloadCount: 1500, masked: role == .server)
        let crossingHeader = PeerFrames.frame(firstByte: 0x42, Array(compressed[..<1500]), to: role).count + secondHeader - 1
        let failure = SessionHarness.firstFailure(in: input, role: role, maxMessageSize: 2000, messageExtension: compression)
        #expect(failure == SessionFailurePoint(byte: crossingHeader, error: .messageTooBig(limit: 2000)))
    }

    @Test("a bomb in fragments fails the same way once its last fragment arrives", arguments: roles)
    func fragmentedBomb(role: Role) {
        let parts = stride(from: 0, to: Self.bomb.count, by: 1000).map { Array(Self.bomb[$0..<min($0 + 1000, Self.bomb.count)]) }
        let input = DeflateFixtures.fragments(.binary, compressed: parts, to: role)
        var harness = SessionHarness(role: role, maxMessageSize: 1 << 20, messageExtension: DeflateFixtures.compression(role: role))
        harness.receive(Array(input.dropLast(1)))
        #expect(harness.events.isEmpty)
        harness.receive(Array(input.suffix(1)))
        harness.outcome().expectOnlyFailure(.messageTooBig(limit: 1 << 20))
    }
}
