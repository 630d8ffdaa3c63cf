/// Bytes waiting to be written to the peer, in order: a byte queue with a
/// read offset, so a partial `write` consumes from the front without moving
/// the rest. Storage is released once everything is written, so an idle
/// connection holds no buffer at all.
public struct OutboundBuffer: Sendable {
    private var storage: [UInt8] = []
    private var head = 0

    public init() {}

    /// Bytes not yet consumed.
    public var count: Int { storage.count - head }
    public var isEmpty: Bool { head == storage.count }

    public mutating func append(_ bytes: UnsafeRawBufferPointer) {
        compactIfWorthIt()
        storage.append(contentsOf: bytes)
    }

    /// An empty queue takes the array itself: a frame encoded once for a
    /// whole room is then shared by every recipient (copy-on-write copies it
    /// only if a second frame follows before the write), so the common case
    /// of one frame per pass costs no allocation and no copy.
    public mutating func append(_ bytes: [UInt8]) {
        guard !isEmpty else {
            storage = bytes
            head = 0
            return
        }
        compactIfWorthIt()
        storage.append(contentsOf: bytes)
    }

    /// Encodes one frame straight into the queue (see `FrameEncoder.append`).
    public mutating func appendFrame(
        opcode: Opcode, fin: Bool = true, reserved: ReservedBits = [], payload: UnsafeRawBufferPointer, mask: MaskKey? = nil
    ) {
        compactIfWorthIt()
        FrameEncoder.append(opcode: opcode, fin: fin, reserved: reserved, payload: payload, mask: mask, to: &storage)
    }

    /// Calls `body` with the unconsumed bytes, e.g. to `write` them.
    public func withReadableBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        try storage.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[head...])) }
    }

    /// Drops `byteCount` written bytes from the front; frees the storage when empty.
    public mutating func consume(_ byteCount: Int) {
        precondition(byteCount >= 0 && byteCount <= count, "consumed more than was queued")
        head += byteCount
        if head == storage.count { removeAll() }
    }

    public mutating func removeAll() {
        storage = []
        head = 0
    }

    /// Moves unconsumed bytes to the front once the consumed prefix is large
    /// and at least as long as what remains, so the copy is amortised.
    private mutating func compactIfWorthIt() {
        guard head >= 65536, head >= storage.count - head else { return }
        storage.removeFirst(head)
        head = 0
    }
}
