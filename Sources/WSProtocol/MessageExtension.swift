/// A negotiated extension that transforms whole data messages, marking the
/// ones it transformed with reserved bits on their first frame (the
/// framework of RFC 7692 section 6; permessage-deflate is the one defined).
///
/// The session stays sans-I/O: it assembles a marked message, hands it to
/// `decode`, and asks `encode` how to send an outgoing one. Unmarked messages
/// never reach the extension, so a connection without one, or a message the
/// peer sent untransformed, costs no call through this protocol.
///
/// Class-bound: the session holds it as one reference, so the session stays a
/// plain loadable value (an open existential would make every access to it
/// indirect, which measurably slowed the uncompressed path).
public protocol MessageExtension: AnyObject, Sendable {
    /// The reserved bits the extension gives a meaning to; the parser accepts
    /// them on the first frame of a data message and rejects any other.
    var reservedBits: ReservedBits { get }

    /// Undoes the transformation of a complete message whose first frame
    /// carried `bits`, and calls `body` with the result, which must not be
    /// larger than `limit` (fail with `.messageTooBig` as soon as it would be)
    /// and is valid only during the call.
    func decode(
        _ payload: UnsafeRawBufferPointer, bits: ReservedBits, limit: Int,
        _ body: (UnsafeRawBufferPointer) throws(ProtocolError) -> Void
    ) throws(ProtocolError)

    /// Calls `body` with the reserved bits and the bytes to send for an
    /// outgoing message: transformed, or `[]` and `payload` unchanged.
    func encode(_ payload: UnsafeRawBufferPointer, _ body: (ReservedBits, UnsafeRawBufferPointer) -> Void)
}
