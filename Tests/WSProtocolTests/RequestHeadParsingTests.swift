import Testing
import WSProtocol

/// The client's opening handshake of RFC 6455 section 1.2.
let rfcRequest = """
    GET /chat HTTP/1.1\r
    Host: server.example.com\r
    Upgrade: websocket\r
    Connection: Upgrade\r
    Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r
    Origin: http://example.com\r
    Sec-WebSocket-Protocol: chat, superchat\r
    Sec-WebSocket-Version: 13\r
    \r

    """

@Suite("RFC 9112 §2-5: request head parsing")
struct RequestHeadParsingTests {
    @Test("the RFC 6455 §1.2 request parses field by field, in order")
    func rfcExample() throws {
        let head = try #require(request(rfcRequest))
        #expect(head.method == "GET")
        #expect(head.target == "/chat")
        #expect(head.path == "/chat")
        #expect(head.query == nil)
        #expect(head.version == .http1_1)
        #expect(head.headers.map(\.name) == [
            "Host", "Upgrade", "Connection", "Sec-WebSocket-Key", "Origin", "Sec-WebSocket-Protocol",
            "Sec-WebSocket-Version",
        ])
        #expect(head.headers.first("sec-websocket-key") == "dGhlIHNhbXBsZSBub25jZQ==")
        #expect(head.headers.first("Sec-WebSocket-Protocol") == "chat, superchat")
    }

    @Test("bytes after the empty line are not consumed: they are the first frame")
    func bytesAfterHeadAreNotConsumed() {
        let head = bytes(rfcRequest)
        let frame: [UInt8] = [0x81, 0x85, 0x37, 0xFA, 0x21, 0x3D, 0x7F, 0x9F, 0x4D, 0x51, 0x58]
        let outcome = feedAllWays(HTTPRequestHeadParser.self, head + frame)
        guard case .complete(let parsed, let headCount) = outcome else {
            Issue.record("expected a complete head, got \(outcome)")
            return
        }
        #expect(headCount == head.count)
        #expect(parsed.target == "/chat")
    }

    @Test("an unfinished head asks for more, whatever the split")
    func unfinishedHead() {
        #expect(feedAllWays(HTTPRequestHeadParser.self, bytes("GET / HTTP/1.1\r\nHost: a\r\n")) == .needMoreData)
        #expect(feedAllWays(HTTPRequestHeadParser.self, bytes("GET / HTTP/1.1\r\nHost: a\r\n\r")) == .needMoreData)
        #expect(feedAllWays(HTTPRequestHeadParser.self, bytes("\r\n\r\n\n")) == .needMoreData)
    }

    @Test("path and query split at the first '?'")
    func pathAndQuery() throws {
        let head = try #require(request("GET /chat?room=x&name=J%C3%BCrgen+K HTTP/1.1\r\nHost: a\r\n\r\n"))
        #expect(head.path == "/chat")
        #expect(head.query == "room=x&name=J%C3%BCrgen+K")
        #expect(try #require(request("GET /a? HTTP/1.1\r\nHost: a\r\n\r\n")).query == "")
        #expect(try #require(request("GET /a?b?c HTTP/1.1\r\nHost: a\r\n\r\n")).query == "b?c")
    }

    @Test("§2.2: a bare LF ends a line as CRLF does")
    func bareLineFeed() {
        let crlf = request("GET /x HTTP/1.1\r\nHost: a\r\nX: 1\r\n\r\n")
        #expect(crlf != nil)
        #expect(request("GET /x HTTP/1.1\nHost: a\nX: 1\n\n") == crlf)
        #expect(request("GET /x HTTP/1.1\r\nHost: a\nX: 1\r\n\n") == crlf)
    }

    @Test("§2.2: empty lines before the request line are ignored")
    func leadingEmptyLines() {
        let plain = request("GET / HTTP/1.1\r\nHost: a\r\n\r\n")
        #expect(plain != nil)
        #expect(request("\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n") == plain)
        #expect(request("\r\n\n\r\nGET / HTTP/1.1\r\nHost: a\r\n\r\n") == plain)
    }

    @Test("§5: OWS around a value is trimmed, inside it is kept")
    func valueWhitespace() throws {
        let head = try #require(request("GET / HTTP/1.1\r\nA:  x y \t\r\nB:\r\nC:\t \r\nD:z\r\n\r\n"))
        #expect(head.headers.map(\.value) == ["x y", "", "", "z"])
    }

    @Test("a method is a token and case-sensitive; HTTP/1.0 parses")
    func methodsAndVersions() throws {
        #expect(try #require(request("post / HTTP/1.1\r\n\r\n")).method == "post")
        #expect(try #require(request("M-SEARCH * HTTP/1.0\r\n\r\n")).version == .http1_0)
    }

    @Test("after a complete head the parser reads the next one")
    func parserIsReusable() throws {
        var parser = HTTPRequestHeadParser()
        let first = try parser.parse(bytes("GET /a HTTP/1.1\r\n\r\n"))
        let second = try parser.parse(bytes("GET /b HTTP/1.1\r\n\r\n"))
        guard case .complete(let a, 19) = first, case .complete(let b, 19) = second else {
            Issue.record("expected two heads, got \(first) and \(second)")
            return
        }
        #expect(a.target == "/a")
        #expect(b.target == "/b")
    }

    @Test("after an error every later call throws it again")
    func errorsAreSticky() {
        var parser = HTTPRequestHeadParser()
        #expect(throws: HTTPParseError.whitespaceBeforeColon) { try parser.parse(bytes("GET / HTTP/1.1\r\nA : b\r\n\r\n")) }
        #expect(throws: HTTPParseError.whitespaceBeforeColon) { try parser.parse(bytes("GET / HTTP/1.1\r\n\r\n")) }
    }

    @Test("malformed heads are refused with their status", arguments: [
        ("GET /chat\r\n\r\n", HTTPParseError.invalidRequestLine),
        ("GET\r\n\r\n", .invalidRequestLine),
        ("GET  /chat HTTP/1.1\r\n\r\n", .invalidTarget),
        ("GET /a b HTTP/1.1\r\n\r\n", .invalidVersion),
        ("GET /\u{FC} HTTP/1.1\r\n\r\n", .invalidTarget),
        ("GET /\u{7F} HTTP/1.1\r\n\r\n", .invalidTarget),
        ("GE(T / HTTP/1.1\r\n\r\n", .invalidMethod),
        (" GET / HTTP/1.1\r\n\r\n", .invalidMethod),
        ("GET / HTTP/1.1 \r\n\r\n", .invalidVersion),
        ("GET / http/1.1\r\n\r\n", .invalidVersion),
        ("GET / HTTP/1.10\r\n\r\n", .invalidVersion),
        ("GET / HTTP/1\r\n\r\n", .invalidVersion),
        ("GET / HTTP/1.1\r\r\n\r\n", .invalidVersion),
        ("GET / HTTP/1.1\r\nHost : a\r\n\r\n", .whitespaceBeforeColon),
        ("GET / HTTP/1.1\r\nHost\t: a\r\n\r\n", .whitespaceBeforeColon),
        ("GET / HTTP/1.1\r\nHost: a\r\n b\r\n\r\n", .obsoleteLineFolding),
        ("GET / HTTP/1.1\r\nHost: a\r\n\tb\r\n\r\n", .obsoleteLineFolding),
        ("GET / HTTP/1.1\r\n Host: a\r\n\r\n", .whitespaceBeforeFirstField),
        ("GET / HTTP/1.1\r\nHo@st: a\r\n\r\n", .invalidFieldName),
        ("GET / HTTP/1.1\r\n: a\r\n\r\n", .invalidFieldName),
        ("GET / HTTP/1.1\r\nHo st: a\r\n\r\n", .invalidFieldName),
        ("GET / HTTP/1.1\r\nHost a\r\n\r\n", .missingColon),
        ("GET / HTTP/1.1\r\nHost\r\n\r\n", .missingColon),
        ("GET / HTTP/1.1\r\nA: b\u{0}c\r\n\r\n", .invalidFieldValue),
        ("GET / HTTP/1.1\r\nA: b\rc\r\n\r\n", .invalidFieldValue),
        ("GET / HTTP/1.1\r\nA: b\r\r\n\r\n", .invalidFieldValue),
    ])
    func malformed(input: String, expected: HTTPParseError) {
        let error = rejection(input)
        #expect(error == expected)
        #expect(error?.status == .badRequest)
        #expect(error?.reason.isEmpty == false)
    }

    @Test("§2.3: a version other than HTTP/1.x is 505", arguments: ["HTTP/2.0", "HTTP/3.0", "HTTP/0.9"])
    func unsupportedVersion(version: String) {
        let error = rejection("GET / \(version)\r\nHost: a\r\n\r\n")
        #expect(error == .unsupportedVersion(HTTPVersion(major: Int(version.utf8.dropFirst(5).first! - 0x30),
                                                            minor: Int(version.utf8.last! - 0x30))))
        #expect(error?.status == .httpVersionNotSupported)
    }

    @Test("the HTTP/2 connection preface is answered 505")
    func http2Preface() {
        #expect(rejection("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n")?.status.code == 505)
    }
}
