import CZlib

/// One frame as a strict peer decodes it, payload unmasked. Written apart
/// from `FrameParser` so the output check does not trust the code it checks.
struct WireFrame: Equatable {
    var fin: Bool
    var opcode: UInt8
    var payload: [UInt8]

    init(fin: Bool = true, opcode: UInt8, payload: [UInt8]) {
        self.fin = fin
        self.opcode = opcode
        self.payload = payload
    }

    init(opcode: Opcode, payload: [UInt8]) {
        self.init(opcode: opcode.rawValue, payload: payload)
    }

    /// Every frame in `bytes`, or nil unless they are whole, well-formed
    /// frames: no reserved bits or opcodes, the mask bit as the sender's role
    /// requires, minimal length encoding, control frames unfragmented and ≤ 125 bytes.
    /// With `compressed`, RSV1 may mark a whole text or binary message, which
    /// must inflate; the frame then holds the inflated payload.
    static func decodeAll(_ bytes: [UInt8], masked: Bool, compressed: Bool = false) -> [WireFrame]? {
        var frames: [WireFrame] = []
        var index = 0
        while index < bytes.count {
            guard let (frame, next) = decode(bytes, at: index, masked: masked, compressed: compressed) else { return nil }
            frames.append(frame)
            index = next
        }
        return frames
    }

    private static func decode(_ bytes: [UInt8], at start: Int, masked: Bool, compressed: Bool) -> (WireFrame, Int)? {
        guard start + 2 <= bytes.count else { return nil }
        let first = bytes[start], second = bytes[start + 1]
        let opcode = first & 0x0F
        let isCompressed = compressed && first & 0xF0 == 0xC0 && (opcode == 1 || opcode == 2)
        guard first & 0x70 == 0 || isCompressed, second & 0x80 == (masked ? 0x80 : 0),
              [0, 1, 2, 8, 9, 10].contains(opcode), let (length, lengthEnd) = payloadLength(bytes, at: start + 1)
        else { return nil }
        if opcode & 0x08 != 0, first & 0x80 == 0 || length > 125 { return nil }
        let payloadStart = lengthEnd + (masked ? 4 : 0)
        guard payloadStart <= bytes.count, length <= bytes.count - payloadStart else { return nil }
        var payload = Array(bytes[payloadStart..<(payloadStart + length)])
        if masked {
            for index in payload.indices { payload[index] ^= bytes[lengthEnd + index % 4] }
        }
        if isCompressed {
            guard let inflated = inflate(payload), inflated.count > payload.count else { return nil }
            payload = inflated
        }
        return (WireFrame(fin: first & 0x80 != 0, opcode: opcode, payload: payload), payloadStart + length)
    }

    /// RFC 7692 section 7.2.2 with zlib called directly, apart from
    /// `Inflater`: the payload and 00 00 ff ff, inflated raw into room for
    /// any echo (at most `FrameFuzzer.maxMessageSize` bytes); nil if it fails
    /// or does not end on a block boundary.
    private static func inflate(_ compressed: [UInt8]) -> [UInt8]? {
        // zlib keeps a pointer to its stream, which must not move.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        guard czlib_inflate_init(stream, -15) == Z_OK else { return nil }
        defer { inflateEnd(stream) }
        var input = compressed + [0x00, 0x00, 0xFF, 0xFF]
        var output = [UInt8](repeating: 0, count: FrameFuzzer.maxMessageSize + 1)
        let (status, produced) = input.withUnsafeMutableBufferPointer { inBytes in
            output.withUnsafeMutableBufferPointer { outBytes in
                stream.pointee.next_in = inBytes.baseAddress
                stream.pointee.avail_in = UInt32(inBytes.count)
                stream.pointee.next_out = outBytes.baseAddress
                stream.pointee.avail_out = UInt32(outBytes.count)
                let status = CZlib.inflate(stream, Z_SYNC_FLUSH)
                return (status, outBytes.count - Int(stream.pointee.avail_out))
            }
        }
        guard status == Z_OK, stream.pointee.avail_in == 0, stream.pointee.data_type & 128 != 0,
              produced <= FrameFuzzer.maxMessageSize
        else { return nil }
        return Array(output[..<produced])
    }

    /// The payload length whose 7-bit field is at `index`, and where the
    /// length ends; nil if truncated or not in the minimal form.
    private static func payloadLength(_ bytes: [UInt8], at index: Int) -> (Int, Int)? {
        let short = Int(bytes[index] & 0x7F)
        let extra = short == 127 ? 8 : short == 126 ? 2 : 0
        guard index + 1 + extra <= bytes.count else { return nil }
        guard extra > 0 else { return (short, index + 1) }
        let length = bytes[(index + 1)...(index + extra)].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let minimum: UInt64 = extra == 2 ? 126 : 0x1_0000
        guard length >= minimum, length <= UInt64(Int.max) else { return nil }
        return (Int(length), index + 1 + extra)
    }
}
