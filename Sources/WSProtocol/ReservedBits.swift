/// The RSV1-3 bits of a frame's first byte (RFC 6455 section 5.2), at their
/// wire positions, so a header byte and a set of bits combine with `|` and `&`.
///
/// They "MUST be 0 unless an extension is negotiated that defines meanings
/// for non-zero values": permessage-deflate gives RSV1 its meaning, "Per-Message
/// Compressed" (RFC 7692 section 6).
public struct ReservedBits: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8

    /// Keeps only the three reserved positions, so a whole first byte may be passed.
    public init(rawValue: UInt8) { self.rawValue = rawValue & 0x70 }

    public static let rsv1 = ReservedBits(rawValue: 0x40)
    public static let rsv2 = ReservedBits(rawValue: 0x20)
    public static let rsv3 = ReservedBits(rawValue: 0x10)
}
