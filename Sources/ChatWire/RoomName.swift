/// A validated room name: 1 to 64 characters from `A-Z a-z 0-9 _ . -`.
/// Room names are case-sensitive (`Lobby` and `lobby` are two rooms) and are
/// never trimmed or otherwise rewritten: what the client sent is the name.
public struct RoomName: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The name as the client wrote it (ASCII only, so bytes and characters agree).
    public let value: String

    public static let maxLength = 64

    /// Nil when `raw` is empty, longer than `maxLength` or has a character
    /// outside the allowed set.
    public init?(_ raw: String) {
        let utf8 = raw.utf8
        guard (1...RoomName.maxLength).contains(utf8.count), utf8.allSatisfy(RoomName.isAllowed) else {
            return nil
        }
        value = raw
    }

    public var description: String { value }

    public static func < (lhs: RoomName, rhs: RoomName) -> Bool { lhs.value < rhs.value }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: "-"):
            true
        default:
            false
        }
    }
}
