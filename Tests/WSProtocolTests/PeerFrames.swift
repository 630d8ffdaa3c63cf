import WSProtocol

/// What the other endpoint sends to a session of a given role: masked
/// towards a server and unmasked towards a client, as section 5.1 requires.
enum PeerFrames {
    /// The masking key of the section 5.7 examples.
    static let rfcKey = MaskKey(0x37, 0xfa, 0x21, 0x3d)

    static func mask(towards role: Role) -> MaskKey? {
        switch role {
        case .server: rfcKey
        case .client: nil
        }
    }

    /// The role of the endpoint at the other end.
    static func peer(of role: Role) -> Role {
        switch role {
        case .server: .client
        case .client: .server
        }
    }

    static func frame(_ opcode: Opcode, _ payload: [UInt8], fin: Bool = true, to role: Role) -> [UInt8] {
        FrameEncoder.frame(opcode: opcode, fin: fin, payload: payload, mask: mask(towards: role))
    }

    static func text(_ text: String, fin: Bool = true, to role: Role) -> [UInt8] {
        frame(.text, Array(text.utf8), fin: fin, to: role)
    }

    /// A close frame: the code in network byte order, then the reason bytes.
    static func close(code: UInt16?, reason: [UInt8] = [], to role: Role) -> [UInt8] {
        let payload = code.map { [UInt8($0 >> 8), UInt8($0 & 0xFF)] + reason } ?? []
        return frame(.close, payload, to: role)
    }

    /// A well-formed frame whose first byte (FIN, RSV1-3, opcode) is replaced
    /// by `first`, to send what `Opcode` and the encoder cannot express.
    static func frame(firstByte first: UInt8, _ payload: [UInt8], to role: Role) -> [UInt8] {
        var bytes = frame(.binary, payload, to: role)
        bytes[0] = first
        return bytes
    }

    /// A header alone announcing `length` bytes in the shortest length form;
    /// lengths above 65535 (including ones with the MSB set) use the 64-bit form.
    static func header(firstByte first: UInt8, length: UInt64, to role: Role) -> [UInt8] {
        let maskBit: UInt8 = mask(towards: role) == nil ? 0 : 0x80
        var bytes = [first]
        if length < 126 {
            bytes.append(maskBit | UInt8(length))
        } else if length <= 0xFFFF {
            bytes += [maskBit | 126, UInt8(length >> 8), UInt8(length & 0xFF)]
        } else {
            bytes.append(maskBit | 127)
            bytes += stride(from: 56, through: 0, by: -8).map { UInt8(truncatingIfNeeded: length >> UInt64($0)) }
        }
        if let key = mask(towards: role) { bytes += (0..<4).map { key[$0] } }
        return bytes
    }

    /// Valid traffic to append after input that must fail the connection: a
    /// session that really stopped reading reports none of it.
    static func trailer(to role: Role) -> [UInt8] {
        text("after", to: role) + frame(.ping, [1, 2], to: role) + close(code: 1000, to: role)
    }
}
