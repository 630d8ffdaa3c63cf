/// One WebSocket endpoint after the opening handshake, without I/O: bytes go
/// in through `receive`, events come out through its callback, and every
/// byte to send (application frames, pongs, close frames) is queued in
/// `output` in the order it must go on the wire.
///
/// It assembles fragmented messages (section 5.4) with control frames
/// interleaved, validates text as UTF-8 while it streams in (section 8.1),
/// enforces the message size limit as soon as a frame header announces too
/// much (section 10.4), answers pings (section 5.5.2) and runs the close
/// handshake (sections 5.5.1 and 7). A protocol error fails the connection:
/// a close frame with the error's code is queued and input stops.
///
/// With a negotiated `MessageExtension` (permessage-deflate), a message whose
/// first frame carries the extension's reserved bit is collected whole, its
/// compressed size held to the same limit, then decoded with the limit
/// enforced on the decoded size, and its text validated afterwards.
public struct WebSocketSession: Sendable {
    /// Where the close handshake stands.
    public enum State: Sendable, Equatable {
        /// Data may flow both ways.
        case open
        /// We sent a close frame and wait for the peer's (`closeExpected`).
        case closing
        /// The peer's close arrived and, with `defersCloseReply`, our reply
        /// waits for `completeClose()`; data may still be sent, none is read.
        case closeReceived
        /// Both close frames went by, or the connection failed: no more input is read.
        case closed
    }

    /// What the peer sent. Payload buffers are valid only during the callback.
    public enum Event {
        case text(UnsafeRawBufferPointer)
        case binary(UnsafeRawBufferPointer)
        /// A ping, already answered with a pong carrying the same payload.
        case ping(UnsafeRawBufferPointer)
        case pong(UnsafeRawBufferPointer)
        /// The peer's close frame: code (1005 if it carried none) and reason.
        /// If it started the handshake, our reply is queued in `output`.
        case closed(CloseCode, reason: String)
        /// The peer broke the protocol; our close frame is queued in `output`.
        case failed(ProtocolError)
    }

    /// A message or control frame whose last byte just arrived.
    private struct Completed {
        var opcode: Opcode
        var payload: Payload
    }

    /// Payload bytes either still in the caller's buffer or assembled here.
    enum Payload {
        case borrowed(UnsafeRawBufferPointer)
        case owned([UInt8])

        func withBytes<Failure: Error>(_ body: (UnsafeRawBufferPointer) throws(Failure) -> Void) throws(Failure) {
            switch self {
            case .borrowed(let bytes):
                try body(bytes)
            case .owned(let array):
                try array.withUnsafeBytes { bytes in Result { () throws(Failure) in try body(bytes) } }.get()
            }
        }
    }

    /// The data message being assembled from fragments.
    struct MessageInProgress: Sendable {
        var isText: Bool
        /// Bytes on the wire so far (compressed bytes for a compressed message).
        var size: UInt64
    }

    public let role: Role
    /// The extension agreed in the opening handshake, if any.
    public let messageExtension: (any MessageExtension)?
    /// Largest message accepted, summed over its fragments; for a compressed
    /// message both its compressed and its decoded size.
    public var maxMessageSize: Int
    /// False on a text-only endpoint: a binary frame then fails the
    /// connection with 1003 as soon as its header arrives.
    public var acceptsBinary = true
    /// True: data messages that arrive after our close frame, before the
    /// peer's, are still reported, for a client that wants the replies to
    /// what it sent before closing. Section 5.5.1 leaves this to us: "there
    /// is no guarantee that the endpoint that has already sent a Close frame
    /// will continue to process data". False, the default: they are read
    /// only to find the peer's close, and dropped.
    public var reportsDataWhileClosing = false
    /// True: when the peer starts the close handshake, the session does not
    /// answer at once but waits for `completeClose()`, so the replies to the
    /// requests that came before the close can still go out. Section 5.5.1
    /// allows it: "An endpoint MAY delay sending a Close frame until its
    /// current message is sent". The caller must bound the wait.
    public var defersCloseReply = false
    /// Above this many queued output bytes, a ping's pong is held rather
    /// than queued, and a later ping's pong replaces it: section 5.5.3 lets
    /// "an endpoint ... elect to send a Pong frame for only the most recently
    /// processed Ping frame". The caller queues it with `releaseHeldPong()`
    /// once its output drained. Nil: every pong is queued at once.
    public var pongHoldThreshold: Int?
    /// The held pong's payload (at most 125 bytes).
    var heldPong: [UInt8]?
    public internal(set) var state = State.open
    /// Bytes to write to the peer, in order.
    public var output = OutboundBuffer()

    private var parser: FrameParser
    var frame: FrameHeader?
    var message: MessageInProgress?
    /// The reserved bits of the current message's first frame: non-empty
    /// when the extension must decode it (see `WebSocketSession+Decoding`).
    var messageBits: ReservedBits = []
    /// The current frame's payload belongs to such a message.
    private var decodesFrame = false
    private var utf8 = UTF8Validator()
    /// Fragments (or a frame split across reads) of the current message.
    var messageBuffer: [UInt8] = []
    /// A control frame's payload when it arrives split across reads.
    var controlBuffer: [UInt8] = []
    /// The code to echo once `completeClose()` is called.
    var deferredCloseCode: CloseCode?

    public init(role: Role, maxMessageSize: Int, messageExtension: (any MessageExtension)? = nil) {
        self.role = role
        self.maxMessageSize = maxMessageSize
        self.messageExtension = messageExtension
        self.parser = FrameParser(role: role, extensionBits: messageExtension?.reservedBits ?? [])
    }

    /// Writes data messages as `send` does, for replies queued from inside
    /// `receive`'s callback.
    public var messageWriter: MessageWriter {
        MessageWriter(role: role, messageExtension: messageExtension)
    }

    /// True once we sent a close frame and are waiting for the peer's reply:
    /// the I/O layer arms its close timer.
    public var closeExpected: Bool { state == .closing }

    /// A data message has begun (its first frame header arrived) and not
    /// ended: the I/O layer bounds how long that may take.
    public var isAssemblingMessage: Bool { message != nil }

    // MARK: Receiving

    /// Consumes `input` (unmasking it in place) and reports each event.
    /// Input after the close handshake or a failure is ignored.
    public mutating func receive(_ input: UnsafeMutableRawBufferPointer, _ onEvent: (Event) -> Void) {
        receive(input) { event, _ in onEvent(event) }
    }

    /// Like `receive(_:_:)`, but the callback may queue replies through
    /// `output`, in order with the pongs and close frames the session queues
    /// itself (the session cannot be called while it is receiving). Replies
    /// are queued as written: server frames carry no mask.
    public mutating func receive(
        _ input: UnsafeMutableRawBufferPointer, replying onEvent: (Event, inout OutboundBuffer) -> Void
    ) {
        var rest = input
        while state == .open || state == .closing {
            do throws(ProtocolError) {
                guard let step = try parser.next(&rest) else { return }
                switch step {
                case .header(let header):
                    try begin(header)
                case .payload(let chunk, let isLast):
                    if decodesFrame {
                        try takeTransformed(UnsafeRawBufferPointer(chunk), isLast: isLast, onEvent)
                        continue
                    }
                    guard let completed = try take(UnsafeRawBufferPointer(chunk), isLast: isLast) else { continue }
                    try completed.payload.withBytes { (bytes) throws(ProtocolError) in
                        try report(completed.opcode, bytes, onEvent)
                    }
                }
            } catch {
                fail(error)
                onEvent(.failed(error), &output)
            }
        }
    }

    /// Applies the fragmentation rules of section 5.4 and the size limit to a new frame.
    private mutating func begin(_ header: FrameHeader) throws(ProtocolError) {
        frame = header
        switch header.opcode {
        case .close, .ping, .pong:
            decodesFrame = false
            return
        case .continuation:
            // Continuation frames belong to a fragmented message in progress.
            guard message != nil else { throw .unexpectedContinuation }
        case .text, .binary:
            // "The fragments of one message MUST NOT be interleaved between the
            // fragments of another message."
            guard message == nil else { throw .expectedContinuation }
            if header.opcode == .binary, !acceptsBinary { throw .unsupportedData }
            message = MessageInProgress(isText: header.opcode == .text, size: 0)
            messageBits = header.reserved
            utf8.reset()
        }
        decodesFrame = !messageBits.isEmpty
        let size = (message?.size ?? 0) &+ header.payloadLength
        guard size <= UInt64(maxMessageSize), size >= header.payloadLength else {
            throw .messageTooBig(limit: maxMessageSize)
        }
        message?.size = size
    }

    /// Adds a payload chunk to the frame in progress; returns the message or
    /// control frame it completes, if any.
    private mutating func take(_ chunk: UnsafeRawBufferPointer, isLast: Bool) throws(ProtocolError) -> Completed? {
        guard let frame else { return nil }
        if frame.opcode.isControl {
            return takeControl(frame.opcode, chunk, isLast: isLast)
        }
        guard let current = message else { return nil }
        if current.isText, !utf8.validate(chunk) { throw .invalidUTF8 }
        guard isLast, frame.fin else {
            messageBuffer.append(contentsOf: chunk)
            return nil
        }
        message = nil
        if current.isText, !utf8.isComplete { throw .invalidUTF8 }
        let opcode: Opcode = current.isText ? .text : .binary
        if messageBuffer.isEmpty {
            // Every earlier chunk of this message was empty, so `chunk` is the
            // whole message: deliver it from the caller's buffer, uncopied.
            return Completed(opcode: opcode, payload: .borrowed(chunk))
        }
        messageBuffer.append(contentsOf: chunk)
        defer { messageBuffer = [] }
        return Completed(opcode: opcode, payload: .owned(messageBuffer))
    }

    private mutating func takeControl(_ opcode: Opcode, _ chunk: UnsafeRawBufferPointer, isLast: Bool) -> Completed? {
        if isLast, controlBuffer.isEmpty {
            return Completed(opcode: opcode, payload: .borrowed(chunk))
        }
        controlBuffer.append(contentsOf: chunk)
        guard isLast else { return nil }
        defer { controlBuffer = [] }
        return Completed(opcode: opcode, payload: .owned(controlBuffer))
    }

    /// Acts on a completed message or control frame and reports it.
    mutating func report(
        _ opcode: Opcode, _ payload: UnsafeRawBufferPointer, _ onEvent: (Event, inout OutboundBuffer) -> Void
    ) throws(ProtocolError) {
        switch opcode {
        case .text, .binary, .continuation:
            // After our close frame the peer's remaining data is read only to
            // find its close, unless the caller still wants it.
            guard state == .open || (state == .closing && reportsDataWhileClosing) else { return }
            onEvent(opcode == .text ? .text(payload) : .binary(payload), &output)
        case .ping:
            // "Upon receipt of a Ping frame, an endpoint MUST send a Pong frame in
            // response, unless it already received a Close frame": our own close
            // frame does not lift that duty, since a pong is not a data frame.
            if let threshold = pongHoldThreshold, output.count > threshold {
                heldPong = Array(payload)
            } else {
                output.appendFrame(opcode: .pong, payload: payload, mask: role.freshMask())
            }
            onEvent(.ping(payload), &output)
        case .pong:
            onEvent(.pong(payload), &output)
        case .close:
            let (code, reason) = try receiveClose(payload)
            onEvent(.closed(code, reason: reason), &output)
        }
    }

    /// Section 5.5.1: the close payload is empty, or a valid code and a UTF-8
    /// reason. Answers the close if we did not start the handshake.
    private mutating func receiveClose(_ payload: UnsafeRawBufferPointer) throws(ProtocolError) -> (CloseCode, String) {
        guard payload.count != 1 else { throw .truncatedClosePayload }
        var code: CloseCode?
        var reason = ""
        if payload.count >= 2 {
            let raw = UInt16(payload[0]) << 8 | UInt16(payload[1])
            guard CloseCode(raw).isValidOnWire else { throw .invalidCloseCode(raw) }
            let reasonBytes = UnsafeRawBufferPointer(rebasing: payload[2...])
            var validator = UTF8Validator()
            guard validator.validate(reasonBytes), validator.isComplete else { throw .invalidUTF8 }
            code = CloseCode(raw)
            reason = String(decoding: reasonBytes, as: UTF8.self)
        }
        // "If an endpoint receives a Close frame and did not previously send a
        // Close frame, the endpoint MUST send a Close frame in response."
        // It echoes the code; a close without a code is answered without one,
        // because 1005 must never be sent.
        releaseBuffers()
        if state == .open, defersCloseReply {
            deferredCloseCode = code
            state = .closeReceived
        } else {
            if state == .open { queueClose(code: code, reason: "") }
            state = .closed
        }
        return (code ?? .noStatusReceived, reason)
    }
}
