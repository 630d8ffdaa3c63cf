import Testing
import WSProtocol

/// Section 7.4: which status codes may be sent in a close frame, and the
/// single mapping from every protocol error to the code it fails with.
@Suite("RFC 6455 §7.4: status codes")
struct Section7_4StatusCodesTests {
    static let invalidCodes: [UInt16] = [0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535]
    static let validCodes: [UInt16] = Array(1000...1003) + Array(1007...1014) + [3000, 3999, 4000, 4999]

    static let allErrors: [ProtocolError] = [
        .reservedBitsSet, .reservedOpcode(3), .reservedOpcode(0xF), .unmaskedClientFrame, .maskedServerFrame,
        .fragmentedControlFrame, .controlFrameTooLong, .invalidLength, .unexpectedContinuation,
        .expectedContinuation, .invalidUTF8, .truncatedClosePayload, .invalidCloseCode(1005),
        .messageTooBig(limit: 1 << 20), .unsupportedData, .misplacedReservedBits, .invalidCompressedData,
    ]

    @Test("codes that may not appear in a close frame", arguments: invalidCodes)
    func invalidOnWire(code: UInt16) {
        #expect(!CloseCode(code).isValidOnWire)
    }

    @Test("codes that may appear in a close frame", arguments: validCodes)
    func validOnWire(code: UInt16) {
        #expect(CloseCode(code).isValidOnWire)
    }

    @Test("named codes carry their section 7.4.1 values")
    func namedCodes() {
        let named: [CloseCode] = [.normalClosure, .goingAway, .protocolError, .unsupportedData, .noStatusReceived,
                                  .abnormalClosure, .invalidPayload, .policyViolation, .messageTooBig,
                                  .mandatoryExtension, .internalError]
        #expect(named.map(\.rawValue) == [1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009, 1010, 1011])
        #expect(CloseCode(rawValue: 4321) == CloseCode(4321))
        #expect(CloseCode(1000).description == "1000")
    }

    @Test("ProtocolError.closeCode for every case", arguments: allErrors)
    func errorCloseCode(error: ProtocolError) {
        #expect(error.closeCode.rawValue == SessionOutcome.rfcCode(for: error))
        #expect(error.closeCode.isValidOnWire)
    }

    @Test("every error's reason fits a close frame whole", arguments: allErrors)
    func errorReasonFits(error: ProtocolError) {
        #expect(!error.reason.isEmpty)
        #expect(error.reason.utf8.count <= 123)
        let payload = FrameEncoder.closePayload(code: error.closeCode, reason: error.reason)
        #expect(payload.dropFirst(2).elementsEqual(error.reason.utf8))
    }

    @Test(
        "closePayload never puts a code on the wire that a peer must reject",
        arguments: invalidCodes)
    func closePayloadRejectsInvalidCodes(code: UInt16) {
        let payload = FrameEncoder.closePayload(code: CloseCode(code), reason: "")
        let sentCode = payload.count >= 2 ? UInt16(payload[0]) << 8 | UInt16(payload[1]) : nil
        #expect(sentCode.map { CloseCode($0).isValidOnWire } ?? true)
    }

    @Test("a session never echoes 1005 or 1006", arguments: [Role.server, .client])
    func sessionKeepsReservedCodesOffWire(role: Role) {
        var session = WebSocketSession(role: role, maxMessageSize: 64)
        session.close(code: .abnormalClosure, reason: "gone")
        let sent = WireFrame.decode(session.output.withReadableBytes { Array($0) }, sentBy: role)
        #expect(sent == [WireFrame(opcode: .close, payload: [], masked: role == .client)])
    }
}
