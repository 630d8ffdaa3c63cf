/// libFuzzer entry for the chat rules (`ChatNode`: `ChatState` and the
/// memory backplane) under a session of up to eight clients and the HTTP
/// API, with small limits so that every bound is within reach.
///
/// Input: a flags byte, then steps. Flags: bit 0 rate limits on; bit 1 the
/// delayed backplane (`DelayedBackplane`) instead of the in-process one;
/// bits 2-3 `historySize` (0, 1, 4, 16); bits 4-5 `historyMemory` (16 KiB,
/// 4 KiB, 1 KiB, 0); bit 6 `presenceLimit` 2 instead of 1000; bit 7 idle
/// timeout 10 s instead of none. Each step's first byte names a client slot
/// (bits 0-2) and an action (bits 3-7), and the action reads what it needs
/// next (see `ChatStateFuzzer+Actions`). After each step the deliveries have
/// been checked by `ChatSessionModel` and the state by `ChatNodeAudit`; at the
/// end the backplane is drained and everything owed must have been answered.
import Glibc

@_cdecl("LLVMFuzzerTestOneInput")
public func chatStateFuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    var fuzzer = ChatStateFuzzer(FuzzInput(Array(UnsafeBufferPointer(start: data, count: size))))
    fuzzer.run()
    return 0
}

/// One scripted session: the node under test, the backplane when it is the
/// delayed one, the harness's model, the clock and the client slots.
struct ChatStateFuzzer {
    static let slotCount = 8
    static let secret = Array("chat-state fuzzing secret 32 B..".utf8)

    var input: FuzzInput
    let config: ChatConfig
    var node: ChatNode
    var backplane: DelayedBackplane?
    var model: ChatSessionModel
    var now = Moment(uptimeNanos: 1_000_000_000_000, epochMillis: 1_700_000_000_000)
    var slots = [ClientID?](repeating: nil, count: ChatStateFuzzer.slotCount)
    var serial: UInt64 = 0

    init(_ script: FuzzInput) {
        var script = script
        let flags = script.byte()
        config = ChatStateFuzzer.config(flags: flags)
        let remote = flags & 2 != 0
        node = ChatNode(config: config, remote: remote)
        backplane = remote ? DelayedBackplane(config: config) : nil
        model = ChatSessionModel(config: config, exact: !remote)
        input = script
    }

    static func config(flags: UInt8) -> ChatConfig {
        var config = ChatConfig()
        config.maxReplyBytes = 4096
        config.maxMessageSize = 1024
        config.listingLimit = 3
        config.maxRoomsPerClient = 4
        config.historyTTL = 30
        config.historySize = [0, 1, 4, 16][Int(flags >> 2 & 3)]
        config.historyMemory = [16384, 4096, 1024, 0][Int(flags >> 4 & 3)]
        config.rateLimit = flags & 1 != 0 ? 4 : 0
        config.byteRate = 2048
        config.presenceLimit = flags & 64 != 0 ? 2 : 1000
        config.idleTimeout = flags & 128 != 0 ? 10 : 0
        config.tokenSecret = secret
        return config
    }

    mutating func run() {
        while !input.isEmpty {
            closeWhatTheServerClosed()
            perform(input.byte())
            audit()
        }
        repeat {
            closeWhatTheServerClosed()
            drain()
        } while model.clients.values.contains { $0.isClosing }
        auditSettled()
    }

    /// The node's answer to one call, checked and applied to the model; its
    /// commands go to the delayed backplane, if that is the one in use.
    mutating func run(_ call: RegistryCall) {
        observe(node.run(call, now: now))
    }

    mutating func observe(_ deliveries: [Delivery]) {
        if ChatStateFuzzer.tracing { ChatStateFuzzer.trace(deliveries) }
        model.observe(deliveries)
        backplane?.submit(node.takeOutgoing())
    }

    /// `CHAT_STATE_TRACE=1` prints every delivery, to follow a reproducer.
    static let tracing = getenv("CHAT_STATE_TRACE") != nil

    static func trace(_ deliveries: [Delivery]) {
        for delivery in deliveries {
            let what: String
            switch delivery.action {
            case .event(let event): what = String(decoding: event.payload, as: UTF8.self)
            case .respond(let response): what = "\(response.status.code) " + String(decoding: response.body, as: UTF8.self)
            default: what = "\(delivery.action)"
            }
            print("\(delivery.recipients) < \(what)")
        }
        fflush(nil)
    }

    /// The loop closes what the server asked it to close and reports each
    /// disconnect, oldest client first.
    mutating func closeWhatTheServerClosed() {
        let closing = model.clients.values.filter(\.isClosing).map(\.id).sorted()
        for id in closing { disconnect(id, acknowledge: false) }
    }

    private func audit() {
        ChatNodeAudit.checkBounds(node.state, model: model)
        guard let memory = node.memory else {
            return ChatNodeAudit.checkMemory(backplane?.memory ?? MemoryBackplane(config: config))
        }
        ChatNodeAudit.checkMemory(memory)
        ChatNodeAudit.checkSettled(node.state, model: model)
        ChatNodeAudit.checkDirectory(memory, model: model)
        for client in model.clients.values where !client.isClosing {
            Fuzz.require(client.owed.isEmpty, "\(client.id) still owed \(client.owed) after the step")
        }
        Fuzz.require(model.apiWaiting.isEmpty, "API calls unanswered: \(model.apiWaiting.keys)")
    }

    /// At the end, with the backplane drained: every request answered.
    private func auditSettled() {
        ChatNodeAudit.checkBounds(node.state, model: model)
        ChatNodeAudit.checkSettled(node.state, model: model)
        let memory = node.memory ?? backplane?.memory ?? MemoryBackplane(config: config)
        ChatNodeAudit.checkMemory(memory)
        ChatNodeAudit.checkDirectory(memory, model: model)
        for client in model.clients.values {
            Fuzz.require(client.owed.isEmpty, "\(client.id) never answered: \(client.owed)")
        }
        Fuzz.require(model.apiWaiting.isEmpty, "API calls never answered: \(model.apiWaiting.keys)")
    }
}
