import Testing
import WSProtocol

/// Drives one `WebSocketSession`, keeping owned copies of its events.
struct SessionHarness {
    static let defaultLimit = 1 << 20

    var session: WebSocketSession
    private(set) var events: [OwnedEvent] = []

    init(role: Role, maxMessageSize: Int = defaultLimit, messageExtension: (any MessageExtension)? = nil) {
        session = WebSocketSession(role: role, maxMessageSize: maxMessageSize, messageExtension: messageExtension)
    }

    /// Feeds one piece of input, which the session unmasks in place.
    mutating func receive(_ piece: UnsafeMutableRawBufferPointer) {
        var fresh: [OwnedEvent] = []
        session.receive(piece) { fresh.append(OwnedEvent($0)) }
        events += fresh
    }

    /// Feeds a fresh mutable copy of `bytes`.
    mutating func receive(_ bytes: [UInt8]) {
        var copy = bytes
        copy.withUnsafeMutableBytes { receive($0) }
    }

    /// The bytes queued for the peer, left in the queue.
    var outputBytes: [UInt8] { session.output.withReadableBytes { Array($0) } }

    func sent(sourceLocation: SourceLocation = #_sourceLocation) -> [WireFrame] {
        WireFrame.decode(
            outputBytes, sentBy: session.role, extensionBits: session.messageExtension?.reservedBits ?? [],
            sourceLocation: sourceLocation)
    }

    func outcome(sourceLocation: SourceLocation = #_sourceLocation) -> SessionOutcome {
        SessionOutcome(events: events, sent: sent(sourceLocation: sourceLocation), state: session.state)
    }

    /// Where feeding `input` one byte at a time first fails, if it does.
    static func firstFailure(
        in input: [UInt8], role: Role, maxMessageSize: Int = defaultLimit, messageExtension: (any MessageExtension)? = nil
    ) -> SessionFailurePoint? {
        var harness = SessionHarness(role: role, maxMessageSize: maxMessageSize, messageExtension: messageExtension)
        for (index, byte) in input.enumerated() {
            harness.receive([byte])
            if case .failed(let error) = harness.events.last { return SessionFailurePoint(byte: index, error: error) }
        }
        return nil
    }

    /// Runs `input` through a fresh session every way `FrameFeedSplitter` knows,
    /// after `setUp` (e.g. our own `close`), and returns the whole-input outcome.
    static func decodeAllWays(
        _ input: [UInt8], role: Role, maxMessageSize: Int = defaultLimit, messageExtension: (any MessageExtension)? = nil,
        setUp: (inout SessionHarness) -> Void = { _ in },
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> SessionOutcome {
        FrameFeedSplitter.decodeAllWays(input, sourceLocation: sourceLocation) { pieces in
            var harness = SessionHarness(role: role, maxMessageSize: maxMessageSize, messageExtension: messageExtension)
            setUp(&harness)
            for piece in pieces { harness.receive(piece) }
            return harness.outcome(sourceLocation: sourceLocation)
        }
    }
}
