/// Every way a peer can break RFC 6455 after the opening handshake.
///
/// The close code for each case is decided here and nowhere else: the session
/// fails the connection with `closeCode` and `reason`.
public enum ProtocolError: Error, Equatable, Sendable {
    /// RSV1-3 set although no negotiated extension gives them a meaning (section 5.2).
    case reservedBitsSet
    /// An extension's reserved bit on a control or continuation frame (RFC 7692 section 6.1).
    case misplacedReservedBits
    /// Opcode 0x3-0x7 or 0xB-0xF (section 5.2).
    case reservedOpcode(UInt8)
    /// A client frame without a mask (section 5.1).
    case unmaskedClientFrame
    /// A server frame with a mask (section 5.1).
    case maskedServerFrame
    /// A control frame with FIN clear (section 5.5).
    case fragmentedControlFrame
    /// A control frame with more than 125 bytes of payload (section 5.5).
    case controlFrameTooLong
    /// A 64-bit length with its most significant bit set (section 5.2).
    case invalidLength
    /// A continuation frame with no message in progress (section 5.4).
    case unexpectedContinuation
    /// A new data frame while a fragmented message is in progress (section 5.4).
    case expectedContinuation
    /// Text that is not UTF-8 (section 8.1), or a close reason that is not.
    case invalidUTF8
    /// A close frame whose payload is a single byte (section 5.5.1).
    case truncatedClosePayload
    /// A close frame with a code that may not appear on the wire (section 7.4).
    case invalidCloseCode(UInt16)
    /// A message larger than the configured limit (section 10.4).
    case messageTooBig(limit: Int)
    /// A data frame type this endpoint does not accept (binary on a text-only endpoint).
    case unsupportedData
    /// A compressed message that does not inflate (RFC 7692 section 7.2.2):
    /// not DEFLATE data, or cut off inside a block.
    case invalidCompressedData

    /// The status code to fail the connection with (section 7.4.1).
    public var closeCode: CloseCode {
        switch self {
        case .reservedBitsSet, .misplacedReservedBits, .reservedOpcode, .unmaskedClientFrame, .maskedServerFrame,
             .fragmentedControlFrame, .controlFrameTooLong, .invalidLength,
             .unexpectedContinuation, .expectedContinuation, .truncatedClosePayload,
             .invalidCloseCode:
            .protocolError
        // The frames are well formed and the extension negotiated: the bytes
        // inside the message do not fit its declared encoding, as with text
        // that is not UTF-8, so 1007 ("data within a message that was not
        // consistent with the type of the message", section 7.4.1).
        case .invalidUTF8, .invalidCompressedData: .invalidPayload
        case .messageTooBig: .messageTooBig
        case .unsupportedData: .unsupportedData
        }
    }

    /// A short reason for the close frame and the logs (well under 123 bytes).
    public var reason: String {
        switch self {
        case .reservedBitsSet: "reserved bits set"
        case .misplacedReservedBits: "RSV1 on a control or continuation frame"
        case .reservedOpcode(let opcode): "reserved opcode \(opcode)"
        case .unmaskedClientFrame: "client frame not masked"
        case .maskedServerFrame: "server frame masked"
        case .fragmentedControlFrame: "fragmented control frame"
        case .controlFrameTooLong: "control frame too long"
        case .invalidLength: "invalid payload length"
        case .unexpectedContinuation: "unexpected continuation frame"
        case .expectedContinuation: "expected continuation frame"
        case .invalidUTF8: "invalid UTF-8"
        case .truncatedClosePayload: "close payload of one byte"
        case .invalidCloseCode(let code): "invalid close code \(code)"
        case .messageTooBig(let limit): "message over \(limit) bytes"
        case .unsupportedData: "binary messages not accepted"
        case .invalidCompressedData: "invalid compressed data"
        }
    }
}
