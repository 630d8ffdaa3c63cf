import Testing
import WSProtocol

/// The server's answer of RFC 6455 section 1.3.
let rfcResponse = """
    HTTP/1.1 101 Switching Protocols\r
    Upgrade: websocket\r
    Connection: Upgrade\r
    Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r
    \r

    """

func response(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> FeedOutcome<HTTPResponseHead> {
    feedAllWays(HTTPResponseHeadParser.self, bytes(text), sourceLocation: sourceLocation)
}

@Suite("RFC 9112 §4-5: response head parsing")
struct ResponseHeadParsingTests {
    @Test("the RFC 6455 §1.3 response parses")
    func rfcExample() {
        let expected = HTTPResponseHead(status: .switchingProtocols, headers: [
            "Upgrade": "websocket", "Connection": "Upgrade", "Sec-WebSocket-Accept": "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=",
        ])
        #expect(response(rfcResponse) == .complete(expected, headCount: rfcResponse.utf8.count))
    }

    @Test("frame bytes that follow the 101 are left to the caller")
    func bytesAfterHead() {
        let frame: [UInt8] = [0x81, 0x05, 0x48, 0x65, 0x6C, 0x6C, 0x6F]
        let outcome = feedAllWays(HTTPResponseHeadParser.self, bytes(rfcResponse) + frame)
        guard case .complete(_, let headCount) = outcome else {
            Issue.record("expected a head, got \(outcome)")
            return
        }
        #expect(headCount == rfcResponse.utf8.count)
    }

    @Test("the reason phrase is kept as sent and may be empty or absent")
    func reasonPhrase() {
        #expect(response("HTTP/1.1 404 Not Found\r\n\r\n") == .complete(
            HTTPResponseHead(status: .notFound), headCount: 26))
        #expect(response("HTTP/1.0 200 Fine\tthanks\r\n\r\n") == .complete(
            HTTPResponseHead(version: .http1_0, status: HTTPStatus(code: 200, reason: "Fine\tthanks")), headCount: 28))
        #expect(response("HTTP/1.1 200 \r\n\r\n") == .complete(
            HTTPResponseHead(status: HTTPStatus(code: 200, reason: "")), headCount: 17))
        #expect(response("HTTP/1.1 200\n\n") == .complete(
            HTTPResponseHead(status: HTTPStatus(code: 200, reason: "")), headCount: 14))
    }

    @Test("§5.2: a user agent replaces obs-fold with SP")
    func obsFoldIsUnfolded() {
        let outcome = response("HTTP/1.1 200 OK\r\nX: a\r\n  b\r\n\tc\r\nY: d\r\n\r\n")
        guard case .complete(let head, _) = outcome else {
            Issue.record("expected a head, got \(outcome)")
            return
        }
        #expect(head.headers == ["X": "a b c", "Y": "d"])
    }

    /// Found by the HTTP head fuzzer (fuzz/crashes/http-head-fold-blank-continuation):
    /// unfolding used to leave "websocket " and the client refused a valid 101.
    @Test("§5.2: a blank folded line adds nothing to the value")
    func blankFoldAddsNothing() {
        let outcome = response("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n \r\nConnection: Upgrade\r\n\r\n")
        guard case .complete(let head, _) = outcome else {
            Issue.record("expected a head, got \(outcome)")
            return
        }
        #expect(head.headers.first("Upgrade") == "websocket")
    }

    @Test("malformed status lines are refused", arguments: [
        ("HTTP/1.1 20 OK\r\n\r\n", HTTPParseError.invalidStatusLine),
        ("HTTP/1.1 2000 OK\r\n\r\n", .invalidStatusLine),
        ("HTTP/1.1 099 Low\r\n\r\n", .invalidStatusLine),
        ("HTTP/1.1 600 High\r\n\r\n", .invalidStatusLine),
        ("HTTP/1.1 2x0 OK\r\n\r\n", .invalidStatusLine),
        ("HTTP/1.1  200 OK\r\n\r\n", .invalidStatusLine),
        ("HTTP/1.1 200 O\u{1}K\r\n\r\n", .invalidStatusLine),
        ("HTTX/1.1 200 OK\r\n\r\n", .invalidVersion),
        ("HTTP/2.0 200 OK\r\n\r\n", .unsupportedVersion(HTTPVersion(major: 2, minor: 0))),
        ("HTTP/1.1 200 OK\r\n Folded: x\r\n\r\n", .whitespaceBeforeFirstField),
        ("HTTP/1.1 200 OK\r\nX : y\r\n\r\n", .whitespaceBeforeColon),
    ])
    func malformed(input: String, expected: HTTPParseError) {
        #expect(response(input) == .failed(expected))
    }
}
