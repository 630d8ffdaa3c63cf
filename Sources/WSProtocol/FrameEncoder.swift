/// Encodes frames in the section 5.2 layout, with the header of exact size:
///
/// ```
///  0                   1                   2                   3
///  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
/// +-+-+-+-+-------+-+-------------+-------------------------------+
/// |F|R|R|R| opcode|M| Payload len |    Extended payload length    |
/// |I|S|S|S|  (4)  |A|     (7)     |             (16/64)           |
/// |N|V|V|V|       |S|             |   (if payload len==126/127)   |
/// | |1|2|3|       |K|             |                               |
/// +-+-+-+-+-------+-+-------------+ - - - - - - - - - - - - - - - +
/// |     Extended payload length continued, if payload len == 127  |
/// + - - - - - - - - - - - - - - - +-------------------------------+
/// |                               |Masking-key, if MASK set to 1  |
/// +-------------------------------+-------------------------------+
/// | Masking-key (continued)       |          Payload Data         |
/// +-------------------------------- - - - - - - - - - - - - - - - +
/// ```
///
/// "The minimal number of bytes MUST be used to encode the length": 7 bits up
/// to 125, 16 bits up to 65535, 64 bits beyond. Server frames carry no mask.
/// Reserved bits are set only for a negotiated extension (RSV1 on the first
/// frame of a compressed message).
public enum FrameEncoder {
    /// Header bytes for a payload of `count` bytes: 2, 4 or 10, plus 4 with a mask.
    @inlinable
    public static func headerLength(payloadCount count: Int, masked: Bool) -> Int {
        let base = count < 126 ? 2 : count <= 0xFFFF ? 4 : 10
        return masked ? base + 4 : base
    }

    /// Appends one frame to `out`. With a `mask`, the payload is masked as it
    /// is copied (the caller's bytes are left alone).
    @inlinable
    public static func append(
        opcode: Opcode, fin: Bool = true, reserved: ReservedBits = [], payload: UnsafeRawBufferPointer,
        mask: MaskKey? = nil, to out: inout [UInt8]
    ) {
        let count = payload.count
        out.append((fin ? 0x80 : 0) | reserved.rawValue | opcode.rawValue)
        let maskBit: UInt8 = mask == nil ? 0 : 0x80
        if count < 126 {
            out.append(maskBit | UInt8(count))
        } else if count <= 0xFFFF {
            out.append(maskBit | 126)
            out.append(UInt8(truncatingIfNeeded: count >> 8))
            out.append(UInt8(truncatingIfNeeded: count))
        } else {
            out.append(maskBit | 127)
            for shift in stride(from: 56, through: 0, by: -8) {
                out.append(UInt8(truncatingIfNeeded: UInt64(count) >> UInt64(shift)))
            }
        }
        if let mask {
            for index in 0..<4 { out.append(mask[index]) }
        }
        let payloadStart = out.count
        out.append(contentsOf: payload)
        if let mask {
            _ = out.withUnsafeMutableBytes { mask.apply(to: UnsafeMutableRawBufferPointer(rebasing: $0[payloadStart...])) }
        }
    }

    /// One complete frame in an array of exactly its size.
    public static func frame(
        opcode: Opcode, fin: Bool = true, reserved: ReservedBits = [], payload: some Sequence<UInt8>, mask: MaskKey? = nil
    ) -> [UInt8] {
        let bytes = Array(payload)
        return bytes.withUnsafeBytes { frame(opcode: opcode, fin: fin, reserved: reserved, payload: $0, mask: mask) }
    }

    /// One complete frame of `payload` in an array of exactly its size.
    public static func frame(
        opcode: Opcode, fin: Bool = true, reserved: ReservedBits = [], payload: UnsafeRawBufferPointer, mask: MaskKey? = nil
    ) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(headerLength(payloadCount: payload.count, masked: mask != nil) + payload.count)
        append(opcode: opcode, fin: fin, reserved: reserved, payload: payload, mask: mask, to: &out)
        return out
    }

    /// The payload of a close frame (section 5.5.1): the code in network byte
    /// order, then a UTF-8 reason cut to fit the 125-byte control-frame limit
    /// on a character boundary. A code that may not appear on the wire (1005,
    /// 1006, 1015, unassigned ranges) gives an empty payload rather than a
    /// frame the peer must reject.
    public static func closePayload(code: CloseCode?, reason: String) -> [UInt8] {
        guard let code, code.isValidOnWire else { return [] }
        var payload: [UInt8] = [UInt8(code.rawValue >> 8), UInt8(code.rawValue & 0xFF)]
        var room = 123
        for character in reason {
            let encoded = Array(String(character).utf8)
            guard encoded.count <= room else { break }
            payload.append(contentsOf: encoded)
            room -= encoded.count
        }
        return payload
    }
}
