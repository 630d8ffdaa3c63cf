import SystemKit
import TestSupport
import Testing
import WSClient
import WSProtocol

/// Liveness, rate limiting and shutdown over real sockets, with short timeouts.
@Suite("End to end: idle sweep, rate limit, graceful shutdown")
struct PolicyTests {
    @Test func aSilentClientIsPingedThenClosedAndLeavesItsRooms() throws {
        let server = try TestServer {
            $0.chat.idleTimeout = 0.6
            $0.chat.sweepInterval = 0.05
        }
        defer { server.stop() }
        let watcher = try ChatTestClient(server, query: "room=lobby")
        _ = try watcher.next(type: "joined")
        let sleeper = try ChatTestClient(server, query: "room=lobby&name=sleeper")
        _ = try watcher.next(type: "presence")
        // The watcher keeps reading (and so answers pings); the sleeper reads nothing.
        let presence = try watcher.next(type: "presence", timeout: 3)
        #expect(presence["event"] as? String == "leave" && presence["name"] as? String == "sleeper")
        var sawPing = false
        var closing: (CloseCode, String)?
        while let event = try sleeper.socket.next(timeout: 1) {
            if case .ping = event { sawPing = true }
            if case .closed(let code, let reason) = event { closing = (code, reason) }
        }
        #expect(sawPing)
        #expect(closing?.0 == .goingAway && closing?.1 == "idle timeout")
    }

    @Test func silentEchoSessionsAreSweptToo() throws {
        let server = try TestServer {
            $0.chat.idleTimeout = 0.5
            $0.chat.sweepInterval = 0.05
        }
        defer { server.stop() }
        let silent = try server.connect("/echo")
        let lively = try server.connect("/echo")
        var events: [ClientEvent] = []
        let deadline = MonotonicClock.seconds() + 1.5
        while MonotonicClock.seconds() < deadline {
            _ = try lively.next(timeout: 0.05)  // reading answers the pings
        }
        while let event = try silent.next(timeout: 1) { events.append(event) }
        #expect(events.first == .ping([]))
        #expect(events.contains(.closed(.goingAway, reason: "idle timeout")))
        try lively.send(text: "still here")
        var echoed: ClientEvent?
        while echoed == nil || echoed == .ping([]), let event = try lively.next(timeout: 2) { echoed = event }
        #expect(echoed == .text("still here"))
    }

    @Test func aClientThatAnswersPingsStaysConnected() throws {
        let server = try TestServer {
            $0.chat.idleTimeout = 0.4
            $0.chat.sweepInterval = 0.05
        }
        defer { server.stop() }
        let client = try ChatTestClient(server, query: "room=lobby")
        _ = try client.next(type: "joined")
        try client.expectSilence(for: 1.5)
        try client.send(["type": "who"])
        #expect(try client.next(type: "who")["room"] as? String == "lobby")
    }

    @Test func floodingIsRefusedThenClosedWith1008() throws {
        let server = try TestServer { $0.chat.rateLimit = 5 }
        defer { server.stop() }
        let flooder = try ChatTestClient(server, query: "room=lobby")
        _ = try flooder.next(type: "joined")
        for index in 0..<15 { try flooder.send(["type": "message", "text": "m\(index)"]) }
        var delivered = 0, refused = 0
        for _ in 0..<15 {
            let event = try flooder.next()
            if event["type"] as? String == "message" { delivered += 1 }
            if event["code"] as? String == "rate_limited" { refused += 1 }
        }
        #expect(delivered == 10 && refused == 5)
        for index in 0..<40 { try flooder.send(text: "more \(index)") }
        let close = try flooder.closeFrame()
        #expect(close?.0 == .policyViolation && close?.1 == "rate limit exceeded")
    }

    @Test func shutdownSends1001ToEverySession() throws {
        let server = try TestServer()
        let chat = try ChatTestClient(server, query: "room=lobby")
        _ = try chat.next(type: "joined")
        let echo = try server.connect("/echo")
        server.server.shutDown()
        #expect(try chat.closeFrame()?.1 == "server shutting down")
        var echoClose: ClientEvent?
        while let event = try echo.next(timeout: 2), echoClose == nil { echoClose = event }
        #expect(echoClose == .closed(.goingAway, reason: "server shutting down"))
        let start = MonotonicClock.seconds()
        server.server.wait()
        #expect(MonotonicClock.seconds() - start < 2)
        #expect(throws: ClientError.self) { _ = try server.connect("/echo") }
    }
}
