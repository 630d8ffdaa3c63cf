import Testing
import WSProtocol

@Suite("RFC 9112 §4 and RFC 9110 §8.6: writing responses")
struct HTTPResponseTests {
    @Test("a plain-text error has its length and closes the connection")
    func plainText() {
        let response = HTTPResponse.plainText(.notFound, "no such room")
        let expected = "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Content-Length: 28\r\nConnection: close\r\n\r\n404 Not Found: no such room\n"
        #expect(String(decoding: response.bytes, as: UTF8.self) == expected)
        #expect(HTTPResponse.plainText(.ok).body == Array("200 OK\n".utf8))
    }

    @Test("a body of any size gets its exact Content-Length")
    func contentLength() {
        for count in [0, 9, 10, 99, 100, 12345] {
            let text = String(decoding: HTTPResponse(status: .ok, body: Array(repeating: 0x61, count: count)).bytes,
                              as: UTF8.self)
            #expect(text.contains("\r\nContent-Length: \(count)\r\n"))
            #expect(text.hasSuffix("\r\n\r\n" + String(repeating: "a", count: count)))
        }
    }

    @Test("a 101 has neither Content-Length nor Connection: close")
    func switchingProtocols() {
        let response = HTTPResponse(status: .switchingProtocols, headers: ["Upgrade": "websocket", "Connection": "Upgrade"])
        #expect(String(decoding: response.bytes, as: UTF8.self)
            == "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n")
    }

    @Test("CR, LF and NUL in a header cannot start a new line")
    func noHeaderInjection() {
        let response = HTTPResponse(status: .ok, headers: ["X": "a\r\nSet-Cookie: b\u{0}"])
        #expect(String(decoding: response.bytes, as: UTF8.self).contains("\r\nX: a  Set-Cookie: b \r\n"))
    }

    @Test("what we write, we parse back")
    func roundTrip() {
        let response = HTTPResponse.plainText(.serviceUnavailable, "draining", headers: ["Retry-After": "5"])
        let outcome = feedAllWays(HTTPResponseHeadParser.self, response.bytes)
        guard case .complete(let head, let headCount) = outcome else {
            Issue.record("expected a head, got \(outcome)")
            return
        }
        #expect(head.status == .serviceUnavailable)
        #expect(head.headers.first("Retry-After") == "5")
        #expect(head.headers.first("Content-Length") == String(response.body.count))
        #expect(headCount + response.body.count == response.bytes.count)
    }
}
