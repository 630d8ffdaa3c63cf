/// Decodes the frame layout of RFC 6455 section 5.2 (drawn in `FrameEncoder`)
/// from a byte stream split anywhere: 7-, 16- and 64-bit lengths, headers
/// cut mid-way, payloads arriving in pieces.
///
/// Every frame comes out as one `.header` followed by one or more `.payload`
/// chunks, the last flagged `isLast` (an empty payload gives one empty last
/// chunk). Chunks are views into the caller's buffer, unmasked in place, so a
/// frame that arrives whole is never copied. Header rules that depend on
/// nothing but the header are enforced here, as soon as the bytes that break
/// them arrive.
public struct FrameParser: Sendable {
    /// One step of output; the buffer is valid until the caller's input buffer changes.
    public enum Output {
        case header(FrameHeader)
        case payload(UnsafeMutableRawBufferPointer, isLast: Bool)
    }

    /// Where the parser stands within the current frame.
    private enum State: Sendable {
        /// Reading a header (its first bytes are in `partialHeader` if it arrived split).
        case header
        /// Streaming a payload: bytes still due, and the mask phase reached.
        case payload(remaining: UInt64, mask: MaskKey?, phase: Int)
    }

    private let role: Role
    /// Reserved bits a negotiated extension gives a meaning to; any other fails the connection.
    public let extensionBits: ReservedBits
    private var state = State.header
    /// Header bytes kept across reads when a header arrives split (at most 14).
    private var partialHeader: [UInt8] = []

    public init(role: Role, extensionBits: ReservedBits = []) {
        self.role = role
        self.extensionBits = extensionBits
    }

    /// True between frames, with no partial header held.
    public var isAtFrameBoundary: Bool {
        switch state {
        case .header: partialHeader.isEmpty
        case .payload: false
        }
    }

    /// Takes the next step from the front of `input`, advancing it past the
    /// bytes used. Returns nil when `input` holds nothing more to decode.
    public mutating func next(_ input: inout UnsafeMutableRawBufferPointer) throws(ProtocolError) -> Output? {
        switch state {
        case .header:
            guard let header = try nextHeader(&input) else { return nil }
            state = .payload(remaining: header.payloadLength, mask: header.mask, phase: 0)
            return .header(header)
        case .payload(let remaining, let mask, let phase):
            return nextPayloadChunk(&input, remaining: remaining, mask: mask, phase: phase)
        }
    }

    private mutating func nextPayloadChunk(
        _ input: inout UnsafeMutableRawBufferPointer, remaining: UInt64, mask: MaskKey?, phase: Int
    ) -> Output? {
        guard remaining == 0 || !input.isEmpty else { return nil }
        let take = Int(min(remaining, UInt64(input.count)))
        let chunk = UnsafeMutableRawBufferPointer(rebasing: input[..<take])
        input = UnsafeMutableRawBufferPointer(rebasing: input[take...])
        let nextPhase = mask?.apply(to: chunk, phase: phase) ?? 0
        let left = remaining - UInt64(take)
        state = left == 0 ? .header : .payload(remaining: left, mask: mask, phase: nextPhase)
        return .payload(chunk, isLast: left == 0)
    }

    /// Decodes a header straight from `input` when it is all there and
    /// nothing is held over; otherwise collects bytes in `partialHeader`.
    private mutating func nextHeader(_ input: inout UnsafeMutableRawBufferPointer) throws(ProtocolError) -> FrameHeader? {
        if partialHeader.isEmpty, input.count >= 2 {
            let needed = try Self.headerLength(
                input[input.startIndex], input[input.startIndex + 1], role: role, extensionBits: extensionBits)
            if input.count >= needed {
                let header = try Self.decode(UnsafeRawBufferPointer(rebasing: input[..<needed]))
                input = UnsafeMutableRawBufferPointer(rebasing: input[needed...])
                return header
            }
        }
        return try collectHeader(&input)
    }

    private mutating func collectHeader(_ input: inout UnsafeMutableRawBufferPointer) throws(ProtocolError) -> FrameHeader? {
        while !input.isEmpty {
            partialHeader.append(input[input.startIndex])
            input = UnsafeMutableRawBufferPointer(rebasing: input[(input.startIndex + 1)...])
            guard partialHeader.count >= 2 else { continue }
            let needed = try Self.headerLength(
                partialHeader[0], partialHeader[1], role: role, extensionBits: extensionBits)
            if partialHeader.count == needed {
                let header = try partialHeader.withUnsafeBytes { bytes in
                    Result { () throws(ProtocolError) in try Self.decode(bytes) }
                }.get()
                partialHeader = []
                return header
            }
        }
        return nil
    }

    /// Validates the first two header bytes and returns the header's full
    /// length, so a broken frame fails before the rest of it arrives. Static,
    /// with the rare reserved-bit rules out of line: measured, this shape keeps
    /// the plain frame's parse at the instruction count it had before extensions.
    static func headerLength(
        _ first: UInt8, _ second: UInt8, role: Role, extensionBits: ReservedBits
    ) throws(ProtocolError) -> Int {
        if first & 0x70 != 0 { try checkReservedBits(first, extensionBits) }
        // "If an unknown opcode is received, the receiving endpoint MUST _Fail the WebSocket Connection_."
        guard let opcode = Opcode(rawValue: first & 0x0F) else { throw .reservedOpcode(first & 0x0F) }
        let masked = second & 0x80 != 0
        if masked != role.expectsMaskedInput {
            throw masked ? .maskedServerFrame : .unmaskedClientFrame
        }
        let shortLength = second & 0x7F
        if opcode.isControl {
            // "All control frames MUST have a payload length of 125 bytes or less and MUST NOT be fragmented."
            guard first & 0x80 != 0 else { throw .fragmentedControlFrame }
            guard shortLength <= 125 else { throw .controlFrameTooLong }
        }
        let lengthBytes = shortLength == 127 ? 8 : shortLength == 126 ? 2 : 0
        return 2 + lengthBytes + (masked ? 4 : 0)
    }

    /// RFC 6455: reserved bits "MUST be 0 unless an extension is negotiated
    /// that defines meanings for non-zero values". Extensions here work per
    /// message, like permessage-deflate, so their bits belong on the first
    /// frame of a data message only (RFC 7692 section 6.1: "An endpoint MUST NOT
    /// set the "Per-Message Compressed" bit of control frames and non-first
    /// fragments of a data message. An endpoint receiving such a frame MUST
    /// _Fail the WebSocket Connection_").
    @inline(never)
    private static func checkReservedBits(_ first: UInt8, _ extensionBits: ReservedBits) throws(ProtocolError) {
        guard extensionBits.isSuperset(of: ReservedBits(rawValue: first)) else { throw .reservedBitsSet }
        let opcode = first & 0x0F
        guard opcode == Opcode.text.rawValue || opcode == Opcode.binary.rawValue else { throw .misplacedReservedBits }
    }

    /// Decodes a complete header whose first two bytes already passed `headerLength`.
    static func decode(_ bytes: UnsafeRawBufferPointer) throws(ProtocolError) -> FrameHeader {
        let first = bytes[0], second = bytes[1]
        var offset = 2
        var length = UInt64(second & 0x7F)
        if length == 126 {
            length = UInt64(bytes[2]) << 8 | UInt64(bytes[3])
            offset = 4
        } else if length == 127 {
            length = (2..<10).reduce(0) { $0 << 8 | UInt64(bytes[$1]) }
            offset = 10
            // "the most significant bit MUST be 0"
            guard length >> 63 == 0 else { throw .invalidLength }
        }
        let mask = second & 0x80 == 0 ? nil
            : MaskKey(bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3])
        guard let opcode = Opcode(rawValue: first & 0x0F) else { throw .reservedOpcode(first & 0x0F) }
        return FrameHeader(
            fin: first & 0x80 != 0, reserved: ReservedBits(rawValue: first), opcode: opcode, payloadLength: length, mask: mask)
    }
}
