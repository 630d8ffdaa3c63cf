import Testing
import WSProtocol

/// Section 10.4: an endpoint limits the size of the messages it accepts and
/// fails with 1009 as soon as a frame header announces too much, summed
/// over the fragments of a message.
@Suite("RFC 6455 §10.4: size limits")
struct Section10_4SizeLimitsTests {
    static let roles: [Role] = [.server, .client]

    /// A limit and a frame length just over it, in each length form.
    static let oversized: [(limit: Int, length: UInt64)] = [
        (125, 126), (1000, 1001), (65535, 65536), (70000, 70001), (1 << 20, UInt64(Int64.max)),
    ]

    @Test("a frame over the limit fails with 1009 on its last header byte", arguments: oversized, roles)
    func frameOverLimit(size: (limit: Int, length: UInt64), role: Role) {
        let (limit, length) = size
        let header = PeerFrames.header(firstByte: 0x82, length: length, to: role)
        let failure = SessionHarness.firstFailure(in: header + [0, 0, 0], role: role, maxMessageSize: limit)
        #expect(failure == SessionFailurePoint(byte: header.count - 1, error: .messageTooBig(limit: limit)))
        SessionHarness.decodeAllWays(header + PeerFrames.trailer(to: role), role: role, maxMessageSize: limit)
            .expectOnlyFailure(.messageTooBig(limit: limit))
    }

    @Test("a message of exactly the limit is accepted", arguments: [0, 1, 125, 126, 65536], roles)
    func messageAtLimit(limit: Int, role: Role) {
        let payload = FrameTestBytes.pattern(limit)
        let outcome = SessionHarness.decodeAllWays(PeerFrames.frame(.binary, payload, to: role), role: role, maxMessageSize: limit)
        #expect(outcome.events == [.binary(payload)])
        #expect(outcome.sent.isEmpty)
    }

    @Test("fragments are summed: the fragment that crosses the limit fails with 1009", arguments: roles)
    func fragmentsOverLimit(role: Role) {
        let first = PeerFrames.text("abcdef", fin: false, to: role)
        let middle = PeerFrames.frame(.continuation, Array("ghi".utf8), fin: false, to: role)
        let last = PeerFrames.frame(.continuation, Array("jk".utf8), to: role)
        let crossingHeader = first.count + middle.count + (last.count - 2) - 1
        let failure = SessionHarness.firstFailure(in: first + middle + last, role: role, maxMessageSize: 10)
        #expect(failure == SessionFailurePoint(byte: crossingHeader, error: .messageTooBig(limit: 10)))
        SessionHarness.decodeAllWays(first + middle + last + PeerFrames.trailer(to: role), role: role, maxMessageSize: 10)
            .expectOnlyFailure(.messageTooBig(limit: 10))
    }

    @Test("fragments summing to exactly the limit are accepted", arguments: roles)
    func fragmentsAtLimit(role: Role) {
        let input = PeerFrames.text("abcdef", fin: false, to: role)
            + PeerFrames.frame(.continuation, Array("ghij".utf8), to: role)
        let outcome = SessionHarness.decodeAllWays(input, role: role, maxMessageSize: 10)
        #expect(outcome.events == [.text(Array("abcdefghij".utf8))])
    }

    @Test("control frames between fragments do not count toward the limit", arguments: roles)
    func controlFramesNotCounted(role: Role) {
        let input = PeerFrames.text("Hel", fin: false, to: role) + PeerFrames.frame(.ping, FrameTestBytes.pattern(100), to: role)
            + PeerFrames.frame(.continuation, Array("lo".utf8), to: role)
        let outcome = SessionHarness.decodeAllWays(input, role: role, maxMessageSize: 5)
        #expect(outcome.events == [.ping(FrameTestBytes.pattern(100)), .text(Array("Hello".utf8))])
        #expect(outcome.sent.map(\.opcode) == [.pong])
    }

    @Test("the limit is per message, not per connection", arguments: roles)
    func limitPerMessage(role: Role) {
        let input = (0..<5).flatMap { _ in PeerFrames.frame(.binary, FrameTestBytes.pattern(8), to: role) }
        let outcome = SessionHarness.decodeAllWays(input, role: role, maxMessageSize: 8)
        #expect(outcome.events == Array(repeating: .binary(FrameTestBytes.pattern(8)), count: 5))
    }
}
