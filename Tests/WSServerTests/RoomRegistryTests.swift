import ChatWire
import Testing
@testable import WSServer

/// The actor wrapper: runs on the executor it is given, entered by `await`
/// from elsewhere or synchronously with `assumeIsolated` on that thread.
@Suite("RoomRegistry")
struct RoomRegistryTests {
    @Test func awaitedCallsRunOnTheGivenExecutor() async {
        let executor = ThreadExecutor()
        defer { executor.shutdown() }
        let registry = RoomRegistry(config: ChatConfig(), executor: executor)
        let welcome = decode(await registry.perform([.connect(c1, ConnectRequest(name: "ann", rooms: ["r"]))], now: at(0)))
        #expect(welcome.map(\.type) == ["welcome", "joined"])
        _ = await registry.perform([.connect(c2, ConnectRequest(rooms: ["r"]))], now: at(0))
        let message = ChatRequest(.message(text: "hi", room: nil), ref: .number("1"))
        let sent = decode(await registry.perform([.request(c2, message, frameBytes: 2)], now: at(1)))
        #expect(sent.map(\.type) == ["message", "ack"])
        #expect(Set(sent[0].recipients) == [c1, c2])
        #expect(await registry.connectionCount == 2)
        #expect(await registry.roomCount == 1)
        #expect(await registry.statistics.messagesReceived == 1)
        let onExecutor = await registry.isRunning(on: executor)
        #expect(onExecutor)
    }

    @Test func theLoopThreadEntersSynchronously() async {
        let executor = ThreadExecutor()
        defer { executor.shutdown() }
        let registry = RoomRegistry(config: ChatConfig(), executor: executor)
        let deliveries = await executor.run {
            registry.assumeIsolated { registry in
                _ = registry.perform([.connect(c1, ConnectRequest(rooms: ["r"])), .touch(c1)], now: at(0))
                let who = Array(#"{"type":"who","ref":"w"}"#.utf8).withUnsafeBytes { RegistryCall.request(from: c1, payload: $0) }
                return registry.perform([who], now: at(1))
            }
        }
        let who = decode(deliveries)
        #expect(who.first?.event == json(#"{"type":"who","room":"r","members":[{"id":"c1","name":"guest-1"}],"ref":"w"}"#))
        let idle = await registry.sweep(now: at(62))
        #expect(idle.map(\.action) == [.closeIfIdle])
        #expect(await registry.perform([.disconnect(c1, acknowledge: false)], now: at(63)).isEmpty)
        #expect(await registry.connectionCount == 0)
    }

    @Test func invalidFramesThroughTheActor() async {
        let executor = ThreadExecutor()
        defer { executor.shutdown() }
        var config = ChatConfig()
        config.rateLimit = 0
        let registry = RoomRegistry(config: config, executor: executor)
        _ = await registry.perform([.connect(c1, ConnectRequest())], now: at(0))
        let sent = decode(await registry.perform([.invalid(c1, ChatError(.badJSON, "nope"), frameBytes: 4)], now: at(0)))
        #expect(sent.map { $0.event?["code"] } == [.string("bad_json")])
        #expect(await registry.config.rateLimit == 0)
    }
}

/// A probe for which thread the actor runs on.
extension RoomRegistry {
    /// Whether this actor's code is running on `executor`'s thread.
    func isRunning(on executor: ThreadExecutor) -> Bool { executor.isCurrent }
}
