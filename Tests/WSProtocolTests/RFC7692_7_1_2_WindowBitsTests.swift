import CZlib
import TestSupport
import Testing
import WSProtocol

/// RFC 7692 section 7.1.2: a peer may limit the LZ77 window its peer
/// compresses with to 2^8..2^15 bytes. zlib's raw deflate cannot use 8 bits,
/// so the `Deflater` compresses such messages with 9: zlib never refers
/// further back than its window minus 262 bytes (MAX_DIST), 250 bytes for
/// 512, inside the 256 bytes the peer keeps. These tests hold the Deflater to
/// that with an 8-bit-window inflater that gets one byte of output space per
/// call, so every back-reference must be served from its 256-byte window:
/// zlib fails "invalid distance too far back" on any reference beyond it.
@Suite("RFC 7692 §7.1.2: window bits")
struct RFC7692_7_1_2_WindowBitsTests {
    /// Inflates `compressed` (with the trailer of section 7.2.2) through an
    /// 8-bit window, one output byte per call; nil when a reference reaches too far.
    static func inflateWithWindow8(_ compressed: [UInt8]) -> [UInt8]? {
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer {
            inflateEnd(stream)
            stream.deallocate()
        }
        guard czlib_inflate_init(stream, -8) == Z_OK else { return nil }
        var input = compressed + [0x00, 0x00, 0xFF, 0xFF]
        var output: [UInt8] = []
        var byte: UInt8 = 0
        return input.withUnsafeMutableBufferPointer { bytes in
            stream.pointee.next_in = bytes.baseAddress
            stream.pointee.avail_in = UInt32(bytes.count)
            while true {
                let status = withUnsafeMutablePointer(to: &byte) { target in
                    stream.pointee.next_out = target
                    stream.pointee.avail_out = 1
                    return inflate(stream, Z_SYNC_FLUSH)
                }
                if stream.pointee.avail_out == 0 { output.append(byte) }
                if status == Z_BUF_ERROR || status == Z_STREAM_END { return output }
                guard status == Z_OK else { return nil }
            }
        }
    }

    /// Inputs with repeats at distances around 256, text, runs and noise.
    static let inputs: [[UInt8]] = {
        var random = SeededSplitMix(seed: 8)
        func noise(_ count: Int) -> [UInt8] { (0..<count).map { _ in UInt8(truncatingIfNeeded: random.next()) } }
        var inputs = [DeflateFixtures.chatJSON(5000), noise(3000), [UInt8](repeating: 7, count: 4000)]
        for distance in [200, 250, 251, 255, 256, 257, 260, 300, 511, 512, 1000] {
            let base = noise(distance)
            inputs.append(Array((0..<(6000 / distance + 1)).flatMap { _ in base }.prefix(6000)))
        }
        inputs.append((0..<6000).map { _ in UInt8(ascii: random.next() & 1 == 0 ? "a" : "b") })
        return inputs
    }()

    @Test("the checker refuses a reference 257 bytes back and accepts one 256 back")
    func checkerIsExact() {
        var random = SeededSplitMix(seed: 9)
        for (distance, accepted) in [(256, true), (257, false), (300, false)] {
            let base = (0..<distance).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            let input = base + base + base
            let inflated = Self.inflateWithWindow8(DeflateFixtures.compressed(input, windowBits: 15))
            #expect((inflated == input) == accepted, "distance \(distance)")
        }
    }

    @Test("asked for 8 bits, the Deflater never refers further back than 256 bytes", arguments: inputs.indices)
    func window8(index: Int) {
        let input = Self.inputs[index]
        #expect(Self.inflateWithWindow8(DeflateFixtures.compressed(input, windowBits: 8)) == input)
    }

    @Test("every window from 8 to 15 round-trips through the session's inflater", arguments: 8...15)
    func everyWindow(bits: Int) throws {
        let input = DeflateFixtures.chatJSON(20000)
        let compressed = DeflateFixtures.compressed(input, windowBits: bits)
        #expect(try DeflateFixtures.inflate(compressed) == input)
    }
}
