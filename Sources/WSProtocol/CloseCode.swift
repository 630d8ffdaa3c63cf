/// A close status code (RFC 6455 section 7.4).
public struct CloseCode: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: UInt16

    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public init(_ rawValue: UInt16) { self.rawValue = rawValue }

    public static let normalClosure = CloseCode(1000)
    public static let goingAway = CloseCode(1001)
    public static let protocolError = CloseCode(1002)
    public static let unsupportedData = CloseCode(1003)
    /// Reserved: "MUST NOT be set as a status code in a Close control frame";
    /// it reports a close frame that carried no code.
    public static let noStatusReceived = CloseCode(1005)
    /// Reserved: reports a connection that ended without a close frame.
    public static let abnormalClosure = CloseCode(1006)
    public static let invalidPayload = CloseCode(1007)
    public static let policyViolation = CloseCode(1008)
    public static let messageTooBig = CloseCode(1009)
    public static let mandatoryExtension = CloseCode(1010)
    public static let internalError = CloseCode(1011)

    /// Whether a peer may put this code in a close frame: the codes that
    /// section 7.4.1 defines for use on the wire, the later IANA registrations
    /// 1012-1014, and the 3000-4999 ranges for libraries and applications.
    /// 1004, 1005, 1006 and 1015 are reserved and never valid on the wire.
    public var isValidOnWire: Bool {
        switch rawValue {
        case 1000...1003, 1007...1014, 3000...4999: true
        default: false
        }
    }

    public var description: String { String(rawValue) }
}
