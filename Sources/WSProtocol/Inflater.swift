import CZlib

/// Inflates permessage-deflate messages (RFC 7692 section 7.2.2) with zlib's
/// raw DEFLATE and a 15-bit window, which reads data compressed with any
/// window a peer may use (8 to 15 bits).
///
/// It keeps nothing from one message to the next (it is reset per message:
/// no context takeover), so one inflater serves every session of a thread
/// and an idle connection holds no zlib state. Not thread-safe: it belongs to
/// one thread (an event loop, a client), and the sessions holding it are used
/// only there; `@unchecked Sendable` lets those sessions stay `Sendable` values.
public final class Inflater: @unchecked Sendable {
    /// "Append 4 octets of 0x00 0x00 0xff 0xff to the tail end of the payload of the message."
    private static let trailer: [UInt8] = [0x00, 0x00, 0xFF, 0xFF]
    /// Output capacity kept between messages; a larger buffer is freed after its message.
    static let retainedCapacity = 256 * 1024
    /// The first output buffer, and the least it grows by.
    static let minimumCapacity = 16 * 1024

    /// Where feeding input left the stream.
    private enum Progress {
        case needsInput, ended, overLimit, invalid
    }

    private let stream: UnsafeMutablePointer<z_stream>
    private var output = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    /// Bytes the last message inflated to, or had when it failed.
    private(set) var produced = 0

    public init() {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // Negative window bits: raw DEFLATE, no zlib header or checksum.
        let status = czlib_inflate_init(stream, -15)
        precondition(status == Z_OK, "zlib cannot set up an inflater: \(status)")
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
        output.deallocate()
    }

    /// Inflates one whole message and calls `body` with it (valid only during
    /// the call, which must not inflate with this inflater again). Fails with
    /// `.messageTooBig` once the output would pass `limit`, having produced at
    /// most one byte more, and with `.invalidCompressedData` on data that is
    /// not DEFLATE or ends inside a block.
    public func inflate(
        _ compressed: UnsafeRawBufferPointer, limit: Int,
        _ body: (UnsafeRawBufferPointer) throws(ProtocolError) -> Void
    ) throws(ProtocolError) {
        inflateReset(stream)
        produced = 0
        defer { releaseLargeOutput() }
        var progress = feed(compressed, limit: limit)
        if progress == .needsInput {
            progress = Self.trailer.withUnsafeBytes { feed($0, limit: limit) }
        }
        switch progress {
        case .ended: break
        case .overLimit: throw .messageTooBig(limit: limit)
        case .invalid: throw .invalidCompressedData
        case .needsInput:
            // A sender's data ends on a block boundary (section 7.2.1), so the
            // trailer's empty stored block completes it; anything else was cut off.
            guard stream.pointee.data_type & 128 != 0 else { throw .invalidCompressedData }
        }
        try body(UnsafeRawBufferPointer(rebasing: output[..<produced]))
    }

    /// Runs `input` through the stream until it is consumed, the stream ends
    /// (a block with BFINAL set: what follows it is ignored), or it fails.
    private func feed(_ input: UnsafeRawBufferPointer, limit: Int) -> Progress {
        var rest = input
        repeat {
            let slice = min(rest.count, Int(UInt32.max))
            stream.pointee.next_in = UnsafeMutablePointer(mutating: rest.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = UInt32(slice)
            let progress = drain(limit: limit)
            rest = UnsafeRawBufferPointer(rebasing: rest[(slice - Int(stream.pointee.avail_in))...])
            if progress != .needsInput { return progress }
        } while !rest.isEmpty
        return .needsInput
    }

    /// Inflates the stream's pending input into `output`, growing it up to one byte past `limit`.
    private func drain(limit: Int) -> Progress {
        while true {
            if produced == output.count, !grow(limit: limit) { return .overLimit }
            let room = UInt32(clamping: output.count - produced)
            stream.pointee.next_out = (output.baseAddress! + produced).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = room
            let status = CZlib.inflate(stream, Z_SYNC_FLUSH)
            produced += Int(room - stream.pointee.avail_out)
            if produced > limit { return .overLimit }
            switch status {
            case Z_STREAM_END: return .ended
            case Z_OK, Z_BUF_ERROR: break
            default: return .invalid  // Z_DATA_ERROR; Z_NEED_DICT cannot happen in raw mode
            }
            if stream.pointee.avail_in == 0, stream.pointee.avail_out != 0 { return .needsInput }
        }
    }

    /// Doubles the output buffer, keeping what it holds; false at `limit` + 1 bytes.
    private func grow(limit: Int) -> Bool {
        let ceiling = limit < Int.max ? limit + 1 : limit
        guard output.count < ceiling else { return false }
        let larger = UnsafeMutableRawBufferPointer.allocate(
            byteCount: min(ceiling, max(output.count * 2, Self.minimumCapacity)), alignment: 16)
        if produced > 0 { larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: output[..<produced])) }
        output.deallocate()
        output = larger
        return true
    }

    private func releaseLargeOutput() {
        guard output.count > Self.retainedCapacity else { return }
        output.deallocate()
        output = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    }
}
