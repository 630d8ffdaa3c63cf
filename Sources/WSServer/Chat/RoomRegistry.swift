/// The chat state behind actor isolation, running on an executor chosen by
/// the caller: the event loop, so that code already on the loop thread
/// enters it synchronously with `assumeIsolated` (no hop, no `Task`) while
/// other threads `await` it. A thin wrapper: the rules live in `ChatState`.
public actor RoomRegistry {
    private var state: ChatState
    private let executor: any SerialExecutor

    public init(config: ChatConfig, executor: any SerialExecutor) {
        state = ChatState(config: config)
        self.executor = executor
    }

    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    public var config: ChatConfig { state.config }
    public var connectionCount: Int { state.connectionCount }
    public var roomCount: Int { state.roomCount }
    public var statistics: ChatStatistics { state.statistics }

    /// See `ChatState.connect`.
    public func connect(
        _ id: ClientID, name: String?, rooms: [String], since: UInt64?, now: Moment
    ) -> [Delivery] {
        state.connect(id, name: name, rooms: rooms, since: since, now: now)
    }

    /// See `ChatState.receiveText`.
    public func receiveText(_ id: ClientID, _ payload: UnsafeRawBufferPointer, now: Moment) -> [Delivery] {
        state.receiveText(id, payload, now: now)
    }

    /// See `ChatState.handle`.
    public func handle(_ id: ClientID, _ request: ChatRequest, now: Moment) -> [Delivery] {
        state.handle(id, request, now: now)
    }

    /// See `ChatState.handleInvalid`.
    public func handleInvalid(_ id: ClientID, error: ChatError, now: Moment) -> [Delivery] {
        state.handleInvalid(id, error: error, now: now)
    }

    /// See `ChatState.disconnect`.
    public func disconnect(_ id: ClientID, now: Moment) -> [Delivery] {
        state.disconnect(id, now: now)
    }

    /// See `ChatState.touch`.
    public func touch(_ id: ClientID, now: Moment) {
        state.touch(id, now: now)
    }

    /// See `ChatState.sweep`.
    public func sweep(now: Moment) -> [Delivery] {
        state.sweep(now: now)
    }
}
