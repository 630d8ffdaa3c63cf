import Testing
import WSProtocol

@Suite("RFC 6585 §5 and RFC 9112 §2-5: head limits, enforced as bytes arrive")
struct HeadLimitTests {
    /// A head of exactly `count` bytes: a request line, then one field padded to fit.
    func head(ofCount count: Int) -> String {
        let fixed = "GET / HTTP/1.1\r\nX: \r\n\r\n"
        return "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: count - fixed.utf8.count) + "\r\n\r\n"
    }

    @Test("a head of exactly maxHeadBytes is accepted; one byte more is 431")
    func sizeLimit() {
        let limits = HTTPHeadLimits(maxHeadBytes: 64)
        let atLimit = bytes(head(ofCount: 64))
        #expect(atLimit.count == 64)
        guard case .complete(_, 64) = feedAllWays(HTTPRequestHeadParser.self, atLimit, limits: limits) else {
            Issue.record("a 64-byte head should pass a 64-byte limit")
            return
        }
        let error = rejection(head(ofCount: 65), limits: limits)
        #expect(error == .headTooLarge(limit: 64))
        #expect(error?.status == .requestHeaderFieldsTooLarge)
    }

    @Test("a head that never ends is refused once it passes the limit, not when it ends")
    func neverEndingHead() {
        let limits = HTTPHeadLimits(maxHeadBytes: 64)
        let endless = bytes("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 100))
        #expect(feedAllWays(HTTPRequestHeadParser.self, Array(endless[..<64]), limits: limits) == .needMoreData)
        #expect(feedAllWays(HTTPRequestHeadParser.self, Array(endless[..<65]), limits: limits)
            == .failed(.headTooLarge(limit: 64)))
        let blankLines = bytes(String(repeating: "\r\n", count: 33))
        #expect(feedAllWays(HTTPRequestHeadParser.self, blankLines, limits: limits) == .failed(.headTooLarge(limit: 64)))
    }

    @Test("the default limit is 8192 bytes")
    func defaultSizeLimit() {
        var parser = HTTPRequestHeadParser()
        let endless = bytes("GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 8192))
        #expect(throws: HTTPParseError.headTooLarge(limit: 8192)) { try parser.parse(endless) }
        var another = HTTPRequestHeadParser()
        #expect((try? another.parse(Array(endless[..<8192]))) == .needMoreData)
        #expect(throws: HTTPParseError.headTooLarge(limit: 8192)) { try another.parse([0x61]) }
    }

    @Test("maxHeaderCount fields are accepted; one more is 431, before the head ends")
    func countLimit() {
        let limits = HTTPHeadLimits(maxHeaderCount: 3)
        let three = bytes("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n")
        guard case .complete(let head, _) = feedAllWays(HTTPRequestHeadParser.self, three, limits: limits) else {
            Issue.record("three fields should pass a limit of three")
            return
        }
        #expect(head.headers.count == 3)
        let fourUnfinished = bytes("GET / HTTP/1.1\r\nA: 1\r\nB: 2\r\nC: 3\r\nD: 4\r\n")
        let outcome = feedAllWays(HTTPRequestHeadParser.self, fourUnfinished, limits: limits)
        #expect(outcome == .failed(.tooManyHeaders(limit: 3)))
        #expect(HTTPParseError.tooManyHeaders(limit: 3).status == .requestHeaderFieldsTooLarge)
    }

    @Test("the default count limit is 100 fields")
    func defaultCountLimit() {
        let fields = (0...100).map { "X\($0): v\r\n" }.joined()
        var parser = HTTPRequestHeadParser()
        #expect(throws: HTTPParseError.tooManyHeaders(limit: 100)) { try parser.parse(bytes("GET / HTTP/1.1\r\n" + fields)) }
        var accepting = HTTPRequestHeadParser()
        let hundred = "GET / HTTP/1.1\r\n" + (1...100).map { "X\($0): v\r\n" }.joined() + "\r\n"
        guard case .complete(let head, _) = try? accepting.parse(bytes(hundred)) else {
            Issue.record("100 fields should pass")
            return
        }
        #expect(head.headers.count == 100)
    }
}
