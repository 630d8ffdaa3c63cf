import Glibc
import TLS
import WSProtocol

/// One connection's outgoing bytes. Frames are built in place: the header
/// goes in, the caller writes the payload straight after it, and the mask
/// is applied where it lies, so a message is never copied. Everything
/// queued during a loop pass leaves with one `send`. The memory is kept
/// when the buffer drains, so a steady sender allocates nothing per message.
public struct SendBuffer: ~Copyable {
    private var base: UnsafeMutableRawPointer?
    private var capacity = 0
    /// Bytes before `head` are written; `head..<tail` are pending.
    private var head = 0
    private var tail = 0

    public init() {}

    deinit { base?.deallocate() }

    public var pending: Int { tail - head }
    public var isEmpty: Bool { head == tail }

    public mutating func append(_ raw: UnsafeRawBufferPointer) {
        guard let source = raw.baseAddress, !raw.isEmpty else { return }
        let destination = reserve(raw.count)
        destination.copyMemory(from: source, byteCount: raw.count)
        tail += raw.count
    }

    /// One client frame of `payloadCount` bytes: `fill` writes the payload
    /// at the pointer it is given, then the payload is masked in place.
    public mutating func appendFrame(
        opcode: Opcode, payloadCount: Int, mask: MaskKey, fill: (UnsafeMutableRawPointer) -> Void
    ) {
        let headerCount = FrameEncoder.headerLength(payloadCount: payloadCount, masked: true)
        let frame = reserve(headerCount + payloadCount)
        Self.writeHeader(frame, opcode: opcode, payloadCount: payloadCount, mask: mask)
        fill(frame + headerCount)
        mask.apply(to: UnsafeMutableRawBufferPointer(start: frame + headerCount, count: payloadCount))
        tail += headerCount + payloadCount
    }

    /// A frame whose payload is already in memory (a join request, say).
    public mutating func appendFrame(opcode: Opcode, payload: UnsafeRawBufferPointer, mask: MaskKey) {
        appendFrame(opcode: opcode, payloadCount: payload.count, mask: mask) { destination in
            if let source = payload.baseAddress { destination.copyMemory(from: source, byteCount: payload.count) }
        }
    }

    /// The section 5.2 header of a final, masked frame with the shortest length encoding.
    private static func writeHeader(_ at: UnsafeMutableRawPointer, opcode: Opcode, payloadCount count: Int, mask: MaskKey) {
        at.storeBytes(of: 0x80 | opcode.rawValue, as: UInt8.self)
        var offset = 2
        if count < 126 {
            at.storeBytes(of: 0x80 | UInt8(count), toByteOffset: 1, as: UInt8.self)
        } else if count <= 0xFFFF {
            at.storeBytes(of: 0x80 | 126, toByteOffset: 1, as: UInt8.self)
            at.storeBytes(of: UInt16(count).bigEndian, toByteOffset: 2, as: UInt16.self)
            offset = 4
        } else {
            at.storeBytes(of: 0x80 | 127, toByteOffset: 1, as: UInt8.self)
            at.storeBytes(of: UInt64(count).bigEndian, toByteOffset: 2, as: UInt64.self)
            offset = 10
        }
        // rawValue holds the key bytes in wire order from its low byte up.
        at.storeBytes(of: mask.rawValue.littleEndian, toByteOffset: offset, as: UInt32.self)
    }

    /// One `send` of everything pending: how much went, and whether the
    /// socket refused the rest (EAGAIN) or failed.
    public mutating func write(to fd: Int32) -> WriteOutcome {
        guard let base, !isEmpty else { return .drained(0) }
        while true {
            let written = send(fd, base + head, tail - head, Int32(MSG_NOSIGNAL))
            if written >= 0 { return consume(written) }
            switch errno {
            case EINTR: continue
            case EAGAIN, EWOULDBLOCK: return .blocked(0)
            case let code: return .failed(code)
            }
        }
    }

    /// `write(to:)` through a TLS session (`--tls`). A TLS failure has no
    /// errno: it counts as a reset when the connection ended, else as EPROTO.
    mutating func write(through session: TLSSession) -> WriteOutcome {
        guard let base, !isEmpty else { return .drained(0) }
        switch session.write(UnsafeRawBufferPointer(start: base + head, count: tail - head)) {
        case .transferred(let written): return consume(written)
        case .wouldBlock: return .blocked(0)
        case .endOfStream: return .failed(ECONNRESET)
        case .failed(let failure): return .failed(failure.kind == .connectionEnded ? ECONNRESET : EPROTO)
        }
    }

    private mutating func consume(_ written: Int) -> WriteOutcome {
        head += written
        guard head == tail else { return .blocked(written) }
        head = 0
        tail = 0
        return .drained(written)
    }

    /// Room for `count` more bytes at `tail`: slides the pending bytes to
    /// the front if that makes room, else grows by doubling.
    private mutating func reserve(_ count: Int) -> UnsafeMutableRawPointer {
        if let base, capacity - tail >= count { return base + tail }
        if let base, head > 0, capacity - (tail - head) >= count {
            base.copyMemory(from: base + head, byteCount: tail - head)
            tail -= head
            head = 0
            return base + tail
        }
        var grown = max(capacity * 2, 512)
        while grown < tail - head + count { grown *= 2 }
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
        if let base {
            fresh.copyMemory(from: base + head, byteCount: tail - head)
            base.deallocate()
        }
        tail -= head
        head = 0
        base = fresh
        capacity = grown
        return fresh + tail
    }
}
