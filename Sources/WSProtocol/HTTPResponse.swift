/// A response the server writes and then, unless it switched protocols,
/// closes the connection after: `Connection: close` is added to every status
/// but 101, and `Content-Length` to every status that may carry a body.
public struct HTTPResponse: Equatable, Sendable {
    public var status: HTTPStatus
    /// Written in order after the status line. `Content-Length` and
    /// `Connection: close` are added by `append(to:)`, so they do not belong
    /// here; a 101 brings its own `Connection: Upgrade`.
    public var headers: HTTPHeaders
    public var body: [UInt8]

    public init(status: HTTPStatus, headers: HTTPHeaders = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A `text/plain` response whose body is the status and `message` on one
    /// line ("426 Upgrade Required: unsupported WebSocket version").
    public static func plainText(
        _ status: HTTPStatus, _ message: String? = nil, headers: HTTPHeaders = [:]
    ) -> HTTPResponse {
        var withType = headers
        withType.add(name: "Content-Type", value: "text/plain; charset=utf-8")
        let text = message.map { "\(status): \($0)\n" } ?? "\(status)\n"
        return HTTPResponse(status: status, headers: withType, body: Array(text.utf8))
    }

    /// The whole response, in one array reserved once.
    public var bytes: [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(estimatedHeadCount + body.count)
        append(to: &out)
        return out
    }

    /// Appends the whole response to `out`.
    public func append(to out: inout [UInt8]) {
        Self.appendStatusLine(status, to: &out)
        for field in headers { HTTPHeadWriter.appendField(field.name, field.value, to: &out) }
        // "A server MUST NOT send a Content-Length header field in any response
        // with a status code of 1xx (Informational) or 204 (No Content)" (RFC 9110 section 8.6).
        if status.code >= 200, status.code != 204 {
            out.append(contentsOf: "Content-Length: ".utf8)
            HTTPHeadWriter.appendDecimal(body.count, to: &out)
            HTTPHeadWriter.appendLineEnd(to: &out)
        }
        if status.code != 101 { out.append(contentsOf: "Connection: close\r\n".utf8) }
        HTTPHeadWriter.appendLineEnd(to: &out)
        out.append(contentsOf: body)
    }

    /// Room for the head: the fields plus the status line and our own fields.
    private var estimatedHeadCount: Int {
        headers.reduce(64 + status.reason.utf8.count) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 }
    }

    private static func appendStatusLine(_ status: HTTPStatus, to out: inout [UInt8]) {
        out.append(contentsOf: "HTTP/1.1 ".utf8)
        HTTPHeadWriter.appendDecimal(status.code, to: &out)
        out.append(ASCII.space)
        HTTPHeadWriter.appendText(status.reason, to: &out)
        HTTPHeadWriter.appendLineEnd(to: &out)
    }
}
