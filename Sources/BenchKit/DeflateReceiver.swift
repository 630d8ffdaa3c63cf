import WSProtocol

/// permessage-deflate (RFC 7692) as the generator uses it: the messages the
/// server marked with RSV1 are inflated by the run's one `Inflater` (reset
/// for every message: `DeflateOffer.client` asks for no context takeover),
/// and ours go out uncompressed, with RSV1 clear, which the extension allows
/// for any message. The send path builds its frames itself and never asks
/// `encode`. Unless it inflates each message, one whose compressed bytes
/// equal a recent one's gets that one's text without inflating again.
///
/// While `decode` runs, `compressedCount` is the size the message had on
/// the wire, for the message handler it calls, so the run can count bytes
/// before and after inflation. One instance serves every session of the run,
/// all on the generator's thread; `@unchecked Sendable` as `Inflater` is.
final class DeflateReceiver: MessageExtension, @unchecked Sendable {
    private let inflater = Inflater()
    /// Recent texts by their compressed bytes; nil with `--inflate-each`.
    private var recent: InflatedTexts?
    /// The compressed size of the message being inflated; nil outside `decode`.
    private(set) var compressedCount: Int?
    /// Messages that went through zlib (the others were found in `recent`).
    private(set) var inflations: UInt64 = 0

    init(inflateEach: Bool) {
        recent = inflateEach ? nil : InflatedTexts()
    }

    var reservedBits: ReservedBits { .rsv1 }

    func decode(
        _ payload: UnsafeRawBufferPointer, bits: ReservedBits, limit: Int,
        _ body: (UnsafeRawBufferPointer) throws(ProtocolError) -> Void
    ) throws(ProtocolError) {
        compressedCount = payload.count
        defer { compressedCount = nil }
        if let text = recent?.text(for: payload), text.count <= limit {
            // withUnsafeBytes rethrows untyped, so the typed error rides in a Result.
            try text.withUnsafeBytes { bytes in Result { () throws(ProtocolError) in try body(bytes) } }.get()
            return
        }
        inflations += 1
        try inflater.inflate(payload, limit: limit) { (text) throws(ProtocolError) in
            recent?.keep(text, for: payload)
            try body(text)
        }
    }

    func encode(_ payload: UnsafeRawBufferPointer, _ body: (ReservedBits, UnsafeRawBufferPointer) -> Void) {
        body([], payload)
    }
}
