/// libFuzzer entry for the receiving side of `WebSocketSession`, and through
/// it `FrameParser`, `UTF8Validator`, permessage-deflate's `Inflater` and
/// `Deflater`, and the fragmentation, size and close rules.
///
/// Input: one control byte, then the bytes a peer sends after the handshake.
/// Bits 0-6 of the control byte choose where the two-chunk feed cuts the
/// stream; bit 7 makes the endpoint text-only (`acceptsBinary = false`). The
/// stream goes to a server-role and a client-role session, so masked input
/// exercises one and unmasked input the other, each once without extensions
/// and once with permessage-deflate negotiated (RSV1 marks compressed
/// messages; every echo of at least one byte is compressed when it shrinks).
@_cdecl("LLVMFuzzerTestOneInput")
public func frameFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let control = data[0]
    let stream = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let split = Fuzz.splitPoint(control, count: stream.count)
    FrameFuzzer.checkUTF8Validator(stream, split: split)
    for role in [Role.server, .client] {
        for deflate in [false, true] {
            FrameFuzzer(role: role, acceptsBinary: control & 0x80 == 0, deflate: deflate).check(stream, split: split)
        }
    }
    return 0
}

/// A session event copied out of the callback, whose buffers do not outlive it.
enum RecordedEvent: Equatable {
    case text([UInt8])
    case binary([UInt8])
    case ping([UInt8])
    case pong([UInt8])
    case closed(code: UInt16, reason: String)
    case failed(ProtocolError)

    init(_ event: WebSocketSession.Event) {
        switch event {
        case .text(let bytes): self = .text(Array(bytes))
        case .binary(let bytes): self = .binary(Array(bytes))
        case .ping(let bytes): self = .ping(Array(bytes))
        case .pong(let bytes): self = .pong(Array(bytes))
        case .closed(let code, let reason): self = .closed(code: code.rawValue, reason: reason)
        case .failed(let error): self = .failed(error)
        }
    }

    /// Events after which the session must stay silent.
    var isTerminal: Bool {
        switch self {
        case .closed, .failed: true
        case .text, .binary, .ping, .pong: false
        }
    }

    var isData: Bool {
        switch self {
        case .text, .binary: true
        case .ping, .pong, .closed, .failed: false
        }
    }
}

/// Everything one feeding of the stream produced, compared across feedings.
struct Transcript: Equatable {
    var events: [RecordedEvent]
    var frames: [WireFrame]
    var state: WebSocketSession.State
}

/// Checks one role and binary setting against every way of feeding a stream.
struct FrameFuzzer {
    /// Small, so that inputs of a few kilobytes reach the limit.
    static let maxMessageSize = 4096
    /// Echoes in the client role must be masked; a fixed key keeps runs reproducible.
    static let echoMask = MaskKey(rawValue: 0x5AA5_C33C)

    /// One pair for every deflate session: they keep nothing between messages.
    static let inflater = Inflater()
    static let deflater = Deflater()

    let role: Role
    let acceptsBinary: Bool
    let deflate: Bool

    func check(_ stream: [UInt8], split: Int) {
        var sessions: [WebSocketSession] = []
        var transcripts: [Transcript] = []
        for chunks in Fuzz.chunkings(count: stream.count, split: split) {
            var session = makeSession()
            let events = feed(&session, stream, chunks)
            let transcript = Transcript(events: events, frames: outputFrames(session), state: session.state)
            checkEvents(transcript)
            Fuzz.require(transcript.frames == expectedFrames(events),
                         "\(role) output \(transcript.frames) does not answer events \(events)")
            sessions.append(session)
            transcripts.append(transcript)
        }
        for (index, transcript) in transcripts.enumerated().dropFirst() {
            Fuzz.require(transcript == transcripts[0],
                         "\(role) feeding \(index) gave \(transcript), whole input gave \(transcripts[0])")
        }
        checkAfterwards(&sessions[0], stream, known: transcripts[0])
    }

    private func makeSession() -> WebSocketSession {
        let agreed = DeflateParameters(serverNoContextTakeover: true, clientNoContextTakeover: true)
        let compression = PerMessageDeflate(
            agreed, role: role, inflater: Self.inflater, deflater: Self.deflater, minimumSize: 1)
        var session = WebSocketSession(
            role: role, maxMessageSize: Self.maxMessageSize, messageExtension: deflate ? compression : nil)
        session.acceptsBinary = acceptsBinary
        return session
    }

    /// Feeds `chunks` of `stream`, each from its own copy (the session
    /// unmasks in place), echoing data messages as `/echo` replies: through
    /// the session's writer with deflate, else with a fixed mask.
    private func feed(_ session: inout WebSocketSession, _ stream: [UInt8], _ chunks: [Range<Int>]) -> [RecordedEvent] {
        var events: [RecordedEvent] = []
        let mask = role == .client ? Self.echoMask : nil
        let writer = session.messageWriter
        let deflate = self.deflate
        for range in chunks {
            var chunk = Array(stream[range])
            chunk.withUnsafeMutableBytes { buffer in
                session.receive(buffer) { event, output in
                    events.append(RecordedEvent(event))
                    switch event {
                    case .text(let bytes) where deflate: writer.append(text: true, payload: bytes, to: &output)
                    case .binary(let bytes) where deflate: writer.append(text: false, payload: bytes, to: &output)
                    case .text(let bytes): output.appendFrame(opcode: .text, payload: bytes, mask: mask)
                    case .binary(let bytes): output.appendFrame(opcode: .binary, payload: bytes, mask: mask)
                    case .ping, .pong, .closed, .failed: break
                    }
                }
            }
        }
        return events
    }

    /// The queued output as frames; it must decode strictly, as a peer would read it.
    private func outputFrames(_ session: WebSocketSession) -> [WireFrame] {
        let bytes = session.output.withReadableBytes { Array($0) }
        let frames = WireFrame.decodeAll(bytes, masked: role == .client, compressed: deflate)
        Fuzz.require(frames != nil, "\(role) output is not valid frames: \(bytes)")
        return frames ?? []
    }

    /// Per-event rules: nothing after a close or failure, sizes within the
    /// limits, text that is UTF-8, binary only when accepted, wire-valid close codes.
    private func checkEvents(_ transcript: Transcript) {
        let events = transcript.events
        for (index, event) in events.enumerated() {
            Fuzz.require(!event.isTerminal || index == events.count - 1, "\(role) reported \(events) after a close")
            checkEvent(event)
        }
        let expected: WebSocketSession.State = events.last?.isTerminal == true ? .closed : .open
        Fuzz.require(transcript.state == expected, "\(role) state \(transcript.state) after \(events)")
    }

    private func checkEvent(_ event: RecordedEvent) {
        switch event {
        case .text(let bytes):
            Fuzz.require(bytes.count <= Self.maxMessageSize, "text of \(bytes.count) bytes")
            Fuzz.require(String(validating: bytes, as: UTF8.self) != nil, "text is not UTF-8: \(bytes)")
        case .binary(let bytes):
            Fuzz.require(acceptsBinary, "binary delivered to a text-only endpoint")
            Fuzz.require(bytes.count <= Self.maxMessageSize, "binary of \(bytes.count) bytes")
        case .ping(let bytes), .pong(let bytes):
            Fuzz.require(bytes.count <= 125, "control payload of \(bytes.count) bytes")
        case .closed(let code, let reason):
            Fuzz.require(code == 1005 ? reason.isEmpty : CloseCode(code).isValidOnWire, "close \(code) \(reason)")
            Fuzz.require(reason.utf8.count <= 123, "close reason of \(reason.utf8.count) bytes")
        case .failed:
            break
        }
    }

    /// What the session must have queued for `events`, in order: our echoes,
    /// a pong per ping, and one close frame (echoing the peer's code, or
    /// carrying the failure's) after a close or failure.
    private func expectedFrames(_ events: [RecordedEvent]) -> [WireFrame] {
        events.compactMap { event in
            switch event {
            case .text(let bytes): WireFrame(opcode: .text, payload: bytes)
            case .binary(let bytes): WireFrame(opcode: .binary, payload: bytes)
            case .ping(let bytes): WireFrame(opcode: .pong, payload: bytes)
            case .pong: nil
            case .closed(let code, _): WireFrame(opcode: .close, payload: code == 1005 ? [] : Self.bigEndian(code))
            case .failed(let error):
                WireFrame(opcode: .close, payload: Self.bigEndian(error.closeCode.rawValue) + Array(error.reason.utf8))
            }
        }
    }

    private static func bigEndian(_ code: UInt16) -> [UInt8] { [UInt8(code >> 8), UInt8(code & 0xFF)] }

    /// After the stream: a closed session ignores more input; an open one
    /// sends its close, refuses to send more, then reads the peer's remaining
    /// frames without delivering data, queuing nothing but the pongs still
    /// owed (section 5.5.2: until the peer's close arrives).
    private func checkAfterwards(_ session: inout WebSocketSession, _ stream: [UInt8], known: Transcript) {
        if session.state == .closed {
            let events = feed(&session, stream, [0..<stream.count])
            Fuzz.require(events.isEmpty && outputFrames(session) == known.frames, "\(role) input after close: \(events)")
            return
        }
        session.close(code: .normalClosure, reason: "fuzz")
        Fuzz.require(session.closeExpected, "\(role) not waiting for the peer's close")
        let payload: [UInt8] = [1, 2, 3]
        let refused = payload.withUnsafeBytes { !session.send(text: false, payload: $0) && !session.ping($0) }
        Fuzz.require(refused, "\(role) sent after its close frame")
        let frames = known.frames + [WireFrame(opcode: .close, payload: Self.bigEndian(1000) + Array("fuzz".utf8))]
        Fuzz.require(outputFrames(session) == frames, "\(role) close frame not queued as sent")
        let events = feed(&session, stream, [0..<stream.count])
        Fuzz.require(!events.contains { $0.isData }, "\(role) delivered data while closing: \(events)")
        let pongs = events.compactMap { event -> WireFrame? in
            guard case .ping(let bytes) = event else { return nil }
            return WireFrame(opcode: .pong, payload: bytes)
        }
        Fuzz.require(outputFrames(session) == frames + pongs, "\(role) queued more than pongs while closing: \(events)")
        let expected: WebSocketSession.State = events.last?.isTerminal == true ? .closed : .closing
        Fuzz.require(session.state == expected, "\(role) state \(session.state) while closing after \(events)")
    }

    /// Streaming UTF-8 validation must agree with the standard library's on
    /// any split, in both directions (the session only shows the valid side).
    static func checkUTF8Validator(_ bytes: [UInt8], split: Int) {
        let expected = String(validating: bytes, as: UTF8.self) != nil
        for chunks in Fuzz.chunkings(count: bytes.count, split: split) {
            var validator = UTF8Validator()
            let valid = chunks.allSatisfy { validator.validate(Array(bytes[$0])) } && validator.isComplete
            Fuzz.require(valid == expected, "UTF8Validator says \(valid) for \(bytes) cut at \(chunks.map(\.lowerBound))")
        }
    }
}
