import Testing
@testable import WSServer

/// One delivery, decoded for assertions.
struct Sent {
    var recipients: [ClientID]
    var action: Delivery.Action
    /// The event, for a frame delivery.
    var event: JSONValue?

    var type: String? { event?["type"]?.stringValue }
    var frame: [UInt8]? {
        if case .frame(let bytes) = action { return bytes }
        return nil
    }
}

func decode(_ deliveries: [Delivery], sourceLocation: SourceLocation = #_sourceLocation) -> [Sent] {
    deliveries.map { delivery in
        var event: JSONValue?
        if case .frame(let bytes) = delivery.action { event = WSServerTests.event(ofFrame: bytes, sourceLocation: sourceLocation) }
        return Sent(recipients: delivery.recipients, action: delivery.action, event: event)
    }
}

/// Test shorthands: frames in as text, deliveries out decoded.
extension ChatState {
    /// A text frame from `id`, decoded.
    mutating func send(_ id: ClientID, _ text: String, at now: Moment = at(0)) -> [Sent] {
        let bytes = Array(text.utf8)
        return decode(bytes.withUnsafeBytes { receiveText(id, $0, now: now) })
    }

    /// Connects `id` with query parameters, decoded.
    mutating func open(
        _ id: ClientID, name: String? = nil, rooms: [String] = [], since: UInt64? = nil, at now: Moment = at(0)
    ) -> [Sent] {
        decode(connect(id, name: name, rooms: rooms, since: since, now: now))
    }

    mutating func close(_ id: ClientID, at now: Moment = at(0)) -> [Sent] {
        decode(disconnect(id, now: now))
    }
}

/// A chat state for rule tests: rate limiting off unless a test asks for it.
func makeState(
    historySize: Int = 100, maxRoomsPerClient: Int = 32, presenceLimit: Int = 1000,
    rateLimit: Double = 0, idleTimeout: Double = 60
) -> ChatState {
    ChatState(config: ChatConfig(
        historySize: historySize, maxRoomsPerClient: maxRoomsPerClient, presenceLimit: presenceLimit,
        rateLimit: rateLimit, idleTimeout: idleTimeout))
}

let c1 = client(1)
let c2 = client(2)
let c3 = client(3)
let c4 = client(4)
