import RESP

/// Encoded commands waiting to be written: commands are encoded straight
/// into the queue, and a partial write consumes from the front without
/// moving the rest. Bounded by its owner (`Options.maxOutputBytes`).
struct RedisOutputQueue {
    private var storage: [UInt8] = []
    private var head = 0

    /// Bytes not yet written.
    var count: Int { storage.count - head }
    var isEmpty: Bool { head == storage.count }

    mutating func append(_ command: RESPCommand) {
        if head > 0, head * 2 >= storage.count {
            storage.removeFirst(head)
            head = 0
        }
        command.encode(into: &storage)
    }

    /// Calls `body` with the unwritten bytes, e.g. to `send` them.
    func withUnwrittenBytes<Result>(_ body: (UnsafeRawBufferPointer) -> Result) -> Result {
        storage.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[head...])) }
    }

    /// Drops `byteCount` written bytes. Once everything is written a small
    /// buffer is kept for the next commands; a large one is released.
    mutating func consume(_ byteCount: Int) {
        head += min(byteCount, count)
        guard head == storage.count else { return }
        storage.removeAll(keepingCapacity: storage.capacity <= 64 << 10)
        head = 0
    }

    mutating func removeAll() {
        storage = []
        head = 0
    }
}
