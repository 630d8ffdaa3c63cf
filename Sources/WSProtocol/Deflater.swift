import CZlib

/// Compresses permessage-deflate messages (RFC 7692 section 7.2.1) with
/// zlib's raw DEFLATE, each message on its own: the stream is reset first,
/// so no message refers to an earlier one (no context takeover) and nothing
/// is kept for a connection between messages.
///
/// One zlib stream per window size, made the first time that size is asked
/// for. Not thread-safe: it belongs to one thread (an event loop, a client),
/// like `Inflater`, and `@unchecked Sendable` for the same reason.
public final class Deflater: @unchecked Sendable {
    /// The "empty DEFLATE block with no compression" a sync flush ends with;
    /// "Remove 4 octets (that are 0x00 0x00 0xff 0xff) from the tail end."
    private static let flushMarker: [UInt8] = [0x00, 0x00, 0xFF, 0xFF]
    /// Output capacity kept between messages; a larger buffer is freed after its message.
    static let retainedCapacity = 256 * 1024

    /// zlib's compression level, 1 (fast) to 9 (small).
    public let level: Int32
    /// Streams by window bits; index 8 stays empty (see `windowBits(for:)`).
    private var streams = [UnsafeMutablePointer<z_stream>?](repeating: nil, count: 16)
    private var output = UnsafeMutableRawBufferPointer(start: nil, count: 0)

    public init(level: Int = 6) {
        self.level = Int32(max(1, min(9, level)))
    }

    deinit {
        for case let stream? in streams {
            deflateEnd(stream)
            stream.deinitialize(count: 1)
            stream.deallocate()
        }
        output.deallocate()
    }

    /// The zlib window for a negotiated maximum of `bits`. zlib's raw deflate
    /// refuses 8 bits, so 8 uses 9: zlib never emits a distance above its
    /// window minus 262 bytes (MAX_DIST), 250 for a 512-byte window, which
    /// stays inside the 256 bytes a peer that asked for 8 keeps. Tested in
    /// `RFC7692_7_1_2_WindowBitsTests` by inflating with an 8-bit window.
    static func windowBits(for bits: Int) -> Int32 {
        Int32(max(9, min(15, bits)))
    }

    /// Compresses `payload` as one message with a window of at most
    /// `windowBits` and calls `body` with the result (valid only during the
    /// call): DEFLATE blocks ending in a sync flush, its last four bytes removed.
    public func compress(_ payload: UnsafeRawBufferPointer, windowBits: Int, _ body: (UnsafeRawBufferPointer) -> Void) {
        let stream = stream(windowBits: Self.windowBits(for: windowBits))
        deflateReset(stream)
        defer { releaseLargeOutput() }
        var produced = 0
        reserve(Int(deflateBound(stream, uLong(payload.count))) + 16, keeping: produced)
        var rest = payload
        repeat {
            let slice = min(rest.count, Int(UInt32.max))
            stream.pointee.next_in = UnsafeMutablePointer(mutating: rest.baseAddress?.assumingMemoryBound(to: Bytef.self))
            stream.pointee.avail_in = UInt32(slice)
            flush(stream, produced: &produced)
            rest = UnsafeRawBufferPointer(rebasing: rest[slice...])
        } while !rest.isEmpty
        let compressed = UnsafeRawBufferPointer(rebasing: output[..<produced])
        // A sync flush always ends with the marker, so there is one to remove.
        precondition(compressed.suffix(4).elementsEqual(Self.flushMarker), "zlib's sync flush lost its marker")
        body(UnsafeRawBufferPointer(rebasing: compressed[..<(produced - 4)]))
    }

    /// Deflates the pending input with a sync flush; "If deflate returns with
    /// avail_out == 0, this function must be called again with the same value
    /// of the flush parameter and more output space" (zlib.h).
    private func flush(_ stream: UnsafeMutablePointer<z_stream>, produced: inout Int) {
        repeat {
            if produced == output.count { reserve(output.count * 2, keeping: produced) }
            let room = UInt32(clamping: output.count - produced)
            stream.pointee.next_out = (output.baseAddress! + produced).assumingMemoryBound(to: Bytef.self)
            stream.pointee.avail_out = room
            let status = deflate(stream, Z_SYNC_FLUSH)
            precondition(status == Z_OK || status == Z_BUF_ERROR, "zlib deflate failed: \(status)")
            produced += Int(room - stream.pointee.avail_out)
        } while stream.pointee.avail_out == 0 || stream.pointee.avail_in > 0
    }

    /// Makes the output buffer at least `count` bytes, keeping its first `kept`.
    private func reserve(_ count: Int, keeping kept: Int) {
        guard output.count < count else { return }
        let larger = UnsafeMutableRawBufferPointer.allocate(byteCount: count, alignment: 16)
        if kept > 0 { larger.copyMemory(from: UnsafeRawBufferPointer(rebasing: output[..<kept])) }
        output.deallocate()
        output = larger
    }

    private func releaseLargeOutput() {
        guard output.count > Self.retainedCapacity else { return }
        output.deallocate()
        output = UnsafeMutableRawBufferPointer(start: nil, count: 0)
    }

    private func stream(windowBits: Int32) -> UnsafeMutablePointer<z_stream> {
        if let stream = streams[Int(windowBits)] { return stream }
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // Negative window bits: raw DEFLATE; memory level 8 is zlib's default.
        let status = czlib_deflate_init(stream, level, -windowBits, 8)
        precondition(status == Z_OK, "zlib cannot set up a deflater: \(status)")
        streams[Int(windowBits)] = stream
        return stream
    }
}
