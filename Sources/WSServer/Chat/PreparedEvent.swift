import ChatWire
import WSProtocol

/// One event encoded once for every recipient: its JSON payload and the
/// complete unmasked text frame around it (gorilla's `PreparedMessage`,
/// uWebSockets' `prepareMessage`). Each recipient's outbound queue shares
/// the same frame bytes; a room message to 1000 members is encoded once.
public final class PreparedEvent: Sendable, Equatable {
    public let payload: [UInt8]
    public let frame: [UInt8]

    public init(payload: [UInt8]) {
        self.payload = payload
        var frame: [UInt8] = []
        frame.reserveCapacity(FrameEncoder.headerLength(payloadCount: payload.count, masked: false) + payload.count)
        payload.withUnsafeBytes { FrameEncoder.append(opcode: .text, payload: $0, to: &frame) }
        self.frame = frame
    }

    public convenience init(_ event: ChatEvent) {
        self.init(payload: event.payload)
    }

    /// Bytes this event adds to a recipient's queue.
    public var byteCount: Int { frame.count }

    /// Two prepared events are equal when they carry the same event.
    public static func == (lhs: PreparedEvent, rhs: PreparedEvent) -> Bool { lhs.payload == rhs.payload }
}
