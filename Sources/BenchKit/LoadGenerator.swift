import ChatWire
import Glibc
import SystemKit
import TLS
import WSProtocol

/// The whole run on one thread: a non-blocking client per connection, one
/// level-triggered epoll set, one shared read buffer. Each loop pass waits
/// for events until the next deadline, handles them, moves the phase on,
/// and ends with one `send` per connection that has frames queued.
///
/// The properties touched for every message are `@exclusivity(unchecked)`:
/// the run is single-threaded and no access to them overlaps another, and
/// the runtime's access checks cost about 5% of a core at 2 M messages/s.
public final class LoadGenerator {
    /// Bytes asked for per `read`, as in wsload: many frames per read when
    /// the server batches, and a short read ends the connection's turn.
    static let readSize = 65536
    /// Paced sends to a connection are skipped while this much waits unsent.
    static let sendBacklogLimit = 8 << 20

    let options: BenchOptions
    /// One address per `--port`; connection i uses `targets[i % targets.count]`.
    let targets: [TargetAddress]
    let poller: Epoll
    let connections: [BenchConnection]
    let readBuffer: UnsafeMutableRawBufferPointer
    /// Room names; a connection's `room` indexes this and the two tables below.
    let roomNames: [RoomName]
    /// `{"type":"join","room":"NAME"}` per room.
    let joinRequests: [[UInt8]]
    /// The `message` request around the text, per room. Echo has a single
    /// bare one: the text is the whole payload.
    let messageTemplates: [MessageTemplate]
    /// What follows the marker, up to `--size` (`Payload`).
    let padding: [UInt8]
    /// With `--deflate`: the permessage-deflate of every session the server accepted it on.
    let deflateReceiver: DeflateReceiver?
    /// With `--tls`: what every connection's TLS session is made from.
    let tlsContext: TLSContext?
    /// Whether senders keep a window in flight (`--rate max`) instead of a schedule.
    let windowMode: Bool

    @exclusivity(unchecked) var phase = Phase.setup
    @exclusivity(unchecked) var now: Int64
    @exclusivity(unchecked) var timeline: Timeline
    @exclusivity(unchecked) var tally = Tally()
    @exclusivity(unchecked) var latency = LatencyHistogram()
    var handshakeLatency = LatencyHistogram()
    @exclusivity(unchecked) var members: [Int]
    @exclusivity(unchecked) var maskKeys = MaskKeySource()
    @exclusivity(unchecked) var dirty: [BenchConnection] = []
    var senders: [BenchConnection] = []
    @exclusivity(unchecked) var sending = false
    var paceInterval = 0.0
    var paceIndex: UInt64 = 0
    var paceStart: Int64 = 0
    var nextLaunch = 0
    var handshakesInFlight = 0
    var openCount = 0
    var readyCount = 0
    var failedCount = 0
    var handshakesOK = 0
    /// Connections on which the server accepted permessage-deflate.
    var deflateConnections = 0
    var notAttempted = 0
    var launchStopped = false
    var openAtEnd = 0
    var joinedAtEnd = 0
    var exitCode: Int32 = 0
    var portTallies: [PortTally]
    var loadAtWindowStart: GeneratorLoad?
    var loadAtWindowEnd: GeneratorLoad?
    var explained: Set<FailureReason> = []

    public init(options: BenchOptions) throws(UsageError) {
        self.options = options
        var targets: [TargetAddress] = []
        for port in options.ports { targets.append(try TargetAddress.resolve(host: options.host, port: port)) }
        self.targets = targets
        portTallies = options.ports.map { PortTally(port: $0) }
        do throws(SystemCallError) {
            poller = try Epoll()
        } catch {
            throw UsageError(message: "\(error.call): \(error.reason)")
        }
        tlsContext = try Self.tlsContext(options)
        now = MonotonicClock.now()
        let setupLimit = options.scenario == .connect ? options.duration : options.setupTimeout
        timeline = Timeline(startedAt: now, setupDeadline: now + MonotonicClock.nanos(setupLimit))
        roomNames = options.roomNames
        joinRequests = roomNames.map { ChatRequest(.join(room: $0, since: nil, epoch: nil)).json }
        messageTemplates = options.scenario == .echo ? [.bare] : roomNames.map(MessageTemplate.init(room:))
        members = Array(repeating: 0, count: max(1, roomNames.count))
        padding = options.payload.padding(count: options.size, insideJSONString: options.scenario != .echo)
        deflateReceiver = options.deflate ? DeflateReceiver(inflateEach: options.inflateEach) : nil
        windowMode = options.scenario.sendsMessages && options.rate == .max
        let roomCount = options.scenario == .rooms ? options.rooms : 1
        connections = (0..<options.clients).map { BenchConnection(id: $0, room: $0 % roomCount) }
        readBuffer = .allocate(byteCount: Self.readSize, alignment: 16)
    }

    deinit {
        for connection in connections where connection.fd >= 0 { close(connection.fd) }
        readBuffer.deallocate()
    }

    /// Runs every phase to the end and returns the figures.
    public func run() -> BenchReport {
        tick()
        flushDirty()
        while phase != .done {
            waitAndHandle()
            now = MonotonicClock.now()
            tick()
            flushDirty()
        }
        if exitCode == 0, failedCount > 0 || tally.disconnects > 0 { exitCode = 3 }
        return makeReport()
    }

    /// Index into `targets` and `portTallies` of the port the connection goes to.
    func portIndex(_ connection: BenchConnection) -> Int { connection.id % targets.count }

    private func waitAndHandle() {
        let before = MonotonicClock.now()
        let ready = poller.wait(nanoseconds: nextDeadline() - before)
        tally.waits += 1
        now = MonotonicClock.now()
        tally.idleNanos += now - before
        for position in 0..<ready {
            let (token, events) = poller.event(at: position)
            handle(connections[Int(token)], events: events)
        }
    }

    private func handle(_ connection: BenchConnection, events: UInt32) {
        guard connection.fd >= 0 else { return }
        switch connection.state {
        case .connecting: return connectFinished(connection, events: events)
        case .securing: return advanceTLS(connection)
        case .idle, .handshaking, .open, .closing, .closed: break
        }
        if events & (Epoll.readable | Epoll.failed) != 0 { readAll(connection) }
        if connection.fd >= 0, events & Epoll.writable != 0 {
            if connection.tls?.readNeedsWritable == true { readAll(connection) }
            if connection.fd >= 0 { flush(connection) }
        }
    }
}
