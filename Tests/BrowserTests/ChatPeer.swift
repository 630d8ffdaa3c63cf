import ChatWire
import WSClient
import WSProtocol
import WSServer

/// The second chat client of the browser tests: test code speaking the chat
/// protocol (docs/protocol.md), with bounded waits for the events it expects.
final class ChatPeer {
    private let client: WebSocketClient

    init(port: Int, query: String) throws {
        client = try WebSocketClient.connect(
            to: WebSocketURL(host: "127.0.0.1", port: port, target: "/?" + query), timeout: 5)
    }

    /// Sends one request object, e.g. `["type": "message", "text": "hi"]`.
    func send(_ fields: KeyValuePairs<String, String>) throws {
        var writer = JSONWriter()
        writer.value(.object(fields.map { JSONValue.Member($0.key, .string($0.value)) }))
        try client.send(text: String(decoding: writer.bytes, as: UTF8.self))
    }

    /// The next event of `type` for which `matches` holds, skipping others,
    /// within `timeout` seconds.
    func next(_ type: String, timeout: Double = 10, where matches: (JSONValue) -> Bool = { _ in true }) throws -> JSONValue {
        let deadline = TestClock.now() + timeout
        while true {
            let left = deadline - TestClock.now()
            guard left > 0, let event = try client.next(timeout: left) else {
                throw BrowserTestError("the second client saw no matching \(type) within \(timeout) s")
            }
            guard let text = event.text else {
                if case .ping = event { continue }
                throw BrowserTestError("the second client's connection ended: \(event)")
            }
            let value = try DevTools.parse(text)
            if value["type"]?.stringValue == type, matches(value) { return value }
        }
    }

    func close() {
        try? client.close()
    }
}
