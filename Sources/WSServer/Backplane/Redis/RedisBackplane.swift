import ChatWire
import RESP

/// The room space shared with every node started with the same `--redis`
/// URL: the memory backplane's answers, given by Redis (docs/protocol.md,
/// "Several nodes"). It runs on loop 0 with two connections, one for
/// commands and scripts and one for pub/sub, and turns what they answer
/// into `BackplaneEvent`s that loop 0 hands to the registry once the
/// current call is over (`takeEvents`), never re-entering it.
///
/// - Messages are numbered by one script per publish (`RoomScripts`) and
///   delivered only from the room's channel, this node's own included, so
///   there is one order; a node subscribes to a room's channel while it has
///   members there, never to everything.
/// - While Redis is unreachable, commands fail at once (`unavailable` for
///   the clients) and the node reconnects with backoff; once back it
///   registers its members again and asks every room where its log stands,
///   so the feeds fill what was missed or see the reset.
/// - Every `heartbeatInterval` it tells Redis it is alive and announces the
///   members of nodes silent for `--node-timeout` gone.
///
/// Confined to loop 0's thread (hence `@unchecked Sendable`).
final class RedisBackplane: RemoteBackplane, @unchecked Sendable {
    static let commandToken = UInt64.max - 3
    static let subscriberToken = UInt64.max - 4
    /// Channels per SUBSCRIBE after a reconnect.
    static let subscribeBatch = 1000

    let settings: BackplaneSettings
    let status: BackplaneStatus
    unowned let host: BackplaneHost
    var command = RedisLink(token: RedisBackplane.commandToken)
    var subscriber = RedisLink(token: RedisBackplane.subscriberToken)
    var rooms: [RoomName: RedisRoom] = [:]
    var events: [BackplaneEvent] = []
    var nextHeartbeat: UInt64 = 0
    /// What the registry was last told about availability.
    var announcedAvailable: Bool?

    init(settings: BackplaneSettings, status: BackplaneStatus, host: BackplaneHost) {
        self.settings = settings
        self.status = status
        self.host = host
    }

    var roomCount: Int { status.roomCount }

    /// Starts connecting; call once the loop runs.
    func start() {
        announce(available: false)
        connectCommands()
        connectSubscriber()
    }

    /// The events since the last call, for the registry, in order.
    func takeEvents() -> [BackplaneEvent] {
        defer { events = [] }
        return events
    }

    var hasEvents: Bool { !events.isEmpty }

    /// Readiness of one of the backplane's sockets.
    func handle(token: UInt64, events readiness: IOEvents) {
        let now = host.now
        if token == Self.commandToken { command.connection?.handle(readiness, now: now) }
        if token == Self.subscriberToken { subscriber.connection?.handle(readiness, now: now) }
    }

    /// Once per loop pass: writes, timeouts, reconnects, heartbeats.
    func tick() {
        let now = host.now
        command.connection?.tick(now: now)
        subscriber.connection?.tick(now: now)
        if let retry = command.retryAt, now >= retry { connectCommands() }
        if let retry = subscriber.retryAt, now >= retry { connectSubscriber() }
        if command.isReady, now >= nextHeartbeat { heartbeat() }
    }

    /// When `tick` must run next at the latest.
    var nextDeadline: UInt64? {
        [command.connection?.nextDeadline, subscriber.connection?.nextDeadline, command.retryAt, subscriber.retryAt,
         command.isReady ? nextHeartbeat : nil].compactMap { $0 }.min()
    }

    func submit(_ commands: [BackplaneCommand], now: Moment) {
        for command in commands { execute(command) }
    }

    private func execute(_ command: BackplaneCommand) {
        switch command {
        case .join(let request): join(request)
        case .leave(let room, let member): leave(room, member: member)
        case .publish(let room, let body, let ticket): publish(room, body: body, ticket: ticket)
        case .broadcast(let body, let ticket): broadcast(body, ticket: ticket)
        case .rename(let member, let names): rename(member, in: names)
        case .listRooms(let limit, let positions, let ticket): listRooms(limit: limit, positions: positions, ticket: ticket)
        case .listMembers(let room, let limit, let ticket): listMembers(room, limit: limit, ticket: ticket)
        case .fetch(let room, let after, let through): fetch(room, after: after, through: through)
        case .history(let room, let since, let limit, let ticket): history(room, since: since, limit: limit, ticket: ticket)
        case .disconnect(let target, let ticket): disconnect(target, ticket: ticket)
        }
    }

    /// Tells the registry (once per change) whether it may publish.
    func announce(available: Bool) {
        guard announcedAvailable != available else { return }
        announcedAvailable = available
        events.append(.availability(available))
    }
}
