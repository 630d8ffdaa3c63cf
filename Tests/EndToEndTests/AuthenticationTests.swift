import Foundation
import TestSupport
import Testing
import WSClient
import WSProtocol
import WSServer

/// protocol.md, "Authentication", over real sockets: tokens checked before
/// the 101, the claims enforced, expiry and refresh.
@Suite("End to end: authentication")
struct AuthenticationTests {
    static let secret = Array("0123456789abcdef0123456789abcdef-e2e".utf8)

    static func token(
        _ subject: String, name: String? = nil, rooms: [String]? = nil, broadcast: Bool = false,
        lifetime: Int64 = 3600, secret: [UInt8] = secret
    ) throws -> String {
        let now = Int64(Date().timeIntervalSince1970)
        let claims = try TokenMinter.claims(
            subject: subject, name: name, rooms: rooms, mayBroadcast: broadcast, now: now, lifetime: lifetime)
        return try #require(TokenMinter(secret: secret).mint(claims))
    }

    static func server(_ mode: ServerConfig.AuthMode? = nil) throws -> TestServer {
        try TestServer {
            $0.authSecret = secret
            $0.authMode = mode
        }
    }

    static func connect(_ server: TestServer, _ query: String = "", token: String? = nil) throws -> ChatTestClient {
        var headers = HTTPHeaders()
        if let token { headers.add(name: "Authorization", value: "Bearer \(token)") }
        return ChatTestClient(socket: try WebSocketClient.connect(to: server.url("/?" + query), headers: headers))
    }

    private func upgradeStatus(_ server: TestServer, query: String = "", authorization: String? = nil) throws -> HTTPClient.Response {
        var headers = HTTPEndpointTests.upgradeHeaders
        if let authorization { headers["Authorization"] = authorization }
        return try HTTPClient.get("/?" + query, port: server.port, headers: headers)
    }

    @Test func requiredModeRefusesMissingAndBadTokensWith401() throws {
        let server = try Self.server()
        defer { server.stop() }
        let missing = try upgradeStatus(server)
        #expect(missing.status == 401 && missing.header("WWW-Authenticate") == #"Bearer error="invalid_token""#)
        let forged = try Self.token("alice", secret: Array("another secret of at least 32 bytes!!".utf8))
        #expect(try upgradeStatus(server, authorization: "Bearer \(forged)").status == 401)
        let expired = try Self.token("alice", lifetime: -31)
        #expect(try upgradeStatus(server, query: "token=\(expired)").status == 401)
        let metrics = try HTTPClient.get("/metrics", port: server.port).body
        for reason in ["missing", "bad_signature", "expired"] {
            #expect(metrics.contains(#"chat_auth_failures_total{reason="\#(reason)"} 1"#))
        }
    }

    @Test func aValidTokenNamesTheUserAndItsClaimsHold() throws {
        let server = try Self.server()
        defer { server.stop() }
        let token = try Self.token("u-alice", name: "Alice", rooms: ["team", "proj-*"])
        let alice = try Self.connect(server, "room=team&name=mallory", token: token)
        let welcome = try alice.next(type: "welcome")
        #expect(welcome["user"] as? String == "u-alice" && welcome["name"] as? String == "Alice")
        _ = try alice.next(type: "joined")
        try alice.send(["type": "nick", "name": "eve", "ref": 1])
        #expect(try alice.next(type: "error")["code"] as? String == "forbidden")
        try alice.send(["type": "join", "room": "secret", "ref": 2])
        let refused = try alice.next(type: "error")
        #expect(refused["code"] as? String == "forbidden" && refused["ref"] as? Int == 2)
        try alice.send(["type": "join", "room": "proj-x", "ref": 3])
        #expect(try alice.next(type: "joined")["room"] as? String == "proj-x")
        try alice.send(["type": "broadcast", "text": "all", "ref": 4])
        #expect(try alice.next(type: "error")["code"] as? String == "forbidden")
        try alice.send(["type": "message", "text": "signed"])
        #expect(try alice.next(type: "message")["user"] as? String == "u-alice")
    }

    @Test func theQueryParameterWorksForBrowsers() throws {
        let server = try Self.server()
        defer { server.stop() }
        let token = try Self.token("u-bob", broadcast: true)
        let bob = try ChatTestClient(server, query: "token=\(token)")
        #expect(try bob.next(type: "welcome")["user"] as? String == "u-bob")
        try bob.send(["type": "broadcast", "text": "allowed", "ref": 1])
        #expect(try bob.next(type: "broadcast")["user"] as? String == "u-bob")
    }

    @Test func optionalModeLetsGuestsInButNotBadTokens() throws {
        let server = try Self.server(.optional)
        defer { server.stop() }
        let guest = try ChatTestClient(server, query: "name=guesty")
        let welcome = try guest.next(type: "welcome")
        #expect(welcome["user"] == nil && welcome["name"] as? String == "guesty")
        #expect(try upgradeStatus(server, authorization: "Bearer not.a.token").status == 401)
    }

    /// A token accepted within the skew closes the session at exp + 30 s,
    /// unless a refresh for the same user moved the expiry.
    @Test func expiryClosesTheSessionUnlessRefreshed() throws {
        let server = try Self.server()
        defer { server.stop() }
        let lapsing = try Self.connect(server, token: try Self.token("u-carol", lifetime: -29))
        _ = try lapsing.next(type: "welcome")
        let close = try lapsing.closeFrame(timeout: 5)
        #expect(close?.0 == .policyViolation && close?.1 == "token expired")
        let renewed = try Self.connect(server, token: try Self.token("u-dan", lifetime: -29))
        _ = try renewed.next(type: "welcome")
        try renewed.send(["type": "refresh", "token": try Self.token("u-eve"), "ref": 1])
        #expect(try renewed.next(type: "error")["code"] as? String == "bad_token")
        try renewed.send(["type": "refresh", "token": try Self.token("u-dan"), "ref": 2])
        #expect(try renewed.next(type: "refreshed")["ref"] as? Int == 2)
        try renewed.expectSilence(for: 2)
    }

    /// Nothing about a token reaches the log, not even part of one.
    @Test func noTokenIsEverLogged() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("auth-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let secretFile = directory.appendingPathComponent("secret")
        try Data(Self.secret).write(to: secretFile)
        let log = directory.appendingPathComponent("server.log")
        let server = try ServerProcess(["--auth-secret-file", secretFile.path, "--log-level", "debug"], stderr: log)
        let good = try Self.token("u-frank")
        let bad = String(try Self.token("u-gina").dropLast(3)) + "AAA"
        let url = WebSocketURL(host: "127.0.0.1", port: server.port, target: "/?token=\(good)&room=r")
        let client = try WebSocketClient.connect(to: url)
        try client.send(text: #"{"type":"refresh","token":"\#(bad)"}"#)
        _ = try client.next(timeout: 1)
        _ = try? WebSocketClient.connect(to: WebSocketURL(host: "127.0.0.1", port: server.port, target: "/?token=\(bad)"))
        try client.close()
        _ = server.stop()
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(!text.isEmpty)
        for token in [good, bad] {
            let pieces = stride(from: 0, to: token.count - 8, by: 4).map { String(token.dropFirst($0).prefix(8)) }
            #expect(!pieces.contains { text.contains($0) }, "a piece of a token is in the log")
        }
    }
}
