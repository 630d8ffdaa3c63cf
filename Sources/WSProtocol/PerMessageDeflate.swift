/// The permessage-deflate extension of one session (RFC 7692 section 7):
/// compressed messages carry RSV1 on their first frame, are inflated whole
/// when their last frame arrives, and outgoing messages of at least
/// `minimumSize` bytes are compressed when that makes them smaller (RSV1 is
/// set per message, so the others go as they are).
///
/// How zlib reaches the session: this value holds the `Inflater` and
/// `Deflater` of the thread that runs the session (an event loop's pair,
/// shared by its sessions, or a client's own). Neither keeps anything between
/// messages, because both directions are negotiated without context takeover,
/// so an idle connection costs no zlib memory. The session must be used only
/// on that thread.
public final class PerMessageDeflate: MessageExtension {
    /// Messages below this size go uncompressed: chat events under 256
    /// bytes save under a quarter of their size (47 bytes or less), from 256
    /// bytes on about 30% and more, rising to half at 1 KiB, while every
    /// compressed delivery costs its recipient an inflate
    /// (docs/performance.md, section 11: `bench/deflate-threshold`).
    public static let defaultMinimumSize = 256

    public let parameters: DeflateParameters
    public let role: Role
    public let minimumSize: Int
    private let inflater: Inflater
    private let deflater: Deflater

    public init(
        _ parameters: DeflateParameters, role: Role, inflater: Inflater, deflater: Deflater,
        minimumSize: Int = defaultMinimumSize
    ) {
        self.parameters = parameters
        self.role = role
        self.inflater = inflater
        self.deflater = deflater
        self.minimumSize = minimumSize
    }

    /// RSV1, the "Per-Message Compressed" bit (section 6).
    public var reservedBits: ReservedBits { .rsv1 }

    /// Section 7.2.2: the payload with 0x00 0x00 0xff 0xff appended, inflated.
    public func decode(
        _ payload: UnsafeRawBufferPointer, bits: ReservedBits, limit: Int,
        _ body: (UnsafeRawBufferPointer) throws(ProtocolError) -> Void
    ) throws(ProtocolError) {
        try inflater.inflate(payload, limit: limit, body)
    }

    public func encode(_ payload: UnsafeRawBufferPointer, _ body: (ReservedBits, UnsafeRawBufferPointer) -> Void) {
        Self.encode(
            payload, deflater: deflater, windowBits: parameters.outgoingWindowBits(for: role),
            minimumSize: minimumSize, body)
    }

    /// One complete unmasked (server) frame of a whole message, compressed as
    /// `encode` would: built once, it can be shared by every recipient that
    /// negotiated permessage-deflate with a window of at least `windowBits`
    /// (any window, at 9 bits or less), like a plain frame is through
    /// `WebSocketSession.sendEncoded`.
    public static func frame(
        text: Bool, payload: UnsafeRawBufferPointer, deflater: Deflater, windowBits: Int = 15,
        minimumSize: Int = defaultMinimumSize
    ) -> [UInt8] {
        var frame: [UInt8] = []
        encode(payload, deflater: deflater, windowBits: windowBits, minimumSize: minimumSize) { bits, bytes in
            frame = FrameEncoder.frame(opcode: text ? .text : .binary, reserved: bits, payload: bytes)
        }
        return frame
    }

    /// Compresses a message of at least `minimumSize` bytes and sends the
    /// compressed form only when it is smaller.
    private static func encode(
        _ payload: UnsafeRawBufferPointer, deflater: Deflater, windowBits: Int, minimumSize: Int,
        _ body: (ReservedBits, UnsafeRawBufferPointer) -> Void
    ) {
        guard payload.count >= minimumSize else { return body([], payload) }
        var compressedSent = false
        deflater.compress(payload, windowBits: windowBits) { compressed in
            guard compressed.count < payload.count else { return }
            body(.rsv1, compressed)
            compressedSent = true
        }
        if !compressedSent { body([], payload) }
    }
}
