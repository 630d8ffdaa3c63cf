/// The decoded fixed part of one frame (RFC 6455 section 5.2). Reserved bits
/// never appear here: the parser rejects them, as no extension is negotiated.
public struct FrameHeader: Equatable, Sendable {
    public var fin: Bool
    public var opcode: Opcode
    public var payloadLength: UInt64
    /// The masking key; nil on unmasked (server-to-client) frames.
    public var mask: MaskKey?

    public init(fin: Bool, opcode: Opcode, payloadLength: UInt64, mask: MaskKey?) {
        self.fin = fin
        self.opcode = opcode
        self.payloadLength = payloadLength
        self.mask = mask
    }
}
