/// One node's chat as a value: the rules (`ChatState`) and, on a single
/// node, the memory backplane they talk to, whose answers are applied at
/// once. With a remote backplane (Redis) the commands are left in
/// `outgoing` for the registry to send, and the answers come back through
/// `apply`. Synchronous and without I/O, so every rule is unit-tested here.
public struct ChatNode: Sendable {
    public private(set) var state: ChatState
    var memory: MemoryBackplane?
    /// Commands for the remote backplane, taken with `takeOutgoing`.
    private var outgoing: [BackplaneCommand] = []

    /// With `remote` false the node keeps its rooms in memory.
    public init(config: ChatConfig, remote: Bool = false) {
        state = ChatState(config: config)
        memory = remote ? nil : MemoryBackplane(config: config)
    }

    /// Rooms with members, when the node knows them all (memory mode).
    public var occupiedRooms: Int? { memory?.occupiedRooms }

    mutating func run(_ call: RegistryCall, now: Moment) -> [Delivery] {
        let deliveries: [Delivery]
        switch call {
        case .connect(let id, let request):
            deliveries = state.connect(
                id, name: request.name, rooms: request.rooms, since: request.since, epoch: request.epoch,
                identity: request.identity, displayName: request.displayName, now: now)
        case .request(let id, let request, let frameBytes):
            deliveries = state.handle(id, request, now: now, frameBytes: frameBytes)
        case .invalid(let id, let error, let frameBytes):
            deliveries = state.handleInvalid(id, error: error, now: now, frameBytes: frameBytes)
        case .touch(let id):
            state.touch(id, now: now)
            deliveries = []
        case .disconnect(let id, let acknowledge):
            let left = state.disconnect(id, now: now)
            deliveries = acknowledge ? left + [Delivery(to: id, .completeClose)] : left
        case .api(let connection, let request):
            deliveries = state.handleAPI(connection, request, now: now)
        }
        return drive(deliveries, now: now)
    }

    /// An answer or event from the backplane.
    public mutating func apply(_ event: BackplaneEvent, now: Moment) -> [Delivery] {
        drive(state.apply(event, now: now), now: now)
    }

    /// The idle sweep; in memory mode also the expiry of idle rooms.
    public mutating func sweep(now: Moment) -> [Delivery] {
        memory?.expire(now: now)
        return state.sweep(now: now)
    }

    public mutating func takeOutgoing() -> [BackplaneCommand] {
        defer { outgoing = [] }
        return outgoing
    }

    /// Hands the state's commands to the backplane; the memory backplane's
    /// answers are applied at once (and may lead to more commands).
    private mutating func drive(_ deliveries: [Delivery], now: Moment) -> [Delivery] {
        var out = deliveries
        var commands = state.takeCommands()
        while !commands.isEmpty {
            guard memory != nil else {
                outgoing += commands
                return out
            }
            for command in commands {
                for event in memory?.execute(command, now: now) ?? [] { out += state.apply(event, now: now) }
            }
            commands = state.takeCommands()
        }
        return out
    }
}
