/// The decoded fixed part of one frame (RFC 6455 section 5.2). Reserved bits
/// appear only when a negotiated extension gives them a meaning: the parser
/// rejects any other.
public struct FrameHeader: Equatable, Sendable {
    public var fin: Bool
    /// RSV1-3 as received; RSV1 marks a compressed message under permessage-deflate.
    public var reserved: ReservedBits
    public var opcode: Opcode
    public var payloadLength: UInt64
    /// The masking key; nil on unmasked (server-to-client) frames.
    public var mask: MaskKey?

    public init(fin: Bool, reserved: ReservedBits = [], opcode: Opcode, payloadLength: UInt64, mask: MaskKey?) {
        self.fin = fin
        self.reserved = reserved
        self.opcode = opcode
        self.payloadLength = payloadLength
        self.mask = mask
    }
}
