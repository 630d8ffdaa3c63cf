/// Sending: data messages, shared frames, pings, and the close handshake
/// started or failed from our side.
extension WebSocketSession {
    /// Answers the peer's close after a deferred reply (see `defersCloseReply`).
    public mutating func completeClose() {
        guard state == .closeReceived else { return }
        queueClose(code: deferredCloseCode, reason: "")
        state = .closed
    }

    /// Fails the connection (section 7.1.7): queues a close frame with the
    /// error's code unless one was sent already, and stops reading.
    public mutating func fail(_ error: ProtocolError) {
        if state == .open || state == .closeReceived { queueClose(code: error.closeCode, reason: error.reason) }
        state = .closed
        releaseBuffers()
    }

    /// Whether data frames may still be queued: not after our close frame,
    /// since "the endpoint MUST NOT send any more data frames" after it.
    public var canSend: Bool { state == .open || state == .closeReceived }

    /// Queues a data frame (a whole message), compressed when the negotiated
    /// extension finds it worth it; false once a close frame was sent.
    @discardableResult
    public mutating func send(text: Bool, payload: UnsafeRawBufferPointer) -> Bool {
        guard canSend else { return false }
        messageWriter.append(text: text, payload: payload, to: &output)
        return true
    }

    /// Queues frame bytes encoded once elsewhere and shared by many sessions
    /// (server role only: a server frame carries no mask, so it can be
    /// shared; a client "MUST mask all frames", so a client session refuses).
    @discardableResult
    public mutating func sendEncoded(_ frame: [UInt8]) -> Bool {
        guard canSend, role == .server else { return false }
        output.append(frame)
        return true
    }

    /// Queues the pong held back under `pongHoldThreshold`, if any; true when
    /// one was queued. None after the peer's close ("unless it already
    /// received a Close frame").
    @discardableResult
    public mutating func releaseHeldPong() -> Bool {
        guard let held = heldPong else { return false }
        heldPong = nil
        guard state == .open || state == .closing else { return false }
        held.withUnsafeBytes { output.appendFrame(opcode: .pong, payload: $0, mask: role.freshMask()) }
        return true
    }

    /// Queues a ping; false after our close, or for a payload over the
    /// 125 bytes that "all control frames MUST" keep to.
    @discardableResult
    public mutating func ping(_ payload: UnsafeRawBufferPointer) -> Bool {
        guard state == .open, payload.count <= 125 else { return false }
        output.appendFrame(opcode: .ping, payload: payload, mask: role.freshMask())
        return true
    }

    /// Starts the close handshake (section 7.1.2); the peer's reply arrives as `.closed`.
    public mutating func close(code: CloseCode, reason: String = "") {
        if state == .closeReceived { return completeClose() }
        guard state == .open else { return }
        queueClose(code: code, reason: reason)
        state = .closing
    }

    mutating func queueClose(code: CloseCode?, reason: String) {
        FrameEncoder.closePayload(code: code, reason: reason).withUnsafeBytes {
            output.appendFrame(opcode: .close, payload: $0, mask: role.freshMask())
        }
    }

    mutating func releaseBuffers() {
        messageBuffer = []
        controlBuffer = []
        message = nil
        messageBits = []
    }
}
