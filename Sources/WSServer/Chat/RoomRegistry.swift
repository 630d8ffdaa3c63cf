/// The chat node behind actor isolation, running on an executor chosen by
/// the caller: the event loop, so that code already on the loop thread
/// enters it synchronously with `assumeIsolated` (no hop, no `Task`) while
/// other threads `await` it. With a remote backplane it sends the node's
/// commands there after each step; the answers come back through `apply`.
/// The rules live in `ChatState`, the memory mode in `ChatNode`.
public actor RoomRegistry {
    private var node: ChatNode
    private let remote: (any RemoteBackplane)?
    private let executor: any SerialExecutor

    public init(config: ChatConfig, executor: any SerialExecutor, remote: (any RemoteBackplane)? = nil) {
        node = ChatNode(config: config, remote: remote != nil)
        self.remote = remote
        self.executor = executor
    }

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    public var config: ChatConfig { node.state.config }
    public var connectionCount: Int { node.state.connectionCount }
    public var statistics: ChatStatistics { node.state.statistics }
    /// Rooms with members (on every node, as far as this node knows).
    public var roomCount: Int { node.occupiedRooms ?? remote?.roomCount ?? 0 }

    /// Runs a pass's calls in order; returns the deliveries in order.
    func perform(_ calls: [RegistryCall], now: Moment) -> [Delivery] {
        var deliveries: [Delivery] = []
        for call in calls { deliveries += node.run(call, now: now) }
        forwardCommands(now: now)
        return deliveries
    }

    /// An event from the remote backplane.
    public func apply(_ event: BackplaneEvent, now: Moment) -> [Delivery] {
        let deliveries = node.apply(event, now: now)
        forwardCommands(now: now)
        return deliveries
    }

    public func sweep(now: Moment) -> [Delivery] {
        node.sweep(now: now)
    }

    private func forwardCommands(now: Moment) {
        let commands = node.takeOutgoing()
        guard let remote, !commands.isEmpty else { return }
        remote.submit(commands, now: now)
    }
}
