/// Reads a complete head, already framed by `HTTPHeadFramer`, line by line:
/// the start line for the caller to interpret, then the field lines of RFC
/// 9112 section 5 (`field-name ":" OWS field-value OWS`).
struct HTTPHeadReader {
    /// Whether a field line starting with whitespace continues the previous
    /// one (obs-fold). A server "MUST either reject the message by sending a
    /// 400 (Bad Request) ... or replace each received obs-fold with one or
    /// more SP octets" and we reject; "A user agent that receives an obs-fold
    /// in a response message ... MUST replace each received obs-fold with one
    /// or more SP octets", so the client's parser unfolds (section 5.2).
    enum Folding { case reject, unfold }

    private let bytes: UnsafeRawBufferPointer
    private var position = 0

    /// `bytes` must run through the empty line that ends the head.
    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    /// The start line, past any empty lines before it, without its line ending.
    mutating func startLine() -> UnsafeRawBufferPointer {
        while let line = nextLine() {
            if !line.isEmpty { return line }
        }
        return UnsafeRawBufferPointer(rebasing: bytes[bytes.count..<bytes.count])
    }

    /// The field lines up to the empty line that ends the head.
    mutating func headers(folding: Folding) throws(HTTPParseError) -> HTTPHeaders {
        var headers = HTTPHeaders()
        headers.reserveCapacity(8)
        while let line = nextLine(), !line.isEmpty {
            if ASCII.isWhitespace(line[0]) {
                guard !headers.isEmpty else { throw .whitespaceBeforeFirstField }
                switch folding {
                case .reject: throw .obsoleteLineFolding
                case .unfold: headers.appendToLastValue(try Self.value(line, 0..<line.count))
                }
                continue
            }
            let field = try Self.field(line)
            headers.add(name: field.name, value: field.value)
        }
        return headers
    }

    /// The next line without its LF or CRLF; nil past the end.
    private mutating func nextLine() -> UnsafeRawBufferPointer? {
        guard position < bytes.count else { return nil }
        var end = position
        while end < bytes.count, bytes[end] != ASCII.lf { end += 1 }
        let next = end + 1
        if end > position, bytes[end - 1] == ASCII.cr { end -= 1 }
        defer { position = next }
        return UnsafeRawBufferPointer(rebasing: bytes[position..<end])
    }

    /// Splits one field line. "No whitespace is allowed between the field
    /// name and colon ... A server MUST reject, with a response status code
    /// of 400 (Bad Request), any received request message that contains
    /// whitespace between a header field name and colon" (section 5.1).
    private static func field(_ line: UnsafeRawBufferPointer) throws(HTTPParseError) -> HTTPHeaders.Field {
        var colon = 0
        while colon < line.count, ASCII.isTokenChar(line[colon]) { colon += 1 }
        guard colon < line.count else { throw .missingColon }
        if line[colon] != ASCII.colon {
            var after = colon
            while after < line.count, ASCII.isWhitespace(line[after]) { after += 1 }
            if after > colon, after < line.count, line[after] == ASCII.colon { throw .whitespaceBeforeColon }
            throw line[colon...].contains(ASCII.colon) ? .invalidFieldName : .missingColon
        }
        guard colon > 0 else { throw .invalidFieldName }
        let name = String(decoding: UnsafeRawBufferPointer(rebasing: line[0..<colon]), as: UTF8.self)
        return (name: name, value: try value(line, colon + 1..<line.count))
    }

    /// The field value without the OWS around it. "Field values containing
    /// CR, LF, or NUL characters are invalid and dangerous ... a recipient
    /// MUST either reject the message or replace each of those characters
    /// with SP" (RFC 9110 section 5.5); we reject. Other bytes, obs-text
    /// included, are kept; non-UTF-8 sequences become U+FFFD.
    private static func value(_ line: UnsafeRawBufferPointer, _ range: Range<Int>) throws(HTTPParseError) -> String {
        let trimmed = ASCII.trimmingWhitespace(line, range)
        for index in trimmed where line[index] == ASCII.nul || line[index] == ASCII.cr {
            throw .invalidFieldValue
        }
        return String(decoding: UnsafeRawBufferPointer(rebasing: line[trimmed]), as: UTF8.self)
    }
}
