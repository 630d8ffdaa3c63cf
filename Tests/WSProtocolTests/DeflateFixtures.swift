import WSProtocol

/// permessage-deflate as the server negotiates it (no context takeover
/// either way), compressed fixtures, and the frames a peer sends with them.
enum DeflateFixtures {
    static let agreed = DeflateParameters(serverNoContextTakeover: true, clientNoContextTakeover: true)

    /// A session extension with its own zlib streams; `minimumSize` 0
    /// compresses every message that shrinks.
    static func compression(role: Role, minimumSize: Int = 0) -> PerMessageDeflate {
        PerMessageDeflate(agreed, role: role, inflater: Inflater(), deflater: Deflater(), minimumSize: minimumSize)
    }

    /// `payload` compressed as one message (RFC 7692 section 7.2.1).
    static func compressed(_ payload: [UInt8], windowBits: Int = 15) -> [UInt8] {
        var result: [UInt8] = []
        payload.withUnsafeBytes { bytes in Deflater().compress(bytes, windowBits: windowBits) { result = Array($0) } }
        return result
    }

    /// A whole compressed message in one frame: RSV1 and FIN set.
    static func frame(_ opcode: Opcode, compressed payload: [UInt8], to role: Role) -> [UInt8] {
        PeerFrames.frame(firstByte: 0xC0 | opcode.rawValue, payload, to: role)
    }

    /// A compressed message's payload cut into fragments: RSV1 on the first frame only.
    static func fragments(_ opcode: Opcode, compressed parts: [[UInt8]], to role: Role) -> [UInt8] {
        parts.enumerated().flatMap { index, part in
            let fin: UInt8 = index == parts.count - 1 ? 0x80 : 0
            let first = index == 0 ? fin | 0x40 | opcode.rawValue : fin
            return PeerFrames.frame(firstByte: first, part, to: role)
        }
    }

    /// The payload a frame stands for: inflated when it carries RSV1.
    static func inflated(_ frame: WireFrame) throws -> [UInt8] {
        frame.reserved.contains(.rsv1) ? try inflate(frame.payload) : frame.payload
    }

    /// A compressed payload inflated by a fresh `Inflater`.
    static func inflate(_ compressed: [UInt8], limit: Int = .max) throws(ProtocolError) -> [UInt8] {
        var result: [UInt8] = []
        var failure: ProtocolError?
        compressed.withUnsafeBytes { bytes in
            do throws(ProtocolError) {
                try Inflater().inflate(bytes, limit: limit) { result = Array($0) }
            } catch {
                failure = error
            }
        }
        if let failure { throw failure }
        return result
    }

    /// JSON like the chat server's message events, `count` bytes long.
    static func chatJSON(_ count: Int) -> [UInt8] {
        var text: [UInt8] = []
        var seq = 40
        while text.count < count {
            seq += 1
            text += Array(#"{"type":"message","room":"dev","seq":\#(seq),"id":"c7","name":"alice","text":"hello number \#(seq * 7919 % 1000)","ts":17953209\#(seq)447}"#.utf8)
        }
        return Array(text.prefix(count))
    }
}
