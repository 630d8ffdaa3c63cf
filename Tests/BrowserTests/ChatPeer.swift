import ChatWire
import SystemKit
import WSClient
import WSProtocol
import WSServer

/// The second chat client of the browser tests: test code speaking the chat
/// protocol (docs/protocol.md), with bounded waits for the events it expects.
final class ChatPeer {
    private let client: WebSocketClient

    /// Over wss:// with `tls`.
    init(port: Int, query: String, tls: TLSClientOptions? = nil) throws {
        let url = WebSocketURL(host: "127.0.0.1", port: port, target: "/?" + query, isSecure: tls != nil)
        client = try WebSocketClient.connect(to: url, timeout: 5, tls: tls ?? TLSClientOptions())
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
        let deadline = MonotonicClock.seconds() + timeout
        while true {
            let left = deadline - MonotonicClock.seconds()
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
