import Testing
import WSProtocol

/// Everything a session did with some input: events, frames queued, final state.
struct SessionOutcome: Equatable {
    var events: [OwnedEvent]
    var sent: [WireFrame]
    var state: WebSocketSession.State

    /// Section 7.4.1 restated case by case, without a default, so a new
    /// error case cannot compile until someone decides its code here too.
    static func rfcCode(for error: ProtocolError) -> UInt16 {
        switch error {
        case .reservedBitsSet, .misplacedReservedBits, .reservedOpcode, .unmaskedClientFrame, .maskedServerFrame: 1002
        case .fragmentedControlFrame, .controlFrameTooLong, .invalidLength: 1002
        case .unexpectedContinuation, .expectedContinuation: 1002
        case .truncatedClosePayload, .invalidCloseCode: 1002
        case .invalidUTF8, .invalidCompressedData: 1007
        case .messageTooBig: 1009
        case .unsupportedData: 1003
        }
    }

    /// Checks a failed connection (section 7.1.7) that read nothing after the
    /// failure: `error` is the only event, one close frame with its code is
    /// the only frame queued, and the session is closed.
    func expectOnlyFailure(_ error: ProtocolError, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(events == [.failed(error)], sourceLocation: sourceLocation)
        #expect(sent.map(\.opcode) == [.close], "exactly one close frame", sourceLocation: sourceLocation)
        #expect(sent.first?.closeCode == Self.rfcCode(for: error), sourceLocation: sourceLocation)
        #expect(state == .closed, sourceLocation: sourceLocation)
    }
}

/// The input byte whose arrival failed the connection, and why.
struct SessionFailurePoint: Equatable {
    var byte: Int
    var error: ProtocolError
}
