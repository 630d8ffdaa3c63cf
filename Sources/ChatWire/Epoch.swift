import WSProtocol

/// A room's epoch: one incarnation of its `seq` numbering, 1 to 32
/// characters of `A-Z a-z 0-9 _ -` (docs/protocol.md, "Epochs and recovery").
/// As long as the epoch is the same, a `seq` names the same message
/// everywhere; it changes exactly when the numbering starts over.
public struct Epoch: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public static let maxLength = 32

    /// Nil when `raw` is empty, too long, or has a character outside the set.
    public init?(_ raw: String) {
        let utf8 = raw.utf8
        guard (1...Epoch.maxLength).contains(utf8.count), utf8.allSatisfy(Epoch.isAllowed) else { return nil }
        value = raw
    }

    private init(unchecked value: String) { self.value = value }

    /// A fresh epoch: 16 random characters (about 95 bits), so two
    /// incarnations of a room never share one.
    public static func random() -> Epoch {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-".utf8)
        let bytes = SecureRandom.bytes(16)
        return Epoch(unchecked: String(decoding: bytes.map { alphabet[Int($0 & 63)] }, as: UTF8.self))
    }

    public var description: String { value }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
