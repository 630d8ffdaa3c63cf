/// The registry's handle for one connected client: the event loop that owns
/// its connection, the slot it occupies there, and a serial number that is
/// never reused, so a stale handle can never reach a newer client in the
/// same slot. The registry knows clients only by this, never by connection.
public struct ClientID: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// Unique for the life of the process; the public id is `"c\(serial)"`.
    public let serial: UInt64
    /// Index of the owning event loop.
    public let loop: Int
    /// Index of the connection in its loop's slot table.
    public let slot: Int

    public init(serial: UInt64, loop: Int, slot: Int) {
        self.serial = serial
        self.loop = loop
        self.slot = slot
    }

    /// The opaque id clients see in `welcome`, `presence`, `message` and `who`.
    public var publicID: String { "c\(serial)" }

    public var description: String { publicID }

    public static func < (lhs: ClientID, rhs: ClientID) -> Bool { lhs.serial < rhs.serial }
}
