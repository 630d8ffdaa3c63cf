/// Incremental parser of one HTTP/1.x response head, for the client reading
/// the answer to its opening handshake. Same contract as
/// `HTTPRequestHeadParser`: any split, `consumed` bytes of the final chunk.
public struct HTTPResponseHeadParser: Sendable {
    private var framer: HTTPHeadFramer

    public init(limits: HTTPHeadLimits = HTTPHeadLimits()) {
        framer = HTTPHeadFramer(limits: limits)
    }

    public mutating func parse(
        _ chunk: UnsafeRawBufferPointer
    ) throws(HTTPParseError) -> HTTPHeadParseResult<HTTPResponseHead> {
        try framer.frame(chunk, read: Self.read)
    }

    public mutating func parse(_ chunk: [UInt8]) throws(HTTPParseError) -> HTTPHeadParseResult<HTTPResponseHead> {
        // Array.withUnsafeBytes rethrows untyped errors; Result carries the typed one out.
        try chunk.withUnsafeBytes { bytes in Result { () throws(HTTPParseError) in try parse(bytes) } }.get()
    }

    private static func read(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPResponseHead {
        var reader = HTTPHeadReader(bytes)
        var head = try statusLine(reader.startLine())
        head.headers = try reader.headers(folding: .unfold)
        return head
    }

    /// `status-line = HTTP-version SP status-code SP [ reason-phrase ]`
    /// (section 4). A missing SP after the code is tolerated, since the
    /// phrase is optional and "a client SHOULD ignore the reason-phrase content".
    static func statusLine(_ line: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPResponseHead {
        guard line.count >= 12, line[8] == ASCII.space, line.count == 12 || line[12] == ASCII.space
        else { throw .invalidStatusLine }
        let version = try HTTPVersion.parse(UnsafeRawBufferPointer(rebasing: line[0..<8]))
        let digits = line[9..<12]
        guard digits.allSatisfy(ASCII.isDigit) else { throw .invalidStatusLine }
        let code = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        guard (100...599).contains(code) else { throw .invalidStatusLine }
        let phrase = line.count > 13 ? line[13...] : line[line.count...]
        guard phrase.allSatisfy({ $0 == ASCII.tab || $0 >= ASCII.space && $0 != ASCII.delete }) else {
            throw .invalidStatusLine
        }
        let reason = String(decoding: UnsafeRawBufferPointer(rebasing: phrase), as: UTF8.self)
        return HTTPResponseHead(version: version, status: HTTPStatus(code: code, reason: reason))
    }
}
