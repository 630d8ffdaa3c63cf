import CEpoll
import Glibc
import Synchronization
import SystemKit
import TLS
import WSProtocol

/// One epoll event loop on its own thread. It owns its connections (each
/// belongs to exactly one loop), their deadlines, and one read buffer they
/// all share. Loop 0 also owns the listener and runs the registry actor as
/// its executor, so chat work on loop 0 enters the actor without a hop.
///
/// A pass: wait for events, read and process every ready socket (and read
/// again those whose TLS session holds input), drain the inbox and executor
/// jobs, fire due timers, run the pass's registry calls, then write each connection with pending output once (one `send` per
/// connection per pass, however many frames it was given) and post what
/// other loops need, one batch per loop.
///
/// The state touched on every delivery is `@exclusivity(unchecked)`, as in
/// `Connection`: only this loop's thread touches it, never in overlapping
/// accesses, and the runtime check cost more than the work it guarded.
final class EventLoop: @unchecked Sendable {
    static let listenerToken = UInt64.max
    static let wakeupToken = UInt64.max - 1
    static let signalToken = UInt64.max - 2
    static let readBufferSize = 256 * 1024
    /// Bytes of frames one pass may queue from registry work before the rest
    /// of the registry calls wait for the next pass.
    static let passOutputBudget = 1 << 20
    static let registryBatchSize = 16

    let index: Int
    let config: ServerConfig
    let metrics: ServerMetrics
    /// Limits shared with the other loops (handshakes, per-address).
    let gate: ConnectionGate
    /// The certificate new connections are served with; nil for plaintext.
    let tls: TLSCredentials?
    /// Every loop, this one included; set before the threads start.
    var peers: [EventLoop] = []
    /// The chat registry; runs on loop 0. Set before the threads start.
    var registry: RoomRegistry?
    /// The Redis backplane, when one is configured; runs on loop 0.
    var backplane: RedisBackplane?

    let epoll: Epoll
    let wakeup: EventFD
    /// Shared by every connection of this loop: bytes are parsed in place
    /// straight after each read, so no connection owns a read buffer.
    let readBuffer: UnsafeMutableRawBufferPointer
    /// permessage-deflate's zlib streams, shared the same way: every message
    /// is inflated or deflated whole, on this thread, with nothing kept for
    /// the next one, so no connection owns zlib state.
    let inflater = Inflater()
    let deflater = Deflater()
    @exclusivity(unchecked) var slots = SlotTable()
    @exclusivity(unchecked) var timers = MinHeap<TimerEntry>()
    @exclusivity(unchecked) var dirty: [Connection] = []
    /// Connections whose TLS session holds input that epoll will not report
    /// (it has left the socket): read again at the end of this pass. Only
    /// looked at with TLS, so the plain path pays nothing for it.
    @exclusivity(unchecked) var rereads: [Connection] = []
    /// Chat connections not read while the registry's backlog is high.
    @exclusivity(unchecked) var throttled: [Connection] = []
    /// Monotonic time of the current pass, read once after `epoll_wait`.
    @exclusivity(unchecked) private(set) var now: UInt64 = MonotonicClock.nanoseconds()
    var listener: Listener?
    var acceptPausedUntil: UInt64 = 0
    var nextAdoptionTarget = 0
    var signals: SignalSource?
    var nextSweep: UInt64 = 0
    @exclusivity(unchecked) var registryCalls = RegistryQueue()
    /// Frame bytes queued to connections in the current pass.
    @exclusivity(unchecked) var queuedThisPass = 0
    @exclusivity(unchecked) var outboxes: [[LoopMessage]] = []
    var shutdownDeadline: UInt64?
    private var running = true
    let inbox = Mutex<[LoopMessage]>([])
    /// Bytes of deliveries posted to this loop and not yet applied.
    let inboxBytes = Atomic<Int>(0)
    let jobs = Mutex<[UnownedJob]>([])
    let threadID = Atomic<UInt>(0)

    init(index: Int, config: ServerConfig, metrics: ServerMetrics, gate: ConnectionGate, tls: TLSCredentials?) throws(ServerError) {
        self.index = index
        self.config = config
        self.metrics = metrics
        self.gate = gate
        self.tls = tls
        do {
            epoll = try Epoll()
        } catch {
            throw .system(error)
        }
        wakeup = try EventFD()
        readBuffer = .allocate(byteCount: Self.readBufferSize, alignment: 16)
        try epoll.add(wakeup.fd, token: Self.wakeupToken, interest: .readable)
    }

    deinit { readBuffer.deallocate() }

    /// Runs passes until shutdown has drained every connection.
    func run() {
        threadID.store(UInt(pthread_self()), ordering: .relaxed)
        outboxes = Array(repeating: [], count: peers.count)
        nextSweep = now + MonotonicClock.nanoseconds(config.chat.sweepInterval)
        backplane?.start()
        applyBackplaneEvents()
        while running {
            let ready = epoll.wait(timeoutMillis: nextTimeoutMillis())
            now = MonotonicClock.nanoseconds()
            for position in 0..<ready {
                let (token, events) = epoll.readiness(at: position)
                dispatchEvent(token: token, events: events)
            }
            finishPass()
        }
    }

    /// The end of every pass, after I/O events: everything that was queued
    /// during the pass goes out in one batch per destination.
    private func finishPass() {
        if tls != nil { readBufferedInput() }
        drainInbox()
        runJobs()
        fireTimers()
        runRegistryCalls()
        backplane?.tick()
        applyBackplaneEvents()
        resumeThrottledReaders()
        flushDirty()
        queuedThisPass = 0
        postOutboxes()
        if let deadline = shutdownDeadline, slots.count == 0 || now >= deadline {
            slots.all.forEach { $0.terminate() }
            running = false
        }
    }

    private func dispatchEvent(token: UInt64, events: IOEvents) {
        switch token {
        case Self.listenerToken: acceptConnections()
        case Self.wakeupToken: wakeup.drain()
        case Self.signalToken: signals?.handle(on: self)
        case RedisBackplane.commandToken, RedisBackplane.subscriberToken: backplane?.handle(token: token, events: events)
        default:
            let slot = Int(token & 0xFFFF_FFFF)
            guard let connection = slots[slot], UInt64(truncatingIfNeeded: connection.id.serial) & 0xFFFF_FFFF == token >> 32 else {
                return  // a stale event for a descriptor closed earlier in this pass
            }
            connection.handle(events)
        }
    }

    /// Milliseconds until the next deadline (connection timers, the sweep,
    /// paused accepting, shutdown), at most one second.
    private func nextTimeoutMillis() -> Int32 {
        var next = now + 1_000_000_000
        if let earliest = timers.first?.deadline { next = min(next, earliest) }
        next = min(next, nextSweep)
        if acceptPausedUntil > now { next = min(next, acceptPausedUntil) }
        if let deadline = backplane?.nextDeadline { next = min(next, deadline) }
        if !registryCalls.isEmpty || backplane?.hasEvents == true || tls != nil && !rereads.isEmpty { next = now }
        if let deadline = shutdownDeadline { next = min(next, deadline) }
        guard next > now else { return 0 }
        return Int32((next - now + 999_999) / 1_000_000)
    }

    private func resumeThrottledReaders() {
        guard !throttled.isEmpty, gate.registryBacklog.isBelowResumeMark else { return }
        let resumed = throttled
        throttled.removeAll(keepingCapacity: true)
        for connection in resumed { connection.resumeAfterThrottle() }
    }

    // MARK: Input held by TLS

    func readAgain(_ connection: Connection) {
        guard !connection.awaitsReread else { return }
        connection.awaitsReread = true
        rereads.append(connection)
    }

    /// One more read for each listed connection. One that still holds input
    /// afterwards is listed again for the next pass (which then does not
    /// wait for events): a bulk sender gets one more read per pass, never
    /// the whole loop.
    private func readBufferedInput() {
        guard !rereads.isEmpty else { return }
        let batch = rereads
        rereads.removeAll(keepingCapacity: true)
        for connection in batch { connection.readBufferedInput() }
    }

    // MARK: Pending output

    func markDirty(_ connection: Connection) {
        guard !connection.isDirty else { return }
        connection.isDirty = true
        dirty.append(connection)
    }

    private func flushDirty() {
        guard !dirty.isEmpty else { return }
        let batch = dirty
        dirty.removeAll(keepingCapacity: true)
        for connection in batch {
            connection.isDirty = false
            connection.flush()
        }
    }

    // MARK: Deadlines

    func arm(_ connection: Connection, after seconds: Double) {
        let deadline = now + MonotonicClock.nanoseconds(seconds)
        connection.deadline = deadline
        timers.push(TimerEntry(deadline: deadline, client: connection.id))
    }

    private func fireTimers() {
        while let due = timers.first, due.deadline <= now, let entry = timers.popFirst() {
            guard let connection = slots[Int(entry.slot)], entry.matches(connection) else { continue }
            connection.deadlinePassed()
        }
        if now >= nextSweep {
            nextSweep = now + MonotonicClock.nanoseconds(config.chat.sweepInterval)
            sweepEchoSessions()
            if index == 0 { sweep() }
        }
        if acceptPausedUntil != 0, now >= acceptPausedUntil { resumeAccepting() }
    }

    // MARK: Connections

    func forget(_ connection: Connection) {
        slots.remove(connection.id)
    }

    /// Takes ownership of an accepted socket: registers it and arms the
    /// handshake deadline. With TLS its session starts from the current
    /// certificate, which a reload does not change for it afterwards.
    func adopt(_ fd: Int32, peer: PeerAddress) {
        guard shutdownDeadline == nil else { return drop(fd, peer: peer) }
        Socket.setNoDelay(fd)
        var session: TLSSession?
        if let tls {
            session = TLSSession.accepting(tls.current, fd: fd)
            guard session != nil else {
                Log.warn("cannot start a TLS session for a new connection")
                return drop(fd, peer: peer)
            }
        }
        let transport = Transport(fd: fd, tls: session)
        let serial = ServerSerials.next()
        let id = ClientID(serial: serial, loop: index, slot: slots.nextSlot)
        let connection = Connection(transport: transport, id: id, peer: peer, loop: self)
        do {
            try epoll.add(fd, token: connection.token, interest: .readable)
        } catch {
            Log.warn("cannot watch a new connection: \(error)")
            return drop(fd, peer: peer)
        }
        slots.insert(connection)
        arm(connection, after: config.handshakeTimeout)
    }

    /// Closes an accepted socket that never became a connection.
    private func drop(_ fd: Int32, peer: PeerAddress) {
        Socket.close(fd)
        gate.handshakeEnded()
        gate.release(peer)
    }

    func updateInterest(_ connection: Connection, _ interest: IOEvents) {
        guard connection.interest != interest else { return }
        connection.interest = interest
        do {
            try epoll.modify(connection.fd, token: connection.token, interest: interest)
        } catch {
            connection.terminate()
        }
    }

    var isCurrentThread: Bool {
        threadID.load(ordering: .relaxed) == UInt(pthread_self())
    }

    func stop() { running = false }

    /// The permessage-deflate extension for a session on this loop.
    func compression(_ parameters: DeflateParameters) -> PerMessageDeflate {
        PerMessageDeflate(
            parameters, role: .server, inflater: inflater, deflater: deflater, minimumSize: config.deflateMinSize)
    }
}
