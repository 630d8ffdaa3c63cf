import Testing
import WSProtocol

/// One example of RFC 6455 section 5.7, with what each end makes of it.
struct RFCFrameExample: Sendable, CustomTestStringConvertible {
    /// One frame of the example as the sender meant it.
    struct Frame: Sendable {
        var fin = true
        var opcode: Opcode
        var payload: [UInt8]
    }

    let name: String
    let wire: [UInt8]
    let frames: [Frame]
    let mask: MaskKey?
    /// What a session of `receiver`'s role reports, and what it sends back.
    let events: [OwnedEvent]
    let replies: [WireFrame]

    /// Masked examples go client-to-server, unmasked ones server-to-client.
    var receiver: Role { mask == nil ? .client : .server }
    var testDescription: String { name }

    var parsedFrames: [ParsedFrame] {
        frames.map {
            ParsedFrame(
                header: FrameHeader(fin: $0.fin, opcode: $0.opcode, payloadLength: UInt64($0.payload.count), mask: mask),
                payload: $0.payload)
        }
    }

    static let hello = Array("Hello".utf8)
    static let bytes256 = FrameTestBytes.pattern(256)
    static let bytes64K = FrameTestBytes.pattern(65536)

    static let all: [RFCFrameExample] = [
        RFCFrameExample(
            name: "single-frame unmasked text", wire: FrameTestBytes.hex("81 05 48 65 6c 6c 6f"),
            frames: [Frame(opcode: .text, payload: hello)], mask: nil, events: [.text(hello)], replies: []),
        RFCFrameExample(
            name: "single-frame masked text", wire: FrameTestBytes.hex("81 85 37 fa 21 3d 7f 9f 4d 51 58"),
            frames: [Frame(opcode: .text, payload: hello)], mask: PeerFrames.rfcKey,
            events: [.text(hello)], replies: []),
        RFCFrameExample(
            name: "fragmented unmasked text", wire: FrameTestBytes.hex("01 03 48 65 6c 80 02 6c 6f"),
            frames: [Frame(fin: false, opcode: .text, payload: Array("Hel".utf8)),
                     Frame(opcode: .continuation, payload: Array("lo".utf8))],
            mask: nil, events: [.text(hello)], replies: []),
        RFCFrameExample(
            name: "unmasked ping", wire: FrameTestBytes.hex("89 05 48 65 6c 6c 6f"),
            frames: [Frame(opcode: .ping, payload: hello)], mask: nil,
            events: [.ping(hello)], replies: [WireFrame(opcode: .pong, payload: hello, masked: true)]),
        RFCFrameExample(
            name: "masked pong", wire: FrameTestBytes.hex("8a 85 37 fa 21 3d 7f 9f 4d 51 58"),
            frames: [Frame(opcode: .pong, payload: hello)], mask: PeerFrames.rfcKey,
            events: [.pong(hello)], replies: []),
        RFCFrameExample(
            name: "256 bytes binary, 16-bit length", wire: FrameTestBytes.hex("82 7E 01 00") + bytes256,
            frames: [Frame(opcode: .binary, payload: bytes256)], mask: nil,
            events: [.binary(bytes256)], replies: []),
        RFCFrameExample(
            name: "64 KiB binary, 64-bit length",
            wire: FrameTestBytes.hex("82 7F 00 00 00 00 00 01 00 00") + bytes64K,
            frames: [Frame(opcode: .binary, payload: bytes64K)], mask: nil,
            events: [.binary(bytes64K)], replies: []),
    ]
}
