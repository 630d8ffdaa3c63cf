import SystemKit
import WSProtocol

/// One client socket and its protocol state: the only type that holds both
/// a transport (the socket, or a TLS session on it) and a WebSocket
/// session. It lives on one loop and is only touched from that loop's thread.
///
/// Phases: `tlsHandshake` (TLS only: the handshake, epoll interest as
/// OpenSSL asks) → `http` (reading the request head) → `open` (a WebSocket
/// session) → `closing` (our close frame sent, waiting for the peer's) →
/// `finishing` (last bytes being written) → `lingering` (close_notify and
/// FIN sent, input discarded until the peer's EOF) → `closed`. One deadline,
/// `--handshake-timeout` from the accept, bounds the first two. Closing and
/// later phases are bounded by `--close-timeout`, because closing a socket
/// with unread input makes the kernel send a reset that can destroy the
/// close frame still in flight.
///
/// Its state is `@exclusivity(unchecked)`: a connection is touched by one
/// thread, and no access to it overlaps another (the compiler's static
/// checks still hold), while the runtime's check on every access to a class
/// property was a quarter of the instructions of a fan-out delivery
/// (callgrind; docs/performance.md, section 10).
final class Connection {
    /// Where the connection is in its life.
    enum Phase {
        case tlsHandshake, http, open
        /// The chat peer sent its close; replies to its last requests still
        /// go out, then our close frame (bounded by the close timeout).
        case answeringClose
        case closing, finishing, lingering, closed
    }

    /// What an upgraded connection serves.
    enum Endpoint {
        case chat, echo
    }

    let transport: Transport
    let id: ClientID
    let peer: PeerAddress
    unowned let loop: EventLoop
    @exclusivity(unchecked) var phase: Phase
    @exclusivity(unchecked) var endpoint: Endpoint?
    @exclusivity(unchecked) var head: HTTPRequestHeadParser
    @exclusivity(unchecked) var session: WebSocketSession
    @exclusivity(unchecked) var interest = IOEvents.readable
    @exclusivity(unchecked) var isDirty = false
    /// Listed to be read again this pass (TLS holds input epoll cannot see).
    @exclusivity(unchecked) var awaitsReread = false
    /// Not read until its output drains (it sends faster than it reads).
    @exclusivity(unchecked) var readPaused = false
    /// Not read until the registry's backlog drains (see `RegistryBacklog`).
    @exclusivity(unchecked) var isThrottled = false
    /// When the last byte arrived, and the idle cycle (used here for echo
    /// sessions, and to check the registry's idle verdicts for chat).
    @exclusivity(unchecked) var liveness: LivenessCycle
    /// When the registry last heard of this client's activity.
    @exclusivity(unchecked) var lastReportedActivity: UInt64 = 0
    /// The armed deadline (handshake or close); 0 when none.
    @exclusivity(unchecked) var deadline: UInt64 = 0
    @exclusivity(unchecked) var outboundLimit: Int
    /// The peer's close frame arrived, so the close handshake is complete
    /// once ours is written: the server then closes the TCP connection first
    /// (RFC 6455 section 7.1.1) instead of waiting for the peer's EOF.
    @exclusivity(unchecked) var peerSentClose = false
    /// The client is a chat member in the registry.
    @exclusivity(unchecked) var inRegistry = false
    /// The `exp` of the client's token (Unix seconds); nil for a guest.
    @exclusivity(unchecked) var tokenExpiry: Int64?
    /// An API call's body still arriving.
    @exclusivity(unchecked) var apiBody: APIBody?
    /// With permessage-deflate: the window the client allows our messages.
    @exclusivity(unchecked) var deflateWindow: Int?
    /// When the data message in progress began (its first frame header).
    @exclusivity(unchecked) var messageStartedAt: UInt64?

    init(transport: consuming Transport, id: ClientID, peer: PeerAddress, loop: EventLoop) {
        phase = transport.isTLS ? .tlsHandshake : .http
        self.transport = transport
        self.id = id
        self.peer = peer
        self.loop = loop
        head = HTTPRequestHeadParser(limits: HTTPHeadLimits(maxHeadBytes: loop.config.maxHeadSize))
        session = WebSocketSession(role: .server, maxMessageSize: loop.config.maxMessageSize)
        liveness = LivenessCycle(now: loop.now)
        outboundLimit = loop.config.maxOutbound
    }

    /// The epoll token: slot in the low half, the serial's low half above it,
    /// so an event for a descriptor number reused by a newer client is dropped.
    var token: UInt64 {
        UInt64(id.slot) | (id.serial & 0xFFFF_FFFF) << 32
    }

    var fd: Int32 { transport.fd }

    /// Still in the handshake, TLS or HTTP: counted by the gate's
    /// `--max-handshakes` and bounded by `--handshake-timeout`.
    var isHandshaking: Bool { phase == .tlsHandshake || phase == .http }

    func handle(_ events: IOEvents) {
        // `transport` is a constant checked first: plaintext connections
        // pay for nothing here.
        if transport.isTLS, phase == .tlsHandshake { return continueTLSHandshake() }
        if events.contains(.writable) { flush() }
        guard phase != .closed else { return }
        // A TLS read that had to write (a key update) waits for writability.
        let readable = events.contains(.readable) || events.contains(.writable) && transport.readNeedsWritable
        if readable || events.contains(.hangup) {
            if interest.contains(.readable) {
                readOnce()
            } else if events.contains(.hangup) {
                terminate()  // paused for backpressure and the peer is gone
            }
        }
    }

    /// One read per readiness event keeps the loop fair: a busy peer waits
    /// for the next pass instead of starving the others. Input that TLS
    /// still holds afterwards is read again at the end of the pass
    /// (`EventLoop.readAgain`), since epoll will not report it.
    func readOnce() {
        if endpoint == .chat, loop.gate.registryBacklog.isOverLimit { return throttle() }
        switch transport.read(into: loop.readBuffer) {
        case .transferred(let count):
            liveness.recordActivity(now: loop.now)
            ServerMetrics.add(loop.metrics.bytesIn, count)
            consume(UnsafeMutableRawBufferPointer(rebasing: loop.readBuffer[..<count]))
            if transport.hasBufferedInput { loop.readAgain(self) }
        case .wouldBlock:
            if transport.readNeedsWritable { waitUntilWritable() }
            return
        case .endOfStream, .failed:
            flush()
            terminate()
        }
    }

    private func consume(_ bytes: UnsafeMutableRawBufferPointer) {
        switch phase {
        case .http where apiBody != nil: consumeBody(bytes)
        case .http: consumeHead(bytes)
        case .open, .closing: consumeFrames(bytes)
        case .tlsHandshake, .answeringClose, .finishing, .lingering, .closed: return
        }
    }

    // MARK: Writing

    /// Writes what is queued until done or EAGAIN; then waits for EPOLLOUT.
    func flush() {
        while phase != .closed, !session.output.isEmpty {
            let pending = session.output.count
            switch session.output.withReadableBytes({ transport.write($0) }) {
            case .transferred(let count):
                ServerMetrics.add(loop.metrics.bytesOut, count)
                session.output.consume(count)
                if count < pending { return waitUntilWritable() }
            case .wouldBlock:
                return waitUntilWritable()
            case .endOfStream, .failed:
                return terminate()
            }
        }
        guard phase != .closed else { return }
        outputDrained()
    }

    private func waitUntilWritable() {
        loop.updateInterest(self, interest.union(.writable))
    }

    private func outputDrained() {
        if session.releaseHeldPong() { return loop.markDirty(self) }
        var wanted = interest.subtracting(.writable)
        if readPaused {
            readPaused = false
            if !isThrottled { wanted.insert(.readable) }
            if wanted.contains(.readable) && transport.hasBufferedInput { loop.readAgain(self) }
        }
        loop.updateInterest(self, wanted)
        guard phase == .finishing else { return }
        guard transport.shutdownWrite() else { return waitUntilWritable() }
        if peerSentClose {
            // Nothing more is due from the peer: drop what it sent after its
            // close, so close() sends FIN rather than a reset.
            discardInput()
            terminate()
        } else {
            phase = .lingering
        }
    }

    private func discardInput() {
        transport.discardInput(using: loop.readBuffer)
    }

    /// Stops reading a peer whose replies are piling up (backpressure).
    func pauseReading() {
        readPaused = true
        loop.updateInterest(self, interest.subtracting(.readable))
    }

    /// Stops reading until the registry catches up; the loop resumes it.
    private func throttle() {
        isThrottled = true
        loop.updateInterest(self, interest.subtracting(.readable))
        loop.throttled.append(self)
    }

    func resumeAfterThrottle() {
        isThrottled = false
        guard phase != .closed, !readPaused else { return }
        loop.updateInterest(self, interest.union(.readable))
        if transport.hasBufferedInput { loop.readAgain(self) }
    }

    /// The loop's second read in a pass, for input TLS held back.
    func readBufferedInput() {
        awaitsReread = false
        guard phase != .closed, interest.contains(.readable), transport.hasBufferedInput else { return }
        readOnce()
    }

    // MARK: Ending

    /// Our last bytes (an HTTP response, a close frame) are queued: write
    /// them and send FIN; then close, or, if the peer has not closed its
    /// side of the handshake, discard input until its EOF, all within the
    /// close timeout.
    func finish() {
        guard phase != .finishing, phase != .lingering, phase != .closed else { return }
        if isHandshaking { loop.gate.handshakeEnded() }
        phase = .finishing
        leaveRegistry()
        armCloseDeadline()
        loop.markDirty(self)
    }

    /// A chat client stops being a member as soon as its session stops being
    /// open (nothing more can be delivered to it), not when the TCP
    /// connection finally ends: the others see the presence `leave` at once.
    func leaveRegistry(acknowledge: Bool = false) {
        guard inRegistry else { return }
        inRegistry = false
        // A client that closes politely still gets the replies to what it
        // sent before its close; one the server closes, or that vanished,
        // has nobody left to read them.
        if !acknowledge { loop.dropQueuedRequests(of: id) }
        loop.metrics.chatClients.wrappingSubtract(1, ordering: .relaxed)
        loop.submit(.disconnect(id, acknowledge: acknowledge))
    }

    func armCloseDeadline() {
        let limit = loop.now + MonotonicClock.nanoseconds(loop.config.closeTimeout)
        if deadline == 0 || deadline > limit { loop.arm(self, after: loop.config.closeTimeout) }
    }

    func deadlinePassed() {
        deadline = 0
        switch phase {
        case .tlsHandshake, .http:
            Log.debug("\(id): handshake deadline passed in phase \(phase)")
        case .open:
            return openDeadlinePassed()
        case .answeringClose, .closing, .finishing, .lingering:
            Log.debug("\(id): close deadline passed")
        case .closed:
            return
        }
        terminate()
    }

    /// Closes the socket now and forgets the connection.
    func terminate() {
        guard phase != .closed else { return }
        let wasOpen = endpoint != nil
        if isHandshaking { loop.gate.handshakeEnded() }
        loop.gate.release(peer)
        phase = .closed
        transport.close()
        session.output.removeAll()
        loop.forget(self)
        leaveRegistry()
        guard wasOpen else { return }
        loop.metrics.openConnections.wrappingSubtract(1, ordering: .relaxed)
    }
}
