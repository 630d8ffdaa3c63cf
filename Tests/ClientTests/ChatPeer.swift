import SystemKit
import Testing
import WSClient
import WSProtocol

/// The other side of a chat in the end-to-end tests: a plain
/// `WebSocketClient` in one room that sends lines and reads the raw events.
final class ChatPeer {
    let client: WebSocketClient
    let name: String

    init(port: Int, room: String, name: String) throws {
        self.name = name
        client = try WebSocketClient.connect(
            to: WebSocketURL(host: "127.0.0.1", port: port, target: "/?room=\(room)&name=\(name)"), timeout: 5)
        try expect("\"type\":\"joined\"")
    }

    /// Sends a line and waits for the server to deliver it back.
    func say(_ text: String) throws {
        try client.send(text: text)
        try expect(#""name":"\#(name)","text":"#)
    }

    /// Reads events until a text frame contains `fragment`, within `timeout`.
    func expect(_ fragment: String, timeout: Double = 5, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let deadline = MonotonicClock.seconds() + timeout
        while let event = try client.next(timeout: max(0, deadline - MonotonicClock.seconds())) {
            if case .text(let text) = event, text.contains(fragment) { return }
        }
        Issue.record("no event containing \(fragment)", sourceLocation: sourceLocation)
    }
}
