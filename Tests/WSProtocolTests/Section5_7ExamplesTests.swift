import Testing
import WSProtocol

/// The section 5.7 byte strings, decoded by the parser and the session of
/// the receiving role and produced exactly by the encoder.
@Suite("RFC 6455 §5.7: examples")
struct Section5_7ExamplesTests {
    @Test("FrameParser decodes the example", arguments: RFCFrameExample.all)
    func parserDecodes(_ example: RFCFrameExample) {
        let outcome = ParserOutcome.parseAllWays(example.wire, role: example.receiver)
        #expect(outcome.error == nil)
        #expect(outcome.contractHeld)
        #expect(outcome.endedAtBoundary)
        #expect(outcome.frames == example.parsedFrames)
    }

    @Test("WebSocketSession reports the message and replies", arguments: RFCFrameExample.all)
    func sessionDecodes(_ example: RFCFrameExample) {
        let outcome = SessionHarness.decodeAllWays(example.wire, role: example.receiver)
        #expect(outcome.events == example.events)
        #expect(outcome.sent == example.replies)
        #expect(outcome.state == .open)
    }

    @Test("FrameEncoder produces exactly the example's bytes", arguments: RFCFrameExample.all)
    func encoderProduces(_ example: RFCFrameExample) {
        let encoded = example.frames.flatMap {
            FrameEncoder.frame(opcode: $0.opcode, fin: $0.fin, payload: $0.payload, mask: example.mask)
        }
        #expect(encoded == example.wire)
    }

    @Test("OutboundBuffer.appendFrame queues the same bytes", arguments: RFCFrameExample.all)
    func outboundBufferProduces(_ example: RFCFrameExample) {
        var buffer = OutboundBuffer()
        for frame in example.frames {
            frame.payload.withUnsafeBytes {
                buffer.appendFrame(opcode: frame.opcode, fin: frame.fin, payload: $0, mask: example.mask)
            }
        }
        #expect(buffer.withReadableBytes { Array($0) } == example.wire)
    }

    @Test("the server sends the single-frame text example as is")
    func serverSendsHello() {
        var session = WebSocketSession(role: .server, maxMessageSize: 1024)
        let accepted = RFCFrameExample.hello.withUnsafeBytes { session.send(text: true, payload: $0) }
        #expect(accepted)
        #expect(session.output.withReadableBytes { Array($0) } == RFCFrameExample.all[0].wire)
    }
}
