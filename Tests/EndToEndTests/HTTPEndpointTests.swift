import Foundation
import SystemKit
import TestSupport
import Testing
import WSClient

/// The HTTP side of the endpoint table in docs/protocol.md, over real sockets.
@Suite("End to end: HTTP endpoints and refused upgrades")
struct HTTPEndpointTests {
    static let upgradeHeaders = [
        "Upgrade": "websocket", "Connection": "Upgrade",
        "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==", "Sec-WebSocket-Version": "13",
    ]

    @Test func healthCountsSessionsAndRooms() throws {
        let server = try TestServer()
        defer { server.stop() }
        let idle = try HTTPClient.get("/health", port: server.port)
        #expect(idle.status == 200)
        #expect(idle.header("Content-Type") == "application/json")
        #expect(idle.body.hasPrefix(#"{"status":"healthy","connections":0,"rooms":0,"uptime_s":"#))
        let client = try ChatTestClient(server, query: "room=lobby")
        _ = try client.next(type: "joined")
        let busy = try HTTPClient.get("/health", port: server.port)
        #expect(busy.body.contains(#""connections":1,"rooms":1,"#))
    }

    @Test func metricsUsePrometheusTextFormat() throws {
        let server = try TestServer()
        defer { server.stop() }
        var headers = Self.upgradeHeaders
        headers["Sec-WebSocket-Version"] = "8"
        _ = try HTTPClient.get("/", port: server.port, headers: headers)
        let metrics = try HTTPClient.get("/metrics", port: server.port)
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        for name in ["chat_connections", "chat_rooms", "chat_messages_received_total", "chat_deliveries_total",
                     "chat_bytes_received_total", "chat_bytes_sent_total", "chat_idle_closes_total",
                     "chat_slow_consumer_closes_total", "chat_rate_limited_total", "process_resident_memory_bytes"] {
            #expect(metrics.body.contains("\n\(name) ") || metrics.body.hasPrefix("# HELP \(name) "), "missing \(name)")
        }
        #expect(metrics.body.contains(#"chat_handshake_failures_total{reason="bad_ws_version"} 1"#))
    }

    @Test func plainRequestsGetThePageOrAnError() throws {
        let server = try TestServer()
        defer { server.stop() }
        let page = try HTTPClient.get("/", port: server.port)
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.header("Content-Length") == String(page.body.utf8.count))
        #expect(try HTTPClient.get("/nowhere", port: server.port).status == 404)
        let echo = try HTTPClient.get("/echo", port: server.port)
        #expect(echo.status == 426)
        #expect(echo.header("Sec-WebSocket-Version") == "13")
        let post = try HTTPClient.exchange(Array("POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n".utf8), port: server.port)
        #expect(post.status == 405)
    }

    @Test func badUpgradesAreRefusedWithTheRightStatus() throws {
        let server = try TestServer()
        defer { server.stop() }
        var wrongVersion = Self.upgradeHeaders
        wrongVersion["Sec-WebSocket-Version"] = "8"
        let version = try HTTPClient.get("/", port: server.port, headers: wrongVersion)
        #expect(version.status == 426)
        #expect(version.header("Sec-WebSocket-Version") == "13")
        var noKey = Self.upgradeHeaders
        noKey["Sec-WebSocket-Key"] = nil
        #expect(try HTTPClient.get("/", port: server.port, headers: noKey).status == 400)
        #expect(try HTTPClient.get("/elsewhere", port: server.port, headers: Self.upgradeHeaders).status == 404)
        let huge = try HTTPClient.get("/", port: server.port, headers: ["X-Padding": String(repeating: "a", count: 9000)])
        #expect(huge.status == 431)
    }

    @Test func browserOriginsOutsideTheListAreRefused() throws {
        let server = try TestServer { $0.allowedOrigins = ["http://good.example"] }
        defer { server.stop() }
        var evil = Self.upgradeHeaders
        evil["Origin"] = "http://evil.example"
        #expect(try HTTPClient.get("/", port: server.port, headers: evil).status == 403)
        _ = try server.connect("/", origin: "http://good.example")
        _ = try server.connect("/")
    }

    /// Was: with no `--allowed-origin`, any web page could open sessions
    /// from its visitors' browsers. Now only the page's own origin is.
    @Test func byDefaultOnlyThePagesOwnOriginIsAllowed() throws {
        let server = try TestServer()
        defer { server.stop() }
        var foreign = Self.upgradeHeaders
        foreign["Origin"] = "http://evil.example"
        #expect(try HTTPClient.get("/", port: server.port, headers: foreign).status == 403)
        _ = try server.connect("/", origin: "http://127.0.0.1:\(server.port)")
        _ = try server.connect("/")
        let anyOrigin = try TestServer { $0.allowedOrigins = ["*"] }
        defer { anyOrigin.stop() }
        _ = try anyOrigin.connect("/", origin: "http://evil.example")
    }

    @Test func upgradesBeyondTheConnectionLimitGet503() throws {
        let server = try TestServer { $0.maxConnections = 2 }
        defer { server.stop() }
        let first = try server.connect("/echo")
        let second = try server.connect("/echo")
        #expect(throws: ClientError.self) { _ = try server.connect("/echo") }
        #expect(try HTTPClient.get("/", port: server.port, headers: Self.upgradeHeaders).status == 503)
        _ = (first, second)
    }

    @Test func aSilentConnectionIsDroppedAtTheHandshakeDeadline() throws {
        let server = try TestServer { $0.handshakeTimeout = 0.3 }
        defer { server.stop() }
        let fd = try HTTPClient.connected(port: server.port)
        defer { close(fd) }
        let start = MonotonicClock.seconds()
        let received = HTTPClient.readUntilClosed(fd, timeout: 5)
        #expect(received.isEmpty)
        #expect(MonotonicClock.seconds() - start < 2)
    }
}
