import Testing
import WSProtocol

@Suite("RFC 9110 §5: header fields and lists")
struct HTTPHeadersTests {
    let headers: HTTPHeaders = [
        "Host": "a.example",
        "Connection": "keep-alive, Upgrade",
        "X-Seen": "1",
        "connection": " ,, close ,\t",
        "x-seen": "2",
        "Sec-WebSocket-Protocol": "Chat, v2.json ",
    ]

    @Test("§5.1: names match ASCII case-insensitively; order and repeats are kept")
    func lookups() {
        #expect(headers.count == 6)
        #expect(headers.first("HOST") == "a.example")
        #expect(headers.first("x-SEEN") == "1")
        #expect(headers.values("X-Seen") == ["1", "2"])
        #expect(headers.count(of: "CONNECTION") == 2)
        #expect(headers.count(of: "Origin") == 0)
        #expect(headers.first("Origin") == nil)
        #expect(headers.values("Origin").isEmpty)
        #expect(headers.first("Hos") == nil)
    }

    @Test("§5.6.1: list elements are split on commas, OWS trimmed, empties dropped")
    func lists() {
        #expect(headers.tokens("Connection") == ["keep-alive", "upgrade", "close"])
        #expect(headers.elements("Connection") == ["keep-alive", "Upgrade", "close"])
        #expect(headers.elements("sec-websocket-protocol") == ["Chat", "v2.json"])
        #expect(headers.tokens("Origin").isEmpty)
    }

    @Test("containsToken ignores case and needs a whole element")
    func containsToken() {
        #expect(headers.containsToken("upgrade", in: "connection"))
        #expect(headers.containsToken("CLOSE", in: "Connection"))
        #expect(!headers.containsToken("keep", in: "Connection"))
        #expect(!headers.containsToken("keep-alive, upgrade", in: "Connection"))
        #expect(!headers.containsToken("upgrade", in: "Upgrade"))
        #expect(!headers.containsToken("", in: "Connection"))
    }

    @Test("equality is field by field, in order, names compared exactly")
    func equality() {
        var built = HTTPHeaders()
        built.add(name: "A", value: "1")
        built.add(name: "a", value: "2")
        #expect(built == ["A": "1", "a": "2"])
        #expect(built != ["a": "2", "A": "1"])
        #expect(built != ["A": "1", "A": "2"])
        #expect(HTTPHeaders([(name: "A", value: "1")]) == ["A": "1"])
    }
}
