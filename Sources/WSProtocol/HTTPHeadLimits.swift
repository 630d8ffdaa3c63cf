/// Bounds on what a peer may make the head parser hold, enforced as bytes
/// arrive: a head that never ends cannot grow the buffer past `maxHeadBytes`.
public struct HTTPHeadLimits: Hashable, Sendable {
    /// Bytes from the first byte through the empty line that ends the head.
    public var maxHeadBytes: Int
    /// Field lines after the start line.
    public var maxHeaderCount: Int

    public init(maxHeadBytes: Int = 8192, maxHeaderCount: Int = 100) {
        self.maxHeadBytes = maxHeadBytes
        self.maxHeaderCount = maxHeaderCount
    }
}
