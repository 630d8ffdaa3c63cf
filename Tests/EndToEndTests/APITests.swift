import Foundation
import TestSupport
import Testing
import WSClient
import WSServer

/// protocol.md, "HTTP API for backends", over real sockets: every endpoint
/// and every kind of refusal.
@Suite("End to end: HTTP API")
struct APITests {
    static let key = "api-key-for-the-end-to-end-tests"

    static func server(_ configure: (inout ServerConfig) -> Void = { _ in }) throws -> TestServer {
        try TestServer {
            $0.apiKey = Array(key.utf8)
            configure(&$0)
        }
    }

    static func call(_ method: String, _ path: String, _ body: String? = nil, key: String? = APITests.key, port: Int)
        throws -> HTTPClient.Response {
        var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        if let key { request += "Authorization: Bearer \(key)\r\n" }
        if let body { request += "Content-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n" }
        request += "\r\n" + (body ?? "")
        return try HTTPClient.exchange(Array(request.utf8), port: port)
    }

    static func json(_ response: HTTPClient.Response) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any])
    }

    @Test func publishNumbersKeepsAndDeliversLikeAnyMessage() throws {
        let server = try Self.server()
        defer { server.stop() }
        let early = try Self.json(Self.call("POST", "/api/publish", #"{"room":"news","text":"before anyone"}"#, port: server.port))
        #expect(early["seq"] as? Int == 1 && early["room"] as? String == "news" && early["epoch"] is String)
        let reader = try ChatTestClient(server, query: "room=news")
        let joined = try reader.next(type: "joined")
        let kept = try #require((joined["history"] as? [[String: Any]])?.first)
        #expect(kept["id"] as? String == "api" && kept["name"] as? String == "server" && kept["text"] as? String == "before anyone")
        _ = try Self.call("POST", "/api/publish", #"{"room":"news","text":"live","name":"CI"}"#, port: server.port)
        let live = try reader.next(type: "message")
        #expect(live["seq"] as? Int == 2 && live["name"] as? String == "CI" && live["id"] as? String == "api")
    }

    @Test func broadcastRoomsHistoryAndMembers() throws {
        let server = try Self.server()
        defer { server.stop() }
        let alice = try ChatTestClient(server, query: "room=dev&name=alice")
        _ = try alice.next(type: "joined")
        #expect(try Self.call("POST", "/api/broadcast", #"{"text":"deploying"}"#, port: server.port).body == "{}")
        #expect(try alice.next(type: "broadcast")["text"] as? String == "deploying")
        try alice.send(text: "one")
        _ = try alice.next(type: "message")
        let rooms = try Self.json(Self.call("GET", "/api/rooms", port: server.port))
        let dev = try #require((rooms["rooms"] as? [[String: Any]])?.first)
        #expect(dev["room"] as? String == "dev" && dev["members"] as? Int == 1 && dev["seq"] as? Int == 1 && dev["epoch"] is String)
        let history = try Self.json(Self.call("GET", "/api/rooms/dev/history?since=0&limit=10", port: server.port))
        #expect((history["messages"] as? [[String: Any]])?.map { $0["text"] as? String } == ["one"])
        let members = try Self.json(Self.call("GET", "/api/rooms/dev/members", port: server.port))
        #expect((members["members"] as? [[String: Any]])?.first?["name"] as? String == "alice")
    }

    @Test func disconnectClosesTheUsersSessions() throws {
        let secret = Array("0123456789abcdef0123456789abcdef-api".utf8)
        let server = try Self.server { $0.authSecret = secret }
        defer { server.stop() }
        let now = Int64(Date().timeIntervalSince1970)
        let token = try #require(TokenMinter(secret: secret).mint(
            TokenMinter.claims(subject: "u-bob", now: now, lifetime: 3600)))
        let bob = try ChatTestClient(server, query: "token=\(token)")
        let id = try #require(try bob.next(type: "welcome")["id"] as? String)
        #expect(try Self.call("POST", "/api/disconnect", #"{"user":"u-bob"}"#, port: server.port).status == 200)
        let close = try bob.closeFrame()
        #expect(close?.0 == .policyViolation && close?.1 == "disconnected by server")
        #expect(try Self.call("POST", "/api/disconnect", #"{"id":"\#(id)"}"#, port: server.port).status == 200)
    }

    @Test(arguments: [
        ("POST", "/api/publish", #"{"room":"r","text":"x"}"#, "wrong-key", 401, "forbidden"),
        ("POST", "/api/publish", "{oops", APITests.key, 400, "bad_json"),
        ("POST", "/api/publish", #"{"room":"a b","text":"x"}"#, APITests.key, 400, "bad_room"),
        ("POST", "/api/publish", #"{"room":"r"}"#, APITests.key, 400, "bad_request"),
        ("POST", "/api/publish", #"{"room":"r","text":"x","name":"\u0001"}"#, APITests.key, 400, "bad_name"),
        ("POST", "/api/disconnect", #"{}"#, APITests.key, 400, "bad_request"),
        ("GET", "/api/publish", nil, APITests.key, 405, "bad_request"),
        ("GET", "/api/nothing", nil, APITests.key, 404, "bad_request"),
        ("GET", "/api/rooms/nowhere/history", nil, APITests.key, 404, "no_room"),
        ("GET", "/api/rooms/r/history?limit=0", nil, APITests.key, 400, "bad_request"),
    ] as [(String, String, String?, String, Int, String)])
    func refusals(_ method: String, _ path: String, _ body: String?, _ key: String, _ status: Int, _ code: String) throws {
        let server = try Self.server()
        defer { server.stop() }
        let response = try Self.call(method, path, body, key: key, port: server.port)
        #expect(response.status == status)
        #expect((try Self.json(response)["error"] as? [String: Any])?["code"] as? String == code)
    }

    @Test func bodiesOverOneMebibyteAre413AndTheAPIIsOffWithoutAKey() throws {
        let server = try Self.server()
        defer { server.stop() }
        let huge = String(repeating: "x", count: (1 << 20) + 1)
        #expect(try Self.call("POST", "/api/publish", huge, port: server.port).status == 413)
        let plain = try TestServer()
        defer { plain.stop() }
        #expect(try Self.call("GET", "/api/rooms", port: plain.port).status == 404)
        #expect(try Self.call("POST", "/api/publish", "{}", port: plain.port).status == 404)
        let long = String(repeating: "y", count: server.server.config.maxMessageSize + 1)
        #expect(try Self.call("POST", "/api/publish", #"{"room":"r","text":"\#(long)"}"#, port: server.port).status == 413)
        #expect(try Self.call("GET", "/api/publish", port: server.port).header("Allow") == "POST")
    }
}
