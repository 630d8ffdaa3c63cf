/// Queues whole data messages the way their session sends them: through the
/// negotiated extension (compressed where it pays), with a fresh mask per
/// frame from a client. A value, so a `receive` callback can reply through it
/// while the session itself is busy receiving (`/echo` does).
public struct MessageWriter: Sendable {
    public let role: Role
    public let messageExtension: (any MessageExtension)?

    public init(role: Role, messageExtension: (any MessageExtension)? = nil) {
        self.role = role
        self.messageExtension = messageExtension
    }

    /// Appends one text or binary message as a single frame. Inlinable, so a
    /// caller in another module (`/echo`) pays no extra call for a plain message.
    @inlinable
    public func append(text: Bool, payload: UnsafeRawBufferPointer, to output: inout OutboundBuffer) {
        let opcode: Opcode = text ? .text : .binary
        guard let messageExtension else {
            return output.appendFrame(opcode: opcode, payload: payload, mask: role.freshMask())
        }
        messageExtension.encode(payload) { bits, bytes in
            output.appendFrame(opcode: opcode, reserved: bits, payload: bytes, mask: role.freshMask())
        }
    }
}
