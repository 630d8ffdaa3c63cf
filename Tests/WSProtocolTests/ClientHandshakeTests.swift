import Testing
import WSProtocol

func clientError(_ handshake: ClientHandshake, _ response: HTTPResponseHead) -> ClientHandshakeError? {
    do {
        try handshake.validate(response)
        return nil
    } catch {
        return error
    }
}

@Suite("RFC 6455 §4.1: client handshake")
struct ClientHandshakeTests {
    let rfcClient = ClientHandshake(
        host: "server.example.com", path: "/chat", origin: "http://example.com", key: "dGhlIHNhbXBsZSBub25jZQ==")

    /// The §1.3 answer with `replacing` fields swapped in (nil removes one).
    func answer(status: HTTPStatus = .switchingProtocols, replacing: [String: String?] = [:],
                extra: HTTPHeaders = [:]) -> HTTPResponseHead {
        var headers = HTTPHeaders()
        let base: [(String, String)] = [
            ("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="),
        ]
        for (name, value) in base {
            if let replacement = replacing[name] {
                if let replacement { headers.add(name: name, value: replacement) }
            } else {
                headers.add(name: name, value: value)
            }
        }
        for field in extra { headers.add(name: field.name, value: field.value) }
        return HTTPResponseHead(status: status, headers: headers)
    }

    @Test("the request is the RFC's, byte for byte")
    func requestBytes() {
        let expected = """
            GET /chat HTTP/1.1\r
            Host: server.example.com\r
            Upgrade: websocket\r
            Connection: Upgrade\r
            Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
            Sec-WebSocket-Version: 13\r
            Origin: http://example.com\r
            \r

            """
        #expect(String(decoding: rfcClient.requestBytes, as: UTF8.self) == expected)
        #expect(rfcClient.expectedAccept == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
    }

    @Test("Host carries the port only when it is not 80; IPv6 literals get brackets")
    func hostField() {
        #expect(ClientHandshake(host: "h", port: 80).hostField == "h")
        #expect(ClientHandshake(host: "h", port: 9000).hostField == "h:9000")
        #expect(ClientHandshake(host: "::1", port: 8080).hostField == "[::1]:8080")
        #expect(ClientHandshake(host: "[::1]").hostField == "[::1]")
    }

    @Test("extra headers follow the handshake's; an empty path is /")
    func extraHeaders() {
        let client = ClientHandshake(host: "h", path: "", extraHeaders: ["Sec-WebSocket-Protocol": "chat"], key: "k")
        let text = String(decoding: client.requestBytes, as: UTF8.self)
        #expect(text.hasPrefix("GET / HTTP/1.1\r\nHost: h\r\n"))
        #expect(text.hasSuffix("Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: chat\r\n\r\n"))
    }

    @Test("the default key is fresh base64 of 16 random bytes")
    func defaultKey() {
        let first = ClientHandshake(host: "h")
        let second = ClientHandshake(host: "h")
        #expect(Base64.decode(first.key)?.count == 16)
        #expect(first.key != second.key)
        #expect(first.expectedAccept == ServerHandshake.acceptValue(forKey: first.key))
    }

    @Test("our server accepts our client's request, and our client accepts its answer")
    func roundTrip() throws {
        let client = ClientHandshake(host: "127.0.0.1", port: 9001, path: "/chat?room=x")
        guard case .complete(let head, _) = feedAllWays(HTTPRequestHeadParser.self, client.requestBytes) else {
            Issue.record("the client's request did not parse")
            return
        }
        let upgrade = try ServerHandshake.validate(head)
        #expect(upgrade.host == "127.0.0.1:9001")
        guard case .complete(let answer, _) = feedAllWays(HTTPResponseHeadParser.self,
                                                             ServerHandshake.response(for: upgrade)) else {
            Issue.record("the server's answer did not parse")
            return
        }
        try client.validate(answer)
    }

    @Test("the §1.3 answer passes")
    func rfcAnswerPasses() {
        #expect(clientError(rfcClient, answer()) == nil)
        #expect(clientError(rfcClient, answer(replacing: ["Upgrade": "WebSocket", "Connection": "keep-alive, upgrade"])) == nil)
    }

    @Test("each §4.1 failure fails the connection", arguments: [
        ("status", HTTPStatus.notFound, ["Upgrade": nil], HTTPHeaders(),
         ClientHandshakeError.unexpectedStatus(.notFound)),
        ("status 200", .ok, [:], [:], .unexpectedStatus(.ok)),
        ("no Upgrade", .switchingProtocols, ["Upgrade": nil], [:], .missingUpgrade(received: nil)),
        ("wrong Upgrade", .switchingProtocols, ["Upgrade": "h2c"], [:], .missingUpgrade(received: "h2c")),
        ("no Connection", .switchingProtocols, ["Connection": nil], [:], .missingConnectionUpgrade(received: nil)),
        ("wrong Connection", .switchingProtocols, ["Connection": "close"], [:],
         .missingConnectionUpgrade(received: "close")),
        ("no accept", .switchingProtocols, ["Sec-WebSocket-Accept": nil], [:], .missingAccept),
        ("wrong accept", .switchingProtocols, ["Sec-WebSocket-Accept": "HSmrc0sMlYUkAGmm5OPpG2HaGWk="], [:],
         .wrongAccept(expected: "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", received: "HSmrc0sMlYUkAGmm5OPpG2HaGWk=")),
        ("two accepts", .switchingProtocols, [:], ["Sec-WebSocket-Accept": "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="],
         .wrongAccept(expected: "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
                      received: "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=, s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")),
        ("extension", .switchingProtocols, [:], ["Sec-WebSocket-Extensions": "permessage-deflate"],
         .unexpectedExtensions("permessage-deflate")),
        ("subprotocol", .switchingProtocols, [:], ["Sec-WebSocket-Protocol": "chat"], .unexpectedSubprotocol("chat")),
    ] as [(String, HTTPStatus, [String: String?], HTTPHeaders, ClientHandshakeError)])
    func failures(name: String, status: HTTPStatus, replacing: [String: String?], extra: HTTPHeaders,
                  expected: ClientHandshakeError) {
        #expect(clientError(rfcClient, answer(status: status, replacing: replacing, extra: extra)) == expected, "\(name)")
    }

    @Test("a subprotocol passes only if it was offered, and only one")
    func offeredSubprotocol() {
        let client = ClientHandshake(host: "h", extraHeaders: ["Sec-WebSocket-Protocol": "chat, superchat"],
                                     key: "dGhlIHNhbXBsZSBub25jZQ==")
        #expect(clientError(client, answer(extra: ["Sec-WebSocket-Protocol": "superchat"])) == nil)
        #expect(clientError(client, answer(extra: ["Sec-WebSocket-Protocol": "Chat"])) == .unexpectedSubprotocol("Chat"))
        #expect(clientError(client, answer(extra: ["Sec-WebSocket-Protocol": "chat, superchat"]))
            == .unexpectedSubprotocol("chat, superchat"))
    }

    @Test("errors read well at a terminal")
    func descriptions() {
        #expect(ClientHandshakeError.unexpectedStatus(.notFound).description == "server answered 404 Not Found")
        #expect(ClientHandshakeError.wrongAccept(expected: "a", received: "b").description
            == "server sent Sec-WebSocket-Accept b, expected a")
        #expect(ClientHandshakeError.missingUpgrade(received: nil).description
            == "server answered Upgrade: (none), expected websocket")
    }
}
