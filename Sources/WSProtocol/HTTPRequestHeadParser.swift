/// Incremental parser of one HTTP/1.1 request head, fed chunks as they are
/// read; any split of the input gives the same result.
///
/// ```
/// var parser = HTTPRequestHeadParser()
/// switch try parser.parse(chunk) {
/// case .needMoreData: break                          // read more
/// case .complete(let head, let consumed): ...        // chunk[consumed...] is not the head's
/// }
/// ```
///
/// After `.complete` the parser is ready for another head; after an error
/// every call throws it again.
public struct HTTPRequestHeadParser: Sendable {
    private var framer: HTTPHeadFramer

    public init(limits: HTTPHeadLimits = HTTPHeadLimits()) {
        framer = HTTPHeadFramer(limits: limits)
    }

    public mutating func parse(
        _ chunk: UnsafeRawBufferPointer
    ) throws(HTTPParseError) -> HTTPHeadParseResult<HTTPRequestHead> {
        try framer.frame(chunk, read: Self.read)
    }

    public mutating func parse(_ chunk: [UInt8]) throws(HTTPParseError) -> HTTPHeadParseResult<HTTPRequestHead> {
        // Array.withUnsafeBytes rethrows untyped errors; Result carries the typed one out.
        try chunk.withUnsafeBytes { bytes in Result { () throws(HTTPParseError) in try parse(bytes) } }.get()
    }

    private static func read(_ bytes: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPRequestHead {
        var reader = HTTPHeadReader(bytes)
        var head = try requestLine(reader.startLine())
        head.headers = try reader.headers(folding: .reject)
        return head
    }

    /// `request-line = method SP request-target SP HTTP-version` (section 3),
    /// read strictly: one SP each, as the grammar says. The looser reading
    /// the RFC permits is what request-smuggling filters disagree on.
    static func requestLine(_ line: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPRequestHead {
        guard let firstSpace = line.firstIndex(of: ASCII.space),
              let secondSpace = line[(firstSpace + 1)...].firstIndex(of: ASCII.space)
        else { throw .invalidRequestLine }
        let method = line[0..<firstSpace]
        let target = line[(firstSpace + 1)..<secondSpace]
        guard !method.isEmpty, method.allSatisfy(ASCII.isTokenChar) else { throw .invalidMethod }
        guard !target.isEmpty, target.allSatisfy(ASCII.isVisible) else { throw .invalidTarget }
        let version = try HTTPVersion.parse(UnsafeRawBufferPointer(rebasing: line[(secondSpace + 1)...]))
        return HTTPRequestHead(
            method: String(decoding: UnsafeRawBufferPointer(rebasing: method), as: UTF8.self),
            target: String(decoding: UnsafeRawBufferPointer(rebasing: target), as: UTF8.self),
            version: version)
    }
}
