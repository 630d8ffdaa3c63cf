import WSProtocol

/// The WebSocket phase: frames in, registry work out, deliveries in,
/// server-initiated closes.
extension Connection {
    func consumeFrames(_ bytes: UnsafeMutableRawBufferPointer) {
        switch endpoint {
        case .echo: consumeEcho(bytes)
        case .chat: consumeChat(bytes)
        case nil: return
        }
        // Backpressure on every endpoint: a peer that sends faster than it
        // reads (echoes, or pongs to a ping flood) is not read until its
        // queue drains; the queue then holds at most one read's worth, or one
        // message of the endpoint's limit, above its bound.
        if session.output.count > loop.config.maxOutbound { pauseReading() }
        noteMessageProgress()
        if session.state == .closed {
            finish()  // the peer's close was answered, or the peer broke the protocol
        } else if session.state == .closeReceived {
            answerCloseAfterReplies()
        } else if !session.output.isEmpty {
            loop.markDirty(self)
        }
    }

    /// `/echo`: every message goes back unchanged, in order with the pongs,
    /// written as the session writes (compressed when deflate was negotiated).
    private func consumeEcho(_ bytes: UnsafeMutableRawBufferPointer) {
        var failure: ProtocolError?
        var peerClosed = false
        let writer = session.messageWriter
        session.receive(bytes) { event, output in
            switch event {
            case .text(let payload): writer.append(text: true, payload: payload, to: &output)
            case .binary(let payload): writer.append(text: false, payload: payload, to: &output)
            case .failed(let error): failure = error
            case .closed: peerClosed = true
            case .ping, .pong: return
            }
        }
        peerSentClose = peerSentClose || peerClosed
        if let failure { logFailure(failure) }
    }

    /// Chat: each text message becomes one registry call, in order.
    private func consumeChat(_ bytes: UnsafeMutableRawBufferPointer) {
        let loop = self.loop, id = self.id
        var failure: ProtocolError?
        var peerClosed = false
        var requests = 0
        session.receive(bytes) { event, _ in
            switch event {
            case .text(let payload):
                requests += 1
                loop.submit(RegistryCall.request(from: id, payload: payload))
            case .failed(let error): failure = error
            case .closed: peerClosed = true
            case .binary, .ping, .pong: return
            }
        }
        peerSentClose = peerSentClose || peerClosed
        ServerMetrics.add(loop.metrics.messagesReceived, requests)
        if let failure { logFailure(failure) }
        reportActivity(requestsSent: requests > 0)
    }

    /// Any frame counts as activity for the idle sweep; requests carry that
    /// news themselves, other frames (pongs) are reported at most once a second.
    private func reportActivity(requestsSent: Bool) {
        if requestsSent {
            lastReportedActivity = loop.now
        } else if loop.now - lastReportedActivity >= 1_000_000_000 {
            lastReportedActivity = loop.now
            loop.submit(.touch(id))
        }
    }

    private func logFailure(_ error: ProtocolError) {
        ServerMetrics.add(loop.metrics.protocolErrors, 1)
        logClosing(with: error.closeCode, reason: error.reason)
    }

    /// The info line of a close for cause that has no line of its own.
    func logClosing(with code: CloseCode, reason: String) {
        Log.info("\(id): closing with \(code): \(reason)")
    }

    // MARK: Registry output

    func deliver(_ action: Delivery.Action) {
        switch action {
        case .event(let event):
            guard phase == .open || phase == .answeringClose else { return }
            let frame = deflateWindow.map {
                event.frame(deflatingWith: loop.deflater, windowBits: $0, minimumSize: loop.config.deflateMinSize)
            } ?? event.frame
            // An empty queue always takes one event, however large: one
            // maximal event must fit any client's budget.
            guard session.output.isEmpty || session.output.count + frame.count <= outboundLimit else {
                return closeSlowConsumer()
            }
            session.sendEncoded(frame)
        case .ping:
            guard phase == .open else { return }
            session.ping(UnsafeRawBufferPointer(start: nil, count: 0))
        case .close(let reason):
            // The registry closes for cause (sustained rate-limit abuse): an operator wants to see it.
            logClosing(with: reason.code, reason: reason.text)
            close(code: reason.code, reason: reason.text)
            return
        case .closeIfIdle:
            closeIfStillIdle()
            return
        case .completeClose:
            completeClose()
            return
        case .extendExpiry(let expiry):
            armTokenExpiry(expiry)
            return
        case .respond(let response):
            answerAPI(response)
            return
        }
        loop.markDirty(self)
    }

    /// The peer closed: leave the registry, which acknowledges after the
    /// replies it still owes this client, then answer the close.
    private func answerCloseAfterReplies() {
        phase = .answeringClose
        guard inRegistry else { return completeClose() }
        armCloseDeadline()
        leaveRegistry(acknowledge: true)
    }

    private func completeClose() {
        guard phase == .answeringClose else { return }
        session.completeClose()
        finish()
    }

    /// Starts the close handshake; the peer has `--close-timeout` to answer.
    func close(code: CloseCode, reason: String) {
        if phase == .answeringClose { return completeClose() }
        guard phase == .open else { return }
        session.close(code: code, reason: reason)
        phase = .closing
        leaveRegistry()
        armCloseDeadline()
        loop.markDirty(self)
    }

    /// The registry judged the client idle from what it last heard. If this
    /// loop has seen bytes since, or bytes sit unread in the socket because
    /// the server fell behind, the client is not idle: tell the registry.
    private func closeIfStillIdle() {
        guard phase == .open else { return }
        let silentFor = Double(loop.now - liveness.lastActivity) / 1e9
        if silentFor < loop.config.chat.idleTimeout || transport.hasUnreadInput {
            lastReportedActivity = loop.now
            loop.submit(.touch(id))
            return
        }
        closeAsIdle()
    }

    /// The echo endpoint's own idle cycle, run by the loop's sweep (chat
    /// clients are swept by the registry).
    func sweepEcho(pingAfter: UInt64, closeAfter: UInt64) {
        guard phase == .open, endpoint == .echo else { return }
        switch liveness.sweep(now: loop.now, pingAfter: pingAfter, closeAfter: closeAfter) {
        case .ping?: deliver(.ping)
        case .close?: closeAsIdle()
        case nil: return
        }
    }

    private func closeAsIdle() {
        ServerMetrics.add(loop.metrics.idleCloses, 1)
        Log.info("\(id): closing after \((loop.now - liveness.lastActivity) / 1_000_000_000) s idle")
        close(code: .goingAway, reason: "idle timeout")
    }

    private func closeSlowConsumer() {
        ServerMetrics.add(loop.metrics.slowConsumerCloses, 1)
        Log.info("\(id): closing slow consumer with \(session.output.count) bytes queued")
        close(code: .policyViolation, reason: "slow consumer")
    }
}
