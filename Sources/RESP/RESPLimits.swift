/// Bounds on what a server can make `RESPParser` hold, checked as the bytes
/// arrive, so a broken or hostile peer costs at most these amounts of memory.
/// The defaults fit a chat backplane: far above its replies, far below what
/// would hurt the process.
public struct RESPLimits: Hashable, Sendable {
    /// Longest bulk string payload (Redis's own `proto-max-bulk-len` is 512 MiB).
    public var maxBulkLength: Int
    /// Most elements one array may declare.
    public var maxArrayElements: Int
    /// Deepest nesting of arrays; a top-level array is depth 1.
    public var maxDepth: Int
    /// Longest line (simple string, error, integer or length), without its CRLF.
    public var maxLineLength: Int
    /// Most bytes one top-level value may take on the wire, nested values included.
    public var maxValueBytes: Int

    public init(
        maxBulkLength: Int = 32 << 20, maxArrayElements: Int = 1 << 20, maxDepth: Int = 16,
        maxLineLength: Int = 64 << 10, maxValueBytes: Int = 64 << 20
    ) {
        self.maxBulkLength = maxBulkLength
        self.maxArrayElements = maxArrayElements
        self.maxDepth = maxDepth
        self.maxLineLength = maxLineLength
        self.maxValueBytes = maxValueBytes
    }
}
