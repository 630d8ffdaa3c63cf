import Testing
import WSProtocol

/// A frame a session queued for its peer, decoded and unmasked.
struct WireFrame: Equatable, Sendable, CustomStringConvertible {
    var fin = true
    /// RSV1 marks a compressed message when permessage-deflate was negotiated.
    var reserved: ReservedBits = []
    var opcode: Opcode
    var payload: [UInt8]
    /// Whether it carried a mask, as every client frame must and no server frame may.
    var masked: Bool

    var description: String {
        "\(opcode)\(fin ? "" : " (no FIN)")\(reserved.isEmpty ? "" : " RSV1")\(masked ? " masked" : "") \(PayloadText(payload))"
    }

    /// The status code of a close frame; nil when its payload is empty.
    var closeCode: UInt16? {
        guard opcode == .close, payload.count >= 2 else { return nil }
        return UInt16(payload[0]) << 8 | UInt16(payload[1])
    }

    /// Decodes what a session of `role` queued with a parser of the peer's
    /// role, which also rejects a missing or unexpected mask.
    static func decode(
        _ bytes: [UInt8], sentBy role: Role, extensionBits: ReservedBits = [],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> [WireFrame] {
        var copy = bytes
        let outcome = copy.withUnsafeMutableBytes {
            ParserOutcome.parse([$0], role: PeerFrames.peer(of: role), extensionBits: extensionBits)
        }
        #expect(outcome.error == nil, "the session queued bytes its peer must reject", sourceLocation: sourceLocation)
        #expect(outcome.endedAtBoundary, "the session queued a partial frame", sourceLocation: sourceLocation)
        return outcome.frames.map {
            WireFrame(
                fin: $0.header.fin, reserved: $0.header.reserved, opcode: $0.header.opcode, payload: $0.payload,
                masked: $0.header.mask != nil)
        }
    }
}
