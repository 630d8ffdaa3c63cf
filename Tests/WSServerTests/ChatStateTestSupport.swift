import ChatWire
import Testing
@testable import WSServer

/// One delivery, decoded for assertions.
struct Sent {
    var recipients: [ClientID]
    var action: Delivery.Action
    /// The event, for an event delivery.
    var event: JSONValue?

    var type: String? { event?["type"]?.stringValue }
    var payload: [UInt8]? {
        if case .event(let prepared) = action { return prepared.payload }
        return nil
    }
    /// The event without its `epoch` (random per room), for whole-event comparisons.
    var eventWithoutEpoch: JSONValue? { event.map { $0.removing("epoch") } }
}

func decode(_ deliveries: [Delivery], sourceLocation: SourceLocation = #_sourceLocation) -> [Sent] {
    deliveries.map { delivery in
        var event: JSONValue?
        if case .event(let prepared) = delivery.action {
            event = WSServerTests.event(ofFrame: prepared.frame, sourceLocation: sourceLocation)
        }
        return Sent(recipients: delivery.recipients, action: delivery.action, event: event)
    }
}

/// Test shorthands on a memory-mode node: frames in as text, deliveries out decoded.
extension ChatNode {
    /// A text frame from `id`, decoded.
    mutating func send(_ id: ClientID, _ text: String, at now: Moment = at(0)) -> [Sent] {
        let bytes = Array(text.utf8)
        let call = bytes.withUnsafeBytes { RegistryCall.request(from: id, payload: $0) }
        return decode(run(call, now: now))
    }

    /// Connects `id` with query parameters, decoded.
    mutating func open(
        _ id: ClientID, name: String? = nil, rooms: [String] = [], since: UInt64? = nil, epoch: String? = nil,
        at now: Moment = at(0)
    ) -> [Sent] {
        let request = ConnectRequest(name: name, rooms: rooms, since: since, epoch: epoch.flatMap(Epoch.init))
        return decode(run(.connect(id, request), now: now))
    }

    mutating func close(_ id: ClientID, at now: Moment = at(0)) -> [Sent] {
        decode(run(.disconnect(id, acknowledge: false), now: now))
    }

    mutating func touch(_ id: ClientID, now: Moment) {
        _ = run(.touch(id), now: now)
    }

    var statistics: ChatStatistics { state.statistics }
    var connectionCount: Int { state.connectionCount }
    var roomCount: Int { occupiedRooms ?? 0 }
    func nickname(of id: ClientID) -> Nickname? { state.nickname(of: id) }
    func currentRoom(of id: ClientID) -> RoomName? { state.currentRoom(of: id) }
    func joinedRooms(of id: ClientID) -> [RoomName] { state.joinedRooms(of: id) }
    /// Members of `room` in the memory backplane's directory.
    func memberCount(of room: RoomName) -> Int { memory?.rooms[room]?.members.count ?? 0 }
    /// The room's epoch in memory, while it is kept.
    func epoch(of room: RoomName) -> String? { memory?.rooms[room]?.epoch.value }
}

/// A memory-mode node for rule tests: rate limiting off unless a test asks for it.
func makeState(
    historySize: Int = 100, maxRoomsPerClient: Int = 32, presenceLimit: Int = 1000,
    rateLimit: Double = 0, idleTimeout: Double = 60, configure: (inout ChatConfig) -> Void = { _ in }
) -> ChatNode {
    var config = ChatConfig()
    config.historySize = historySize
    config.maxRoomsPerClient = maxRoomsPerClient
    config.presenceLimit = presenceLimit
    config.rateLimit = rateLimit
    config.idleTimeout = idleTimeout
    configure(&config)
    return ChatNode(config: config)
}

extension JSONValue {
    /// The object without member `key`.
    func removing(_ key: String) -> JSONValue {
        guard case .object(let members) = self else { return self }
        return .object(members.filter { $0.key != key })
    }
}

let c1 = client(1)
let c2 = client(2)
let c3 = client(3)
let c4 = client(4)
