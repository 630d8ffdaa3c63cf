import Foundation
import SystemKit
import TestSupport
import Testing
import WSClient
import WSProtocol

/// A chat client for tests: a `WebSocketClient` plus JSON in and out, with
/// every wait bounded.
final class ChatTestClient {
    let socket: WebSocketClient

    init(_ server: TestServer, query: String = "", deflate: Bool = false) throws {
        socket = try server.connect(query.isEmpty ? "/" : "/?\(query)", deflate: deflate)
    }

    init(socket: WebSocketClient) {
        self.socket = socket
    }

    func send(_ object: [String: Any]) throws {
        let data = try JSONSerialization.data(withJSONObject: object)
        try socket.send(text: String(decoding: data, as: UTF8.self))
    }

    func send(text: String) throws {
        try socket.send(text: text)
    }

    /// The next chat event (pings and pongs skipped); fails the test on a close or timeout.
    func next(timeout: Double = 5) throws -> [String: Any] {
        let deadline = MonotonicClock.seconds() + timeout
        while let event = try socket.next(timeout: max(0, deadline - MonotonicClock.seconds())) {
            switch event {
            case .text(let text):
                let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
                return try #require(object as? [String: Any], "not a JSON object: \(text)")
            case .ping, .pong:
                continue
            case .binary, .closed, .failed, .disconnected:
                Issue.record("expected a chat event, got \(event)")
                throw ClientError.connectionLost("\(event)")
            }
        }
        Issue.record("no chat event within \(timeout) s")
        throw ClientError.timedOut
    }

    /// The next event of `type`, skipping others (presence, say).
    func next(type: String, timeout: Double = 5) throws -> [String: Any] {
        let deadline = MonotonicClock.seconds() + timeout
        while true {
            let event = try next(timeout: max(0.01, deadline - MonotonicClock.seconds()))
            if event["type"] as? String == type { return event }
        }
    }

    /// The next event of `type` if one comes within `timeout`, else nil:
    /// for polls, where a quiet second is not a failure.
    func poll(type: String, timeout: Double) throws -> [String: Any]? {
        let deadline = MonotonicClock.seconds() + timeout
        while let event = try socket.next(timeout: max(0, deadline - MonotonicClock.seconds())) {
            guard case .text(let text) = event else { continue }
            let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
            if object?["type"] as? String == type { return object }
        }
        return nil
    }

    /// Waits for the server's close frame, skipping anything before it.
    func closeFrame(timeout: Double = 5) throws -> (CloseCode, String)? {
        let deadline = MonotonicClock.seconds() + timeout
        while let event = try socket.next(timeout: max(0, deadline - MonotonicClock.seconds())) {
            if case .closed(let code, let reason) = event { return (code, reason) }
            if case .disconnected = event { return nil }
        }
        return nil
    }

    /// Asserts that nothing but pings arrives for `seconds`.
    func expectSilence(for seconds: Double) throws {
        let deadline = MonotonicClock.seconds() + seconds
        while let event = try socket.next(timeout: max(0, deadline - MonotonicClock.seconds())) {
            if case .ping = event { continue }
            Issue.record("expected silence, got \(event)")
        }
    }
}
