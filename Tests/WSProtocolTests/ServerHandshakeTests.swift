import Testing
import WSProtocol

/// A valid request of RFC 6455 section 1.2 with `replacing` fields swapped in
/// (a nil value removes the field) and `extra` lines appended.
func handshakeHead(
    method: String = "GET", target: String = "/chat", version: String = "HTTP/1.1",
    replacing: [String: String?] = [:], extra: [String] = []
) -> HTTPRequestHead? {
    var lines = ["\(method) \(target) \(version)"]
    for line in rfcRequest.split(separator: "\r\n").dropFirst() where line != "\n" {
        let name = String(line.prefix { $0 != ":" })
        if let replacement = replacing[name] {
            if let replacement { lines.append("\(name): \(replacement)") }
        } else {
            lines.append(String(line))
        }
    }
    return request((lines + extra).joined(separator: "\r\n") + "\r\n\r\n")
}

func handshakeError(_ head: HTTPRequestHead?) -> HandshakeError? {
    guard let head else { return nil }
    do {
        _ = try ServerHandshake.validate(head)
        return nil
    } catch {
        return error
    }
}

@Suite("RFC 6455 §4.2.1: server handshake validation")
struct ServerHandshakeTests {
    @Test("the §1.2 request is accepted with everything the server needs")
    func rfcRequestIsAccepted() throws {
        let head = try #require(request(rfcRequest))
        #expect(ServerHandshake.isUpgradeRequest(head))
        let upgrade = try ServerHandshake.validate(head)
        #expect(upgrade == UpgradeRequest(
            key: "dGhlIHNhbXBsZSBub25jZQ==", host: "server.example.com", origin: "http://example.com",
            path: "/chat", query: nil, subprotocols: ["chat", "superchat"], extensions: []))
    }

    @Test("path, query, extensions and case-insensitive tokens")
    func variants() throws {
        let head = try #require(handshakeHead(
            target: "/chat?room=x&name=J%C3%BCrgen+K",
            replacing: ["Upgrade": "WebSocket", "Connection": "keep-alive, UPGRADE", "Origin": nil],
            extra: ["Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits, x-foo"]))
        let upgrade = try ServerHandshake.validate(head)
        #expect(upgrade.path == "/chat")
        #expect(upgrade.query == "room=x&name=J%C3%BCrgen+K")
        #expect(upgrade.queryParameters.first(for: "name") == "Jürgen K")
        #expect(upgrade.origin == nil)
        #expect(upgrade.extensions == ["permessage-deflate; client_max_window_bits", "x-foo"])
    }

    @Test("isUpgradeRequest tells a plain GET from an upgrade")
    func isUpgradeRequest() throws {
        #expect(!ServerHandshake.isUpgradeRequest(try #require(request("GET /health HTTP/1.1\r\nHost: a\r\n\r\n"))))
        #expect(!ServerHandshake.isUpgradeRequest(try #require(request("GET / HTTP/1.1\r\nUpgrade: h2c\r\n\r\n"))))
        #expect(ServerHandshake.isUpgradeRequest(try #require(request("GET / HTTP/1.1\r\nUpgrade: h2c, WEBSOCKET\r\n\r\n"))))
    }

    @Test("each requirement, checked in order, has its status and label", arguments: [
        (handshakeHead(method: "POST"), HandshakeError.methodNotAllowed(method: "POST"), 405, "bad_method"),
        (handshakeHead(method: "get"), .methodNotAllowed(method: "get"), 405, "bad_method"),
        (handshakeHead(version: "HTTP/1.0"), .unsupportedHTTPVersion(.http1_0), 400, "bad_version"),
        (handshakeHead(replacing: ["Host": nil]), .missingHost, 400, "missing_host"),
        (handshakeHead(extra: ["Host: other.example"]), .duplicateHost, 400, "duplicate_host"),
        (handshakeHead(replacing: ["Upgrade": nil]), .missingUpgrade, 400, "bad_upgrade"),
        (handshakeHead(replacing: ["Upgrade": "websockets"]), .missingUpgrade, 400, "bad_upgrade"),
        (handshakeHead(replacing: ["Connection": nil]), .missingConnectionUpgrade, 400, "bad_connection"),
        (handshakeHead(replacing: ["Connection": "keep-alive"]), .missingConnectionUpgrade, 400, "bad_connection"),
        (handshakeHead(replacing: ["Sec-WebSocket-Version": nil]), .unsupportedWebSocketVersion, 426, "bad_ws_version"),
        (handshakeHead(replacing: ["Sec-WebSocket-Version": "8"]), .unsupportedWebSocketVersion, 426, "bad_ws_version"),
        (handshakeHead(replacing: ["Sec-WebSocket-Version": "13, 8"]), .unsupportedWebSocketVersion, 426, "bad_ws_version"),
        (handshakeHead(extra: ["Sec-WebSocket-Version: 13"]), .unsupportedWebSocketVersion, 426, "bad_ws_version"),
        (handshakeHead(replacing: ["Sec-WebSocket-Key": nil]), .missingKey, 400, "missing_key"),
        (handshakeHead(extra: ["Sec-WebSocket-Key: x3JJHMbDL1EzLkh9GBhXDw=="]), .duplicateKey, 400, "duplicate_key"),
        (handshakeHead(replacing: ["Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ"]), .invalidKey, 400, "bad_key"),
        (handshakeHead(replacing: ["Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25j"]), .invalidKey, 400, "bad_key"),
        (handshakeHead(replacing: ["Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZXM="]), .invalidKey, 400, "bad_key"),
        (handshakeHead(replacing: ["Sec-WebSocket-Key": ""]), .invalidKey, 400, "bad_key"),
        // The first failed requirement is the one reported.
        (handshakeHead(method: "PUT", version: "HTTP/1.0", replacing: ["Sec-WebSocket-Key": nil]),
         .methodNotAllowed(method: "PUT"), 405, "bad_method"),
        (handshakeHead(replacing: ["Host": nil, "Sec-WebSocket-Version": nil]), .missingHost, 400, "missing_host"),
    ])
    func rejections(head: HTTPRequestHead?, expected: HandshakeError, code: Int, label: String) {
        #expect(head != nil)
        let error = handshakeError(head)
        #expect(error == expected)
        #expect(error?.status.code == code)
        #expect(error?.label == label)
        #expect(error?.response().status.code == code)
    }

    @Test("405 carries Allow: GET")
    func methodNotAllowedResponse() {
        let response = HandshakeError.methodNotAllowed(method: "POST").response()
        #expect(response.status == .methodNotAllowed)
        #expect(response.headers.first("Allow") == "GET")
    }

    @Test("§4.2.2: 426 carries Sec-WebSocket-Version: 13 (and the Upgrade RFC 9110 requires)")
    func upgradeRequiredResponse() throws {
        let error = try #require(handshakeError(handshakeHead(replacing: ["Sec-WebSocket-Version": "8"])))
        let response = error.response()
        #expect(response.status == .upgradeRequired)
        #expect(response.headers.values("Sec-WebSocket-Version") == ["13"])
        #expect(response.headers.first("Upgrade") == "websocket")
        let text = String(decoding: response.bytes, as: UTF8.self)
        #expect(text.hasPrefix("HTTP/1.1 426 Upgrade Required\r\n"))
        #expect(text.contains("\r\nSec-WebSocket-Version: 13\r\n"))
    }

    @Test("other refusals carry no extra header; every label is distinct and every reason short")
    func labelsAndReasons() {
        let all: [HandshakeError] = [
            .methodNotAllowed(method: "POST"), .unsupportedHTTPVersion(.http1_0), .missingHost, .duplicateHost,
            .missingUpgrade, .missingConnectionUpgrade, .unsupportedWebSocketVersion, .missingKey, .duplicateKey,
            .invalidKey,
        ]
        #expect(Set(all.map(\.label)).count == all.count)
        #expect(all.allSatisfy { !$0.reason.isEmpty && $0.reason.utf8.count < 60 })
        #expect(HandshakeError.missingKey.response().headers.map(\.name) == ["Content-Type"])
    }
}
