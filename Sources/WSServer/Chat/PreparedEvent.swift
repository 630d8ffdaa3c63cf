import ChatWire
import Synchronization
import WSProtocol

/// One event encoded once for every recipient: its JSON payload and the
/// complete unmasked text frame around it (gorilla's `PreparedMessage`,
/// uWebSockets' `prepareMessage`). Each recipient's outbound queue shares
/// the same frame bytes; a room message to 1000 members is encoded once.
///
/// Recipients that negotiated permessage-deflate share a compressed frame,
/// made by the first loop that needs it and kept per window size (almost
/// always 15 bits), so a room message is compressed once for all of them.
public final class PreparedEvent: Sendable, Equatable {
    public let payload: [UInt8]
    public let frame: [UInt8]
    /// Compressed frames by window bits (the plain frame where compression
    /// did not make it smaller).
    private let compressed = Mutex<[Int: [UInt8]]>([:])

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

    /// The frame for a recipient that negotiated deflate with this window:
    /// the plain frame below `minimumSize`, otherwise the shared compressed
    /// one (compressed here, with the caller's loop's `deflater`, if no loop
    /// did yet).
    func frame(deflatingWith deflater: Deflater, windowBits: Int, minimumSize: Int) -> [UInt8] {
        guard payload.count >= minimumSize else { return frame }
        return compressed.withLock { cache in
            if let done = cache[windowBits] { return done }
            let built = payload.withUnsafeBytes {
                PerMessageDeflate.frame(text: true, payload: $0, deflater: deflater, windowBits: windowBits, minimumSize: minimumSize)
            }
            cache[windowBits] = built
            return built
        }
    }

    /// Two prepared events are equal when they carry the same event.
    public static func == (lhs: PreparedEvent, rhs: PreparedEvent) -> Bool { lhs.payload == rhs.payload }
}
