import Testing
import WSProtocol

/// A session event with its payload copied out: the session's buffers are
/// valid only during the callback.
enum OwnedEvent: Equatable, Sendable {
    case text([UInt8])
    case binary([UInt8])
    case ping([UInt8])
    case pong([UInt8])
    case closed(CloseCode, reason: String)
    case failed(ProtocolError)

    init(_ event: WebSocketSession.Event) {
        switch event {
        case .text(let payload): self = .text(Array(payload))
        case .binary(let payload): self = .binary(Array(payload))
        case .ping(let payload): self = .ping(Array(payload))
        case .pong(let payload): self = .pong(Array(payload))
        case .closed(let code, let reason): self = .closed(code, reason: reason)
        case .failed(let error): self = .failed(error)
        }
    }
}

/// A frame a session queued for its peer, decoded and unmasked.
struct WireFrame: Equatable, Sendable {
    var fin = true
    var opcode: Opcode
    var payload: [UInt8]
    /// Whether it carried a mask, as every client frame must and no server frame may.
    var masked: Bool

    /// The status code of a close frame; nil when its payload is empty.
    var closeCode: UInt16? {
        guard opcode == .close, payload.count >= 2 else { return nil }
        return UInt16(payload[0]) << 8 | UInt16(payload[1])
    }

    /// Decodes what a session of `role` queued with a parser of the peer's
    /// role, which also rejects a missing or unexpected mask.
    static func decode(
        _ bytes: [UInt8], sentBy role: Role, sourceLocation: SourceLocation = #_sourceLocation
    ) -> [WireFrame] {
        var copy = bytes
        let outcome = copy.withUnsafeMutableBytes { ParserOutcome.parse([$0], role: PeerFrames.peer(of: role)) }
        #expect(outcome.error == nil, "the session queued bytes its peer must reject", sourceLocation: sourceLocation)
        #expect(outcome.endedAtBoundary, "the session queued a partial frame", sourceLocation: sourceLocation)
        return outcome.frames.map {
            WireFrame(fin: $0.header.fin, opcode: $0.header.opcode, payload: $0.payload, masked: $0.header.mask != nil)
        }
    }
}

/// Everything a session did with some input: events, frames queued, final state.
struct SessionOutcome: Equatable {
    var events: [OwnedEvent]
    var sent: [WireFrame]
    var state: WebSocketSession.State

    /// Checks a failed connection (section 7.1.7) that read nothing after the
    /// failure: `error` is the only event, one close frame with its code is
    /// the only frame queued, and the session is closed.
    func expectOnlyFailure(_ error: ProtocolError, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(events == [.failed(error)], sourceLocation: sourceLocation)
        #expect(sent.map(\.opcode) == [.close], "exactly one close frame", sourceLocation: sourceLocation)
        #expect(sent.first?.closeCode == error.closeCode.rawValue, sourceLocation: sourceLocation)
        #expect(state == .closed, sourceLocation: sourceLocation)
    }
}

/// The input byte whose arrival failed the connection, and why.
struct FailurePoint: Equatable {
    var byte: Int
    var error: ProtocolError
}

/// Drives one `WebSocketSession`, keeping owned copies of its events.
struct SessionHarness {
    static let defaultLimit = 1 << 20

    var session: WebSocketSession
    private(set) var events: [OwnedEvent] = []

    init(role: Role, maxMessageSize: Int = defaultLimit) {
        session = WebSocketSession(role: role, maxMessageSize: maxMessageSize)
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
        WireFrame.decode(outputBytes, sentBy: session.role, sourceLocation: sourceLocation)
    }

    func outcome(sourceLocation: SourceLocation = #_sourceLocation) -> SessionOutcome {
        SessionOutcome(events: events, sent: sent(sourceLocation: sourceLocation), state: session.state)
    }

    /// Where feeding `input` one byte at a time first fails, if it does.
    static func firstFailure(
        in input: [UInt8], role: Role, maxMessageSize: Int = defaultLimit
    ) -> FailurePoint? {
        var harness = SessionHarness(role: role, maxMessageSize: maxMessageSize)
        for (index, byte) in input.enumerated() {
            harness.receive([byte])
            if case .failed(let error) = harness.events.last { return FailurePoint(byte: index, error: error) }
        }
        return nil
    }

    /// Runs `input` through a fresh session every way `FeedSplitter` knows,
    /// after `setUp` (e.g. our own `close`), and returns the whole-input outcome.
    static func decodeAllWays(
        _ input: [UInt8], role: Role, maxMessageSize: Int = defaultLimit,
        setUp: (inout SessionHarness) -> Void = { _ in },
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> SessionOutcome {
        FeedSplitter.decodeAllWays(input, sourceLocation: sourceLocation) { pieces in
            var harness = SessionHarness(role: role, maxMessageSize: maxMessageSize)
            setUp(&harness)
            for piece in pieces { harness.receive(piece) }
            return harness.outcome(sourceLocation: sourceLocation)
        }
    }
}
