import Testing
import WSProtocol

/// Section 5.4: a message split over a first frame and continuation frames,
/// assembled in order, with the rules on what may come between.
@Suite("RFC 6455 §5.4: fragmentation")
struct Section5_4FragmentationTests {
    static let roles: [Role] = [.server, .client]

    static func fragments(_ opcode: Opcode, _ parts: [[UInt8]], to role: Role) -> [UInt8] {
        parts.enumerated().flatMap { index, part in
            PeerFrames.frame(index == 0 ? opcode : .continuation, part, fin: index == parts.count - 1, to: role)
        }
    }

    @Test("a text message in three fragments is delivered once, whole", arguments: roles)
    func textInThreeFragments(role: Role) {
        let input = Self.fragments(.text, [Array("frag".utf8), Array("ment".utf8), Array("ed".utf8)], to: role)
        let outcome = SessionHarness.decodeAllWays(input, role: role)
        #expect(outcome.events == [.text(Array("fragmented".utf8))])
        #expect(outcome.sent.isEmpty)
        #expect(outcome.state == .open)
    }

    @Test("a binary message in fragments keeps its bytes in order", arguments: roles)
    func binaryFragments(role: Role) {
        let payload = FrameTestBytes.pattern(400)
        let input = Self.fragments(.binary, [Array(payload[..<1]), Array(payload[1..<300]), Array(payload[300...])], to: role)
        #expect(SessionHarness.decodeAllWays(input, role: role).events == [.binary(payload)])
    }

    @Test("empty fragments are allowed anywhere", arguments: roles)
    func emptyFragments(role: Role) {
        let input = Self.fragments(.text, [[], Array("Hel".utf8), [], Array("lo".utf8), []], to: role)
        #expect(SessionHarness.decodeAllWays(input, role: role).events == [.text(Array("Hello".utf8))])
        let allEmpty = Self.fragments(.binary, [[], [], []], to: role)
        #expect(SessionHarness.decodeAllWays(allEmpty, role: role).events == [.binary([])])
    }

    @Test("nothing is delivered before the final fragment")
    func noEarlyDelivery() {
        var harness = SessionHarness(role: .server)
        harness.receive(PeerFrames.text("Hel", fin: false, to: .server))
        #expect(harness.events.isEmpty)
        harness.receive(PeerFrames.frame(.continuation, Array("lo".utf8), to: .server))
        #expect(harness.events == [.text(Array("Hello".utf8))])
    }

    @Test("messages after a fragmented one start afresh", arguments: roles)
    func consecutiveMessages(role: Role) {
        let input = Self.fragments(.text, [Array("a".utf8), Array("b".utf8)], to: role)
            + PeerFrames.frame(.binary, [1], to: role) + Self.fragments(.binary, [[2], [3]], to: role)
            + PeerFrames.text("c", to: role)
        let outcome = SessionHarness.decodeAllWays(input, role: role)
        #expect(outcome.events == [.text(Array("ab".utf8)), .binary([1]), .binary([2, 3]), .text(Array("c".utf8))])
    }

    @Test("a continuation with no message in progress fails with 1002", arguments: roles)
    func unexpectedContinuation(role: Role) {
        let lone = PeerFrames.frame(.continuation, Array("lo".utf8), to: role)
        SessionHarness.decodeAllWays(lone + PeerFrames.trailer(to: role), role: role)
            .expectOnlyFailure(.unexpectedContinuation)
        let afterMessage = PeerFrames.text("Hello", to: role) + lone
        let outcome = SessionHarness.decodeAllWays(afterMessage, role: role)
        #expect(outcome.events == [.text(Array("Hello".utf8)), .failed(.unexpectedContinuation)])
        #expect(outcome.sent.map(\.closeCode) == [1002])
    }

    @Test("a new data frame inside a fragmented message fails with 1002", arguments: [Opcode.text, .binary], roles)
    func interleavedDataFrame(opcode: Opcode, role: Role) {
        let input = PeerFrames.text("Hel", fin: false, to: role) + PeerFrames.frame(opcode, [0x6c], to: role)
            + PeerFrames.trailer(to: role)
        SessionHarness.decodeAllWays(input, role: role).expectOnlyFailure(.expectedContinuation)
    }
}
