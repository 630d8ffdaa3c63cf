/// The four-bit frame opcode of RFC 6455 section 5.2.
///
/// Values 0x3-0x7 and 0xB-0xF are reserved; the frame parser rejects them,
/// so an `Opcode` always names a frame type the protocol defines.
public enum Opcode: UInt8, Sendable {
    case continuation = 0x0
    case text = 0x1
    case binary = 0x2
    case close = 0x8
    case ping = 0x9
    case pong = 0xA

    /// Control frames are those whose opcode has the high bit set (section 5.5).
    public var isControl: Bool { rawValue & 0x8 != 0 }
}
