/// What one `send` of a connection's pending bytes did.
public enum WriteOutcome: Sendable {
    /// Everything went; the byte count written.
    case drained(Int)
    /// The socket buffer is full: wait for EPOLLOUT. The byte count written.
    case blocked(Int)
    /// The connection failed with this errno.
    case failed(Int32)
}
