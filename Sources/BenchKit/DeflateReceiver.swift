import WSProtocol

/// permessage-deflate (RFC 7692) as the generator uses it: the messages the
/// server marked with RSV1 are inflated by the run's one `Inflater` (reset
/// for every message: `DeflateOffer.client` asks for no context takeover),
/// and ours go out uncompressed, with RSV1 clear, which the extension allows
/// for any message. The send path builds its frames itself and never asks
/// `encode`.
///
/// While `decode` runs, `compressedCount` is the size the message had on
/// the wire, for the message handler it calls, so the run can count bytes
/// before and after inflation. One instance serves every session of the run,
/// all on the generator's thread; `@unchecked Sendable` as `Inflater` is.
final class DeflateReceiver: MessageExtension, @unchecked Sendable {
    private let inflater = Inflater()
    /// The compressed size of the message being inflated; nil outside `decode`.
    private(set) var compressedCount: Int?

    var reservedBits: ReservedBits { .rsv1 }

    func decode(
        _ payload: UnsafeRawBufferPointer, bits: ReservedBits, limit: Int,
        _ body: (UnsafeRawBufferPointer) throws(ProtocolError) -> Void
    ) throws(ProtocolError) {
        compressedCount = payload.count
        defer { compressedCount = nil }
        try inflater.inflate(payload, limit: limit, body)
    }

    func encode(_ payload: UnsafeRawBufferPointer, _ body: (ReservedBits, UnsafeRawBufferPointer) -> Void) {
        body([], payload)
    }
}
